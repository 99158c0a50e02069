// Creating, renaming and deleting decks as Anki does (rslib decks/{addupdate,name,remove}.rs):
// names normalized, a taken name made unique with "+", missing parents created and the closest
// existing parent's spelling kept, children following a rename, and a deleted normal deck taking
// its cards (and notes left without cards) with it, each leaving a grave for the next sync.
// Every operation is one write transaction and one undoable step.
import type {Collection} from '../collection/types.js';
import {getCard, updateCard} from '../collection/cards.js';
import {defaultDeck} from '../collection/ddl-defaults.js';
import {StudyError, UsageError} from '../errors.js';
import {unknownDeckError} from '../overview/deck-names.js';
import type {Deck} from '../model.js';
import {returnedHome} from '../scheduler/filtered-card.js';
import {deckWithName, descendantsOf, normalizeDeckName, parentName} from './deck-names.js';
import {StudyMessage} from './messages.js';

/** Anki's operation names (ftl actions-*), as undo shows them. */
export const DeckOp = {AddDeck: 'Add Deck', RenameDeck: 'Rename Deck', RemoveDeck: 'Delete Deck'} as const;

export interface WriteOptions {
	/** Clock (ms); default now. */
	nowMs?: number;
}

const DEFAULT_DECK_ID = 1;

/** Deck::new_normal with a name: preset 1, collapsed in both lists (as Anki stores a new deck). */
export function newNormalDeck(name: string): Deck {
	return {...defaultDeck(), id: 0, name};
}

/** The deck the user named (normalized and compared as Anki does), or a usage error listing some. */
export function deckNamed(col: Collection, name: string): Deck {
	const decks = col.adapter.decks();
	const deck = deckWithName(decks, normalizeDeckName(name));
	if (!deck) throw unknownDeckError(decks, name);
	return deck;
}

function requireName(name: string): string {
	if (name.trim() === '') throw new UsageError('A deck name is required.');
	return normalizeDeckName(name);
}

/** Adds "+" until no other deck has the name (ensure_deck_name_unique). */
function uniqueName(decks: readonly Deck[], name: string, selfId: number): string {
	let candidate = name;
	for (;;) {
		const other = deckWithName(decks, candidate);
		if (!other || other.id === selfId) return candidate;
		candidate += '+';
	}
}

/** The nearest existing ancestor of a name (first_existing_parent). */
function firstExistingParent(decks: readonly Deck[], name: string): Deck | undefined {
	for (let parent = parentName(name); parent !== null; parent = parentName(parent)) {
		const deck = deckWithName(decks, parent);
		if (deck) return deck;
	}
	return undefined;
}

/** Adds a normal deck for every missing ancestor of `name` (create_missing_parents). */
function createMissingParents(col: Collection, name: string, nowMs: number): void {
	for (let parent = parentName(name); parent !== null; parent = parentName(parent)) {
		if (!deckWithName(col.adapter.decks(), parent)) {
			col.adapter.addDeck({...newNormalDeck(parent), id: nowMs}, Math.floor(nowMs / 1000));
		}
	}
}

/**
 * The name a deck takes under its nearest existing parent, spelled as that parent is, creating the
 * parents in between (match_or_create_parents). A filtered parent cannot have children.
 */
function matchOrCreateParents(col: Collection, name: string, nowMs: number): string {
	const parent = firstExistingParent(col.adapter.decks(), name);
	if (!parent) {
		createMissingParents(col, name, nowMs);
		return name;
	}
	if (parent.filtered) throw new StudyError(StudyMessage.FilteredParent);
	const levels = name.split('::');
	const parentLevels = parent.name.split('::').length;
	const matched = [parent.name, ...levels.slice(parentLevels)].join('::');
	if (parentLevels !== levels.length - 1) createMissingParents(col, matched, nowMs);
	return matched;
}

/** Adds a deck (any kind) with a fresh id; returns the id (add_deck_inner). */
export function addDeckInner(col: Collection, deck: Deck, nowMs: number): number {
	const name = uniqueName(col.adapter.decks(), normalizeDeckName(deck.name), 0);
	const placed = matchOrCreateParents(col, name, nowMs);
	// Anki asks for an id of now in ms, or the largest id + 1 when that is taken.
	return col.adapter.addDeck({...deck, name: placed, id: nowMs}, Math.floor(nowMs / 1000));
}

function sameDeck(a: Deck, b: Deck): boolean {
	const {mtimeSecs: _a, usn: _b, ...x} = a;
	const {mtimeSecs: _c, usn: _d, ...y} = b;
	return JSON.stringify(x) === JSON.stringify(y);
}

/**
 * Writes a changed deck back (update_deck_inner): a new name is made unique and placed under its
 * parents, the children move with it, and parents that no longer exist are created.
 */
export function updateDeckInner(col: Collection, deck: Deck, original: Deck, nowMs: number): void {
	const nowSecs = Math.floor(nowMs / 1000);
	const updated: Deck = {...deck, name: uniqueName(col.adapter.decks(), normalizeDeckName(deck.name), deck.id)};
	if (sameDeck(updated, original)) return;
	const renamed = updated.name !== original.name;
	if (renamed) {
		updated.name = matchOrCreateParents(col, updated.name, nowMs);
		for (const child of descendantsOf(col.adapter.decks(), original)) {
			col.adapter.updateDeck({...child, name: updated.name + child.name.slice(original.name.length)}, nowSecs);
		}
	}
	col.adapter.updateDeck(updated, nowSecs);
	// Moving a deck under its own child leaves the old name free: its parents are created again.
	if (renamed) createMissingParents(col, updated.name, nowMs);
}

/**
 * Creates a normal deck (and any missing parents). A name that already exists gives that deck,
 * unchanged, as Anki's "Create Deck" does. Returns the deck's id and whether it was created.
 */
export function createDeck(col: Collection, name: string, options: WriteOptions = {}): {id: number; created: boolean} {
	const wanted = requireName(name);
	const existing = deckWithName(col.adapter.decks(), wanted);
	if (existing) return {id: existing.id, created: false};
	const nowMs = options.nowMs ?? Date.now();
	const id = col.undo.run(DeckOp.AddDeck, () => addDeckInner(col, newNormalDeck(wanted), nowMs), {nowMs});
	return {id, created: true};
}

/** Renames a deck; `::` in the new name moves it (and its subdecks) under another deck. Returns the name it got. */
export function renameDeck(col: Collection, deckId: number, newName: string, options: WriteOptions = {}): string {
	const wanted = requireName(newName);
	const nowMs = options.nowMs ?? Date.now();
	return col.undo.run(
		DeckOp.RenameDeck,
		() => {
			const original = col.adapter.decks().find(d => d.id === deckId);
			if (!original) throw new UsageError(`No deck with id ${deckId}.`);
			updateDeckInner(col, {...original, name: wanted}, original, nowMs);
			return col.adapter.decks().find(d => d.id === deckId)!.name;
		},
		{nowMs},
	);
}

export interface DeckRemoval {
	/** The deck and its subdecks, parents first. */
	decks: Deck[];
	/** Cards that deleting them deletes: every card of their normal decks, wherever it sits now. */
	cards: number;
}

/** What deleting a deck would take with it (for the confirmation), or an error when Anki refuses it. */
export function deckRemoval(col: Collection, deckId: number): DeckRemoval {
	const all = col.adapter.decks();
	const deck = all.find(d => d.id === deckId);
	if (!deck) throw new UsageError(`No deck with id ${deckId}.`);
	const decks = [deck, ...descendantsOf(all, deck)];
	// Anki 2.1 refused to delete the Default deck; current Anki empties it and keeps it. Refusing
	// loses nothing and keeps the deck every collection must have.
	if (decks.some(d => d.id === DEFAULT_DECK_ID)) {
		throw new UsageError(deck.id === DEFAULT_DECK_ID ? StudyMessage.DefaultDeck : `${StudyMessage.DefaultDeck} "${deck.name}" contains it.`);
	}
	const normal = decks.filter(d => d.normal).map(d => d.id);
	const cards = normal.length === 0 ? 0 : cardsOfDecksCount(col, normal);
	return {decks, cards};
}

function cardsOfDecksCount(col: Collection, dids: readonly number[]): number {
	const list = dids.map(id => Math.trunc(id)).join(',');
	return Number(col.db.prepare(`SELECT count(*) FROM cards WHERE did IN (${list}) OR (odid != 0 AND odid IN (${list}))`).pluck().get());
}

/** The cards whose home is this deck: in it, or in a filtered deck with it as home (cards_for_deck.sql). */
export function cardIdsOfDeck(col: Collection, deckId: number): number[] {
	return col.db.prepare('SELECT id FROM cards WHERE did = ? OR (odid != 0 AND odid = ?)').pluck().all(deckId, deckId) as number[];
}

/** Every card of the filtered deck goes home, as Anki returns them (return_all_cards_in_filtered_deck). */
export function returnFilteredCardsHome(col: Collection, deckId: number, nowMs: number): number {
	const nowSecs = Math.floor(nowMs / 1000);
	const ids = cardIdsOfDeck(col, deckId);
	for (const id of ids) {
		const card = getCard(col.db, id);
		if (card) updateCard(col.db, {...returnedHome(card), mod: nowSecs, usn: -1});
	}
	return ids.length;
}

/** Deletes cards, then the notes left without any, each with its grave (remove_cards_and_orphaned_notes). */
function removeCardsAndOrphanedNotes(col: Collection, cardIds: readonly number[]): number {
	const notes = new Set<number>();
	const noteOf = col.db.prepare('SELECT nid FROM cards WHERE id = ?').pluck();
	const removeCard = col.db.prepare('DELETE FROM cards WHERE id = ?');
	let removed = 0;
	for (const id of cardIds) {
		const nid = noteOf.get(id) as number | undefined;
		if (nid === undefined) continue;
		notes.add(nid);
		col.adapter.addGrave(id, 0);
		removeCard.run(id);
		removed++;
	}
	const hasCards = col.db.prepare('SELECT 1 FROM cards WHERE nid = ? LIMIT 1');
	const removeNote = col.db.prepare('DELETE FROM notes WHERE id = ?');
	for (const nid of notes) {
		if (hasCards.get(nid)) continue;
		col.adapter.addGrave(nid, 1);
		removeNote.run(nid);
	}
	return removed;
}

/**
 * Deletes a deck and its subdecks (remove_decks_and_child_decks): a normal deck's cards are deleted,
 * a filtered deck's cards go home; each deck's `_deck_<id>_` settings go and a grave is left.
 * Returns how many cards were deleted.
 */
export function removeDeck(col: Collection, deckId: number, options: WriteOptions = {}): number {
	const nowMs = options.nowMs ?? Date.now();
	return col.undo.run(
		DeckOp.RemoveDeck,
		() => {
			const {decks} = deckRemoval(col, deckId);
			let cards = 0;
			for (const deck of decks) {
				if (deck.normal) cards += removeCardsAndOrphanedNotes(col, cardIdsOfDeck(col, deck.id));
				else returnFilteredCardsHome(col, deck.id, nowMs);
				col.adapter.removeConfigPrefix(`_deck_${deck.id}_`);
				col.adapter.addGrave(deck.id, 2);
				col.adapter.removeDeck(deck.id);
			}
			return cards;
		},
		{nowMs},
	);
}

/** Whether a name is already some deck's (after Anki's normalization). */
export function deckExists(col: Collection, name: string): boolean {
	return deckWithName(col.adapter.decks(), normalizeDeckName(name)) !== undefined;
}
