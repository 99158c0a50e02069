// Reads what a package's collection holds for import (rslib import_export/gather.rs): notes, their
// cards and review history, the notetypes the notes use, the decks the cards sit in (with their
// parents) and those decks' option groups.
import type Database from 'better-sqlite3';
import type {Card, Deck, DeckConfig, Notetype, RevlogEntry} from '../model.js';
import type {SchemaAdapter} from '../collection/types.js';
import {dayTiming} from '../scheduler/timing.js';
import type {NoteRow} from '../collection/notes.js';

export type {NoteRow} from '../collection/notes.js';

export interface SourceData {
	/** The source collection's day number now (to shift review due days). */
	today: number;
	notes: NoteRow[];
	cards: Card[];
	/** Review history of the given source cards (read on demand: a re-import needs none). */
	revlogOf: (cardIds: readonly number[]) => RevlogEntry[];
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
	const notes = db.prepare('SELECT id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data FROM notes ORDER BY id').all() as NoteRow[];
	const cards = db
		.prepare('SELECT id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data FROM cards ORDER BY id')
		.all() as Card[];

	const usedNotetypes = new Set(notes.map(n => n.mid));
	const notetypes = adapter.notetypes().filter(nt => usedNotetypes.has(nt.id));

	const allDecks = adapter.decks();
	const byId = new Map(allDecks.map(d => [d.id, d]));
	const byName = new Map(allDecks.map(d => [d.name.toLowerCase(), d]));
	const wanted = new Set<number>();
	for (const c of cards) {
		wanted.add(c.did);
		if (c.odid) wanted.add(c.odid);
	}
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

	const revlogOf = (cardIds: readonly number[]): RevlogEntry[] => {
		const out: RevlogEntry[] = [];
		for (let i = 0; i < cardIds.length; i += 500) {
			const chunk = cardIds.slice(i, i + 500);
			out.push(
				...(db
					.prepare(`SELECT id, cid, usn, ease, ivl, lastIvl, factor, time, type FROM revlog WHERE cid IN (${chunk.map(() => '?').join(',')})`)
					.all(...chunk) as RevlogEntry[]),
			);
		}
		return out.sort((a, b) => a.id - b.id);
	};
	return {today: collectionToday(db, adapter, nowSecs), notes, cards, revlogOf, notetypes, decks, deckConfigs};
}

/** Anki's "scheduling included" test: any card not in the new queue. */
export function schedulingIncluded(db: Database.Database): boolean {
	return db.prepare('SELECT 1 FROM cards WHERE queue != 0 LIMIT 1').get() !== undefined;
}
