// SQL over the `cards` table (identical in every schema): reading and writing rows, and the
// queries the scheduler's queue and deck counts are built from. Statements are prepared once
// per database and reused: answering must stay well under a few milliseconds.
import type Database from 'better-sqlite3';
import type {Card} from '../model.js';
import {fnvHash} from './fnv-hash.js';

export const CARD_COLUMNS = 'id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data';

import {cached} from './statements.js';

export {cached};

function toCard(row: Record<string, unknown>): Card {
	return {
		id: Number(row.id),
		nid: Number(row.nid),
		did: Number(row.did),
		ord: Number(row.ord),
		mod: Number(row.mod),
		usn: Number(row.usn),
		type: Number(row.type),
		queue: Number(row.queue),
		due: Number(row.due),
		ivl: Number(row.ivl),
		factor: Number(row.factor),
		reps: Number(row.reps),
		lapses: Number(row.lapses),
		left: Number(row.left),
		odue: Number(row.odue),
		odid: Number(row.odid),
		flags: Number(row.flags),
		data: typeof row.data === 'string' ? row.data : row.data == null ? '' : String(row.data),
	};
}

/** A list of integer ids for an `IN (...)` clause (ids are numbers, never user text). */
function idList(ids: readonly number[]): string {
	return ids.length === 0 ? 'NULL' : ids.map(id => String(Math.trunc(id))).join(',');
}

export function getCard(db: Database.Database, id: number): Card | null {
	const row = cached(db, `SELECT ${CARD_COLUMNS} FROM cards WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
	return row ? toCard(row) : null;
}

export function cardsOfNote(db: Database.Database, nid: number): Card[] {
	return (cached(db, `SELECT ${CARD_COLUMNS} FROM cards WHERE nid = ? ORDER BY ord`).all(nid) as Record<string, unknown>[]).map(toCard);
}

/** Writes every column of the row back, exactly as given (callers set mod and usn). */
export function updateCard(db: Database.Database, card: Card): void {
	cached(
		db,
		`UPDATE cards SET nid = ?, did = ?, ord = ?, mod = ?, usn = ?, type = ?, queue = ?, due = ?, ivl = ?, factor = ?,
		 reps = ?, lapses = ?, left = ?, odue = ?, odid = ?, flags = ?, data = ? WHERE id = ?`,
	).run(
		card.nid, card.did, card.ord, card.mod, card.usn, card.type, card.queue, card.due, card.ivl, card.factor,
		card.reps, card.lapses, card.left, card.odue, card.odid, card.flags, card.data, card.id,
	);
}

/** Intraday learning and preview cards due before `cutoffSecs`, earliest first. */
export function intradayLearningCards(db: Database.Database, dids: readonly number[], cutoffSecs: number): Card[] {
	const sql = `SELECT ${CARD_COLUMNS} FROM cards WHERE did IN (${idList(dids)}) AND queue IN (1, 4) AND due <= ? ORDER BY due, id`;
	return (db.prepare(sql).all(cutoffSecs) as Record<string, unknown>[]).map(toCard);
}

/** What the retrievability and overdueness orders need besides the day number. */
export interface ReviewOrderTiming {
	nowSecs: number;
	nextDayAt: number;
	/** FSRS on for the collection (relative overdueness then uses FSRS retrievability). */
	fsrs: boolean;
}

/** Review-order SQL (deck option `reviewOrder`, rslib `review_order_sql`); every order ends with Anki's tie-break hash. */
function reviewOrderSql(order: number, today: number, timing: ReviewOrderTiming, dids: readonly number[]): string {
	const t = Math.trunc(today);
	// Anki ranks decks by their row in its active_decks table: the selected deck, then its subdecks by name.
	const deckRank = `CASE did ${dids.map((did, i) => `WHEN ${Math.trunc(did)} THEN ${i}`).join(' ')} END`;
	const args = `data, case when odue != 0 then odue else due end, ivl, ${t}, ${Math.trunc(timing.nextDayAt)}, ${Math.trunc(timing.nowSecs)}`;
	switch (order) {
		case 1: // day, then deck
			return `due, ${deckRank}, fnvhash(id, mod)`;
		case 2: // deck, then day
			return `${deckRank}, due, fnvhash(id, mod)`;
		case 3:
			return 'ivl ASC, fnvhash(id, mod)';
		case 4:
			return 'ivl DESC, fnvhash(id, mod)';
		case 5: // ease ascending; under FSRS difficulty descending
			return timing.fsrs ? "extract_fsrs_variable(data, 'd') DESC, fnvhash(id, mod)" : 'factor ASC, fnvhash(id, mod)';
		case 6:
			return timing.fsrs ? "extract_fsrs_variable(data, 'd') ASC, fnvhash(id, mod)" : 'factor DESC, fnvhash(id, mod)';
		case 7: // retrievability ascending (cards without FSRS memory give NULL, so they come first)
			return `extract_fsrs_retrievability(${args}) ASC, fnvhash(id, mod)`;
		case 11: // retrievability descending
			return `extract_fsrs_retrievability(${args}) DESC, fnvhash(id, mod)`;
		case 12: // relative overdueness
			return timing.fsrs
				? `extract_fsrs_relative_retrievability(${args}) ASC, fnvhash(id, mod)`
				: `-(1 + cast(${t} - due + 0.001 as real) / ivl) ASC, fnvhash(id, mod)`;
		case 8: // random
			return 'fnvhash(id, mod)';
		case 9: // added
			return 'nid, ord, fnvhash(id, mod)';
		case 10: // reverse added
			return 'nid DESC, ord, fnvhash(id, mod)';
		default: // 0 day, then random
			return 'due, fnvhash(id, mod)';
	}
}

/**
 * Review (queue 2) or interday learning (queue 3) cards due by `today`, in the preset's review
 * order; `dids` in Anki's active-deck order (selected deck, then subdecks by name). Iterated lazily: the caller stops once the limits are used up. Without `timing` the
 * retrievability orders (7, 11, 12) fall back to the due-date order and ease orders use `factor`.
 */
export function* dueDayCards(
	db: Database.Database,
	dids: readonly number[],
	queue: 2 | 3,
	today: number,
	order: number,
	timing?: ReviewOrderTiming,
): Generator<Card> {
	const needsTiming = order === 7 || order === 11 || order === 12 || ((order === 5 || order === 6) && timing?.fsrs === true);
	if (order === 0 || (needsTiming && !timing)) {
		yield* dueDayCardsByDay(db, dids, queue, today);
		return;
	}
	const orderSql = reviewOrderSql(order, today, timing ?? {nowSecs: 0, nextDayAt: 0, fsrs: false}, dids);
	const sql = `SELECT ${CARD_COLUMNS} FROM cards WHERE did IN (${idList(dids)}) AND queue = ${queue} AND due <= ? ORDER BY ${orderSql}`;
	for (const row of db.prepare(sql).iterate(today)) yield toCard(row as Record<string, unknown>);
}

/**
 * The default "due date, then random" order without hashing every due card in SQL: ids, days and
 * mod times come sorted by day, each day's cards are ordered by Anki's fnvhash(id, mod) only when
 * the caller gets to that day, and full rows are read only for the cards actually taken.
 */
function* dueDayCardsByDay(db: Database.Database, dids: readonly number[], queue: 2 | 3, today: number): Generator<Card> {
	const sql = `SELECT id, due, mod FROM cards WHERE did IN (${idList(dids)}) AND queue = ${queue} AND due <= ? ORDER BY due`;
	const rows = db.prepare(sql).raw().all(today) as Array<[number, number, number]>;
	let start = 0;
	while (start < rows.length) {
		let end = start + 1;
		while (end < rows.length && rows[end]![1] === rows[start]![1]) end++;
		const day = rows.slice(start, end).map(([id, , mod]) => ({id, hash: fnvHash(id, mod)}));
		day.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
		for (const {id} of day) {
			const card = getCard(db, id);
			if (card) yield card;
		}
		start = end;
	}
}

/** New cards of the given decks in a gather order; lazily iterated. */
export function* newCards(
	db: Database.Database,
	dids: readonly number[],
	priority: number,
	salt: number,
): Generator<Card> {
	let order: string;
	switch (priority) {
		case 2: // highest position
			order = 'due DESC, ord';
			break;
		case 3: // random notes
			order = `fnvhash(nid, ${salt}), ord`;
			break;
		case 4: // random cards
			order = `fnvhash(id, ${salt})`;
			break;
		default: // deck (caller iterates decks one by one) and lowest position
			order = 'due, ord';
	}
	const sql = `SELECT ${CARD_COLUMNS} FROM cards WHERE did IN (${idList(dids)}) AND queue = 0 ORDER BY ${order}`;
	for (const row of db.prepare(sql).iterate()) yield toCard(row as Record<string, unknown>);
}

export interface DeckQueueCounts {
	did: number;
	newCount: number;
	reviewCount: number;
	interdayCount: number;
	intradayCount: number;
}

/**
 * One deck's own due reviews, due interday learning, new cards and intraday learning due before a
 * cutoff. Each count is a range over the (did, queue, due) index stopped at a cap (a count above
 * the deck's remaining limit is never shown), which is far cheaper than scanning the table.
 */
export function deckDueCounts(
	db: Database.Database,
	did: number,
	today: number,
	learnCutoffSecs: number,
	caps: {new: number; review: number},
): DeckQueueCounts {
	const n = (where: string, ...args: number[]) =>
		Number((cached(db, `SELECT count() AS n FROM (SELECT 1 FROM cards WHERE did = ? AND ${where} LIMIT ?)`).get(did, ...args) as {n: number}).n);
	return {
		did,
		newCount: n('queue = 0', caps.new),
		reviewCount: n('queue = 2 AND due <= ?', today, caps.review),
		interdayCount: n('queue = 3 AND due <= ?', today, caps.review),
		intradayCount: n('queue IN (1, 4) AND due <= ?', learnCutoffSecs, Number.MAX_SAFE_INTEGER),
	};
}

/** Type and due of a deck's buried cards (they count again once the day's unbury has run). */
export function buriedCards(db: Database.Database, did: number): Array<{type: number; due: number}> {
	return cached(db, 'SELECT type, due FROM cards WHERE did = ? AND queue IN (-2, -3)').all(did) as Array<{type: number; due: number}>;
}

/** Cards of a note other than `cid` in the given queues, not suspended (for sibling burying). */
export function siblingsInQueues(db: Database.Database, nid: number, cid: number, queues: readonly number[]): Card[] {
	if (queues.length === 0) return [];
	const sql = `SELECT ${CARD_COLUMNS} FROM cards WHERE nid = ? AND id != ? AND queue IN (${idList(queues)})`;
	return (cached(db, sql).all(nid, cid) as Record<string, unknown>[]).map(toCard);
}

/** Buried cards (-2 sibling, -3 manual) back to the queue their type implies; mod/usn untouched as Anki does. */
export function unburyAll(db: Database.Database): number {
	return db
		.prepare(
			`UPDATE cards SET queue = CASE type
				WHEN 0 THEN 0
				WHEN 2 THEN 2
				ELSE CASE WHEN due > 1000000000 THEN 1 ELSE 3 END END
			 WHERE queue IN (-2, -3)`,
		)
		.run().changes;
}

/**
 * A removed filtered deck's cards go back to their home deck with their home due; suspended and
 * buried cards keep their queue, the others get the queue their type implies (learning by due:
 * epoch secs intraday, a day number otherwise). mod/usn are untouched (a sync applying the
 * server's deletion does this).
 */
export function returnFilteredDeckCardsHome(db: Database.Database, filteredDeckId: number): number {
	return cached(
		db,
		`UPDATE cards SET did = odid, due = (CASE WHEN odue != 0 THEN odue ELSE due END), odue = 0, odid = 0,
			queue = (CASE WHEN queue < 0 THEN queue WHEN type = 0 THEN 0 WHEN type = 2 THEN 2
			         WHEN type IN (1, 3) THEN (CASE WHEN due > 1000000000 THEN 1 ELSE 3 END) ELSE queue END)
		 WHERE did = ? AND odid != 0`,
	).run(filteredDeckId).changes;
}


/**
 * Cards per (deck, day) for days in [fromDay, toDay), any queue, as Anki's load balancer counts them
 * (rslib `get_all_cards_due_in_range` filters on due alone): range seeks on the (did, queue, due)
 * index for every queue value Anki uses, grouped in index order so no sort is needed.
 */
export function dueCountsByDeckAndDay(
	db: Database.Database,
	dids: readonly number[],
	fromDay: number,
	toDay: number,
): Array<[did: number, due: number, count: number]> {
	const sql = `SELECT did, due, count() FROM cards WHERE did IN (${idList(dids)}) AND queue IN (-3, -2, -1, 0, 1, 2, 3, 4)
		AND due >= ? AND due < ? GROUP BY did, queue, due`;
	return db.prepare(sql).raw().all(fromDay, toDay) as Array<[number, number, number]>;
}

/** A note's cards with a due in [fromDay, toDay) (any queue), for the load balancer's sibling spacing. */
export function noteCardsDueInRange(
	db: Database.Database,
	nid: number,
	fromDay: number,
	toDay: number,
): Array<[id: number, did: number, due: number]> {
	return cached(db, 'SELECT id, did, due FROM cards WHERE nid = ? AND due >= ? AND due < ?')
		.raw()
		.all(nid, fromDay, toDay) as Array<[number, number, number]>;
}
