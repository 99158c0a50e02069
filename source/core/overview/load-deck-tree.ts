// Reads what the deck tree needs from a collection: decks, card totals, and the scheduler's
// deck-browser counts for today.
import type {Collection} from '../collection/types.js';
import {cardCountsByDeck} from '../collection/queries.js';
import {deckTreeCounts} from '../scheduler/deck-counts.js';
import {buildDeckTree, type DeckNode} from './deck-tree.js';

export function loadDeckTree(collection: Collection, now: Date): DeckNode[] {
	return buildDeckTree({
		decks: collection.adapter.decks(),
		cardsPerDeck: cardCountsByDeck(collection),
		dueCounts: deckTreeCounts(collection, now),
	});
}
