// Today's study counters of a deck and its parents (rslib decks/stats.rs update_deck_stats).
import type {Collection} from '../collection/types.js';
import {CardQueue, type Deck} from '../model.js';
import type {DeckIndex} from './collection-settings.js';

export function cloneDeck(deck: Deck): Deck {
	return structuredClone(deck);
}

/**
 * Counts one answer against the deck the card is in (the filtered deck while inside one) and
 * all its parents. Returns the decks as they were, for undo.
 */
export function recordAnswerInDecks(
	col: Collection,
	index: DeckIndex,
	deckId: number,
	previousQueue: number,
	millis: number,
	today: number,
	nowSecs: number,
): Deck[] {
	const before: Deck[] = [];
	for (const deck of index.selfAndAncestors(deckId)) {
		before.push(cloneDeck(deck));
		if (deck.today.day !== today) {
			deck.today = {day: today, newStudied: 0, reviewStudied: 0, learningStudied: 0, millisecondsStudied: 0};
		}
		if (previousQueue === CardQueue.New) deck.today.newStudied += 1;
		else if (previousQueue === CardQueue.Review || previousQueue === CardQueue.DayLearn) deck.today.reviewStudied += 1;
		deck.today.millisecondsStudied += millis;
		deck.mtimeSecs = nowSecs;
		deck.usn = -1;
		col.adapter.updateDeck(deck, nowSecs);
	}
	return before;
}
