// Small read helpers for commands (`decks`) that work the same in every schema.
import type {Collection} from './types.js';

function countsBy(collection: Collection, sql: string): Map<number, number> {
	const rows = collection.db.prepare(sql).raw().all() as Array<[number, number]>;
	return new Map(rows);
}

/** Cards whose current deck is each deck (Anki's deck tree `total_in_deck`: cards grouped by did). */
export function cardCountsByDeck(collection: Collection): Map<number, number> {
	return countsBy(collection, 'SELECT did, count() FROM cards GROUP BY did');
}

/** Whether the collection holds any card. */
export function collectionHasCards(collection: Collection): boolean {
	return collection.db.prepare('SELECT EXISTS (SELECT 1 FROM cards)').pluck().get() === 1;
}

/** Whether a deck holds a card itself (its `did`; not its subdecks). */
export function deckHasCards(collection: Collection, deckId: number): boolean {
	return collection.db.prepare('SELECT EXISTS (SELECT 1 FROM cards WHERE did = ?)').pluck().get(deckId) === 1;
}

/**
 * Cards per home deck: a card borrowed by a filtered deck counts for its original deck (odid),
 * as Anki's `deck:` search and the deck options' card counts do.
 */
export function cardCountsByHomeDeck(collection: Collection): Map<number, number> {
	return countsBy(collection, 'SELECT CASE WHEN odid != 0 THEN odid ELSE did END AS home, count() FROM cards GROUP BY home');
}

/** Cards per notetype, e.g. to tell which notetypes are in use. */
export function noteCountsByNotetype(collection: Collection): Map<number, number> {
	return countsBy(collection, 'SELECT mid, count() FROM notes GROUP BY mid');
}
