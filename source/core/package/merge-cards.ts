// Cards and review history on import (rslib apkg/import/cards.rs): a card is added when its note
// was imported (or matched) and that note has no card with the same template ord yet; day-based
// due dates move by the difference between the two collections' day numbers; review history
// follows the added cards.
import type Database from 'better-sqlite3';
import {CardQueue, CardType, type Card, type RevlogEntry} from '../model.js';
import type {ImportSummary} from './merge-summary.js';

export interface CardMergeContext {
	noteMap: Map<number, number>;
	deckMap: Map<number, number>;
	/** Days the package's collection is ahead of the target (source today - target today). */
	delta: number;
	nowSecs: number;
}

function dueIsDayNumber(card: Card): boolean {
	return card.queue === CardQueue.Review || card.queue === CardQueue.DayLearn || card.type === CardType.Review;
}

/** Adds the cards and their history; returns the highest new-card position added (-1: none). */
export function mergeCards(
	db: Database.Database,
	cards: Card[],
	revlogOf: (sourceCardIds: readonly number[]) => RevlogEntry[],
	ctx: CardMergeContext,
	summary: ImportSummary,
): number {
	const existingOrds = new Set<string>();
	for (const row of db.prepare('SELECT nid, ord FROM cards').iterate() as Iterable<{nid: number; ord: number}>) {
		existingOrds.add(`${row.nid}:${row.ord}`);
	}
	const takenIds = new Set(db.prepare('SELECT id FROM cards').pluck().all() as number[]);
	const deckIds = new Set<number>([...ctx.deckMap.values(), 1]);
	const insert = db.prepare(
		'INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) ' +
			'VALUES (@id, @nid, @did, @ord, @mod, -1, @type, @queue, @due, @ivl, @factor, @reps, @lapses, @left, @odue, @odid, @flags, @data)',
	);
	const cardMap = new Map<number, number>();
	let maxNewPosition = -1;
	for (const source of cards) {
		const nid = ctx.noteMap.get(source.nid);
		if (nid === undefined || existingOrds.has(`${nid}:${source.ord}`)) continue;
		const card: Card = {...source, nid};
		card.did = ctx.deckMap.get(card.did) ?? (deckIds.has(card.did) ? card.did : 1);
		if (card.odid) card.odid = ctx.deckMap.get(card.odid) ?? (deckIds.has(card.odid) ? card.odid : 1);
		if (dueIsDayNumber(card)) card.due -= ctx.delta;
		if (card.type === CardType.Review && card.odue) card.odue -= ctx.delta;
		while (takenIds.has(card.id)) card.id += 999;
		takenIds.add(card.id);
		existingOrds.add(`${nid}:${card.ord}`);
		insert.run(card);
		cardMap.set(source.id, card.id);
		if (card.queue === CardQueue.New) maxNewPosition = Math.max(maxNewPosition, card.due);
		summary.cardsAdded++;
	}
	const addRevlog = db.prepare(
		'INSERT OR IGNORE INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)',
	);
	for (const entry of revlogOf([...cardMap.keys()])) {
		const cid = cardMap.get(entry.cid);
		if (cid === undefined) continue;
		summary.revlogAdded += addRevlog.run(entry.id, cid, entry.ease, entry.ivl, entry.lastIvl, entry.factor, entry.time, entry.type).changes;
	}
	return maxNewPosition;
}
