// Reads what a package's collection holds for import (rslib import_export/gather.rs) besides its rows:
// the notetypes its notes use, the decks its cards sit in (with their parents) and those decks'
// option groups. Notes, cards and review history are merged straight from the attached file by SQL.
import type Database from 'better-sqlite3';
import type {Deck, DeckConfig, Notetype} from '../model.js';
import type {SchemaAdapter} from '../collection/types.js';
import {dayTiming} from '../scheduler/timing.js';

export interface SourceData {
	/** The source collection's day number now (to shift review due days). */
	today: number;
	notetypes: Notetype[];
	decks: Deck[];
	deckConfigs: DeckConfig[];
}

export function configNumber(adapter: SchemaAdapter, key: string): number | null {
	const value = adapter.getConfig(key);
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Day number of a collection now, by Anki's rules (v1, v2 legacy, v2 with creationOffset). */
export function collectionToday(db: Database.Database, adapter: SchemaAdapter, nowSecs: number): number {
	const crt = db.prepare('SELECT crt FROM col').pluck().get() as number;
	return dayTiming({
		crt,
		now: nowSecs,
		rollover: configNumber(adapter, 'rollover'),
		creationOffset: configNumber(adapter, 'creationOffset'),
		schedVer: configNumber(adapter, 'schedVer'),
	}).today;
}

export function gatherSource(db: Database.Database, adapter: SchemaAdapter, nowSecs: number): SourceData {
	const usedNotetypes = new Set(db.prepare('SELECT DISTINCT mid FROM notes').pluck().all() as number[]);
	const notetypes = adapter.notetypes().filter(nt => usedNotetypes.has(nt.id));

	const allDecks = adapter.decks();
	const byId = new Map(allDecks.map(d => [d.id, d]));
	const byName = new Map(allDecks.map(d => [d.name.toLowerCase(), d]));
	// The decks cards sit in, and the home decks of cards in filtered decks.
	const wanted = new Set(db.prepare('SELECT did FROM cards UNION SELECT odid FROM cards WHERE odid != 0').pluck().all() as number[]);
	// Every other deck the package brought, except an empty Default deck (it exists everywhere).
	const withCards = new Set(wanted);
	for (const d of allDecks) if (d.id !== 1 && (d.normal || withCards.has(d.id))) wanted.add(d.id);
	for (const id of [...wanted]) {
		const deck = byId.get(id);
		if (!deck) continue;
		const parts = deck.name.split('::');
		for (let i = 1; i < parts.length; i++) {
			const parent = byName.get(parts.slice(0, i).join('::').toLowerCase());
			if (parent) wanted.add(parent.id);
		}
	}
	const decks = allDecks.filter(d => wanted.has(d.id));
	const usedConfigs = new Set(decks.flatMap(d => (d.normal ? [d.normal.configId] : [])));
	const deckConfigs = adapter.deckConfigs().filter(c => usedConfigs.has(c.id));
	return {today: collectionToday(db, adapter, nowSecs), notetypes, decks, deckConfigs};
}

/** Anki's "scheduling included" test: any card not in the new queue. */
export function schedulingIncluded(db: Database.Database): boolean {
	return db.prepare('SELECT 1 FROM cards WHERE queue != 0 LIMIT 1').get() !== undefined;
}
