// Real collections to build filtered decks, run custom study and change decks on: the project's
// own schema 11 and 18 fixtures (every queue populated) and, when ../shared is there, collections
// made by Anki (schema 11 with review history, schema 14, schema 18 with unicase). Always copies.
import path from 'node:path';
import type {Collection} from '../../source/core/collection/types.js';
import {openCollection} from '../../source/core/collection/open.js';
import type {Card, Deck} from '../../source/core/model.js';
import {getCard} from '../../source/core/collection/cards.js';
import {upgradeV1SchedulerIfNeeded} from '../../source/core/scheduler/upgrade-v1.js';
import {openSharedCopy} from '../collection/helpers.js';
import {openReal} from '../notes/helpers.js';
import {copyToTemp, hasShared, projectRoot} from '../helpers/shared.js';

export interface Opened {
	col: Collection;
	close: () => void;
}

export interface Source {
	name: string;
	schema: number;
	shared: boolean;
	open: () => Promise<Opened>;
}

function project(file: string): () => Promise<Opened> {
	return async () => {
		const copy = copyToTemp(path.join(projectRoot, 'fixtures', file));
		const col = openCollection(copy.file);
		return {
			col,
			close: () => {
				col.close();
				copy.cleanup();
			},
		};
	};
}

export const sources: Source[] = [
	{name: 'project schema 11', schema: 11, shared: false, open: project('schema11.anki2')},
	{name: 'project schema 18', schema: 18, shared: false, open: project('schema18.anki2')},
	{name: 'Anki schema 11 (legacy colpkg, review history)', schema: 11, shared: true, open: async () => {
		const real = await openReal(11);
		return {col: real.col, close: real.close};
	}},
	{name: 'Anki schema 14 (4,110 cards, upgraded from the v1 scheduler)', schema: 14, shared: true, open: async () => {
		const {collection} = openSharedCopy('schema14-japanese-furigana.anki2');
		// Still on Anki's v1 scheduler: every command upgrades such a collection first, as Anki does.
		upgradeV1SchedulerIfNeeded(collection, Date.now());
		return {col: collection, close: () => collection.close()};
	}},
	{name: 'Anki schema 18 (two decks, unicase)', schema: 18, shared: true, open: async () => {
		const real = await openReal(18);
		return {col: real.col, close: real.close};
	}},
];

/** The sources this run can use (shared ones only when ../shared exists). */
export function availableSources(): Source[] {
	return sources.filter(source => !source.shared || hasShared);
}

/** Every card row, by id. */
export function allCards(col: Collection): Map<number, Card> {
	const ids = col.db.prepare('SELECT id FROM cards ORDER BY id').pluck().all() as number[];
	return new Map(ids.map(id => [id, getCard(col.db, id)!]));
}

/** A row without the columns every write bumps. */
export function withoutStamp(card: Card): Omit<Card, 'mod' | 'usn'> {
	const {mod: _mod, usn: _usn, ...rest} = card;
	return rest;
}

export function deckByName(col: Collection, name: string): Deck {
	const deck = col.adapter.decks().find(d => d.name === name);
	if (!deck) throw new Error(`no deck ${name}`);
	return deck;
}

/** The normal deck with the most cards (as home deck), to study from. */
export function biggestDeck(col: Collection): Deck {
	const row = col.db
		.prepare('SELECT CASE WHEN odid != 0 THEN odid ELSE did END AS home, count(*) AS n FROM cards GROUP BY home ORDER BY n DESC LIMIT 1')
		.get() as {home: number};
	return col.adapter.decks().find(d => d.id === row.home)!;
}
