// Reads what the deck tree needs from a collection: decks, card totals, and the scheduler's
// deck-browser counts for today.
import type {Collection} from '../collection/types.js';
import {cardCountsByDeck, collectionHasCards, deckHasCards} from '../collection/queries.js';
import {deckTreeCounts} from '../scheduler/deck-counts.js';
import {buildDeckTree, type DeckNode} from './deck-tree.js';

export interface DeckTreeOptions {
	/**
	 * Count every deck's cards (default). The deck list shows no totals, only needs to know an empty
	 * collection (the first-run screen) and an empty Default deck (hidden, as in Anki); without the
	 * count it asks just that, instead of reading the whole card index (a cold 100k-card collection:
	 * tens of ms of disk reads before its first frame).
	 */
	cardTotals?: boolean;
}

export function loadDeckTree(collection: Collection, now: Date, options: DeckTreeOptions = {}): DeckNode[] {
	const decks = collection.adapter.deckListDecks();
	const dueCounts = deckTreeCounts(collection, now, {decks});
	if (options.cardTotals === false && collectionHasCards(collection)) {
		return buildDeckTree({decks, dueCounts, defaultDeckHasCards: deckHasCards(collection, 1)});
	}
	// Every total is 0 in a collection without cards, so counting costs nothing then.
	return buildDeckTree({decks, dueCounts, cardsPerDeck: cardCountsByDeck(collection)});
}
