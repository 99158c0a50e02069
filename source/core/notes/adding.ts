// Which notetype and deck a new note starts with (rslib adding.rs defaults_for_adding, Anki's
// addToCur preference), and finding notetypes, decks and fields by the names users type.
import type {Collection} from '../collection/types.js';
import {compareUnicase, unicaseEqual} from '../collection/unicase-fold.js';
import {UsageError} from '../errors.js';
import type {Deck, Notetype} from '../model.js';

const DEFAULT_DECK_ID = 1;

export interface AddingDefaults {
	notetype: Notetype;
	deck: Deck;
}

function list(names: string[]): string {
	const sorted = [...names].sort(compareUnicase);
	return sorted.slice(0, 8).join(', ') + (sorted.length > 8 ? ', ...' : '');
}

export function notetypeByName(col: Collection, name: string): Notetype {
	const notetypes = col.adapter.notetypes();
	const found = notetypes.find(n => n.name === name) ?? notetypes.find(n => unicaseEqual(n.name, name.trim()));
	if (!found) throw new UsageError(`no notetype named "${name}" in ${col.path}. Notetypes: ${list(notetypes.map(n => n.name))}.`);
	return found;
}

/** A deck new cards can go to: it exists and is not a filtered deck. */
export function deckForCardsByName(col: Collection, name: string): Deck {
	const decks = col.adapter.decks();
	const found = decks.find(d => d.name === name) ?? decks.find(d => unicaseEqual(d.name, name.trim()));
	if (!found) throw new UsageError(`no deck named "${name}" in ${col.path}. Decks: ${list(decks.filter(d => d.normal).map(d => d.name))}.`);
	// Anki's FilteredDeckError::CanNotMoveCardsInto.
	if (!found.normal) throw new UsageError(`"${found.name}" is a filtered deck: cards can't be manually moved into a filtered deck.`);
	return found;
}

/** The index of a notetype's field, by name (case-insensitive as Anki's field names). */
export function fieldIndex(notetype: Notetype, name: string): number {
	const index = notetype.fields.findIndex(f => f.name === name);
	const found = index >= 0 ? index : notetype.fields.findIndex(f => unicaseEqual(f.name, name.trim()));
	if (found < 0) {
		throw new UsageError(`notetype "${notetype.name}" has no field "${name}". Fields: ${notetype.fields.map(f => f.name).join(', ')}.`);
	}
	return found;
}

function configNumber(col: Collection, key: string): number | null {
	const value = col.adapter.getConfig(key);
	return typeof value === 'number' ? value : null;
}

function firstNotetype(notetypes: Notetype[], col: Collection): Notetype {
	const first = [...notetypes].sort((a, b) => compareUnicase(a.name, b.name))[0];
	if (!first) throw new UsageError(`${col.path} has no notetypes; open it in Anki once.`);
	return first;
}

/**
 * The notetype and deck a new note starts with, as Anki's Add window picks them (adding.rs
 * defaults_for_adding; picking one of the two in the window picks the other). With `addToCur` (the
 * default): the deck is the given one, else the current deck unless it is filtered (then the
 * reviewer card's home deck, then Default), and the notetype the one last used with that deck, else
 * the current notetype. Without it: the current notetype and the deck last used with it.
 */
export function addingTarget(
	col: Collection,
	chosen: {deckId?: number; notetypeId?: number; homeDeckOfReviewerCard?: number} = {},
): AddingDefaults {
	const decks = new Map(col.adapter.decks().map(d => [d.id, d]));
	const notetypes = col.adapter.notetypes();
	const byId = (id: number | null | undefined) => (id == null ? undefined : notetypes.find(n => n.id === id));
	const currentNotetype = () => byId(configNumber(col, 'curModel')) ?? firstNotetype(notetypes, col);
	const currentDeck = (): Deck => {
		const current = decks.get(configNumber(col, 'curDeck') ?? DEFAULT_DECK_ID);
		if (current?.normal) return current;
		const home = chosen.homeDeckOfReviewerCard === undefined ? undefined : decks.get(chosen.homeDeckOfReviewerCard);
		if (home) return home;
		const fallback = decks.get(DEFAULT_DECK_ID);
		if (!fallback) throw new UsageError(`${col.path} has no Default deck; open it in Anki and use Check Database.`);
		return fallback;
	};
	const addToCurrent = col.adapter.getConfig('addToCur') !== false;
	const given = chosen.deckId === undefined ? undefined : decks.get(chosen.deckId);
	const deckGiven = given?.normal ? given : undefined;
	const notetypeGiven = byId(chosen.notetypeId);
	if (addToCurrent || deckGiven) {
		const deck = deckGiven ?? currentDeck();
		const notetype = notetypeGiven ?? (addToCurrent ? byId(configNumber(col, `_deck_${deck.id}_lastNotetype`)) : undefined) ?? currentNotetype();
		return {deck, notetype};
	}
	const notetype = notetypeGiven ?? currentNotetype();
	const last = decks.get(configNumber(col, `_nt_${notetype.id}_lastDeck`) ?? -1);
	return {notetype, deck: last?.normal ? last : currentDeck()};
}
