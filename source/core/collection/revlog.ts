// Writing and reading `revlog` rows (same table in every schema).
import type Database from 'better-sqlite3';
import type {RevlogEntry} from '../model.js';
import {cached} from './cards.js';

/** Inserts a row; the id is the answer time in ms, bumped to max(id)+1 on a collision as Anki does. Returns the id used. */
export function insertRevlog(db: Database.Database, entry: RevlogEntry): number {
	let id = entry.id;
	if (cached(db, 'SELECT 1 FROM revlog WHERE id = ?').get(id)) {
		const max = cached(db, 'SELECT max(id) AS m FROM revlog').get() as {m: number};
		id = Number(max.m) + 1;
	}
	cached(db, 'INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
		id, entry.cid, entry.usn, entry.ease, entry.ivl, entry.lastIvl, entry.factor, entry.time, entry.type,
	);
	return id;
}

export function deleteRevlog(db: Database.Database, id: number): void {
	cached(db, 'DELETE FROM revlog WHERE id = ?').run(id);
}

/** Epoch secs of the card's latest graded answer, or null. */
export function lastAnswerSecs(db: Database.Database, cid: number): number | null {
	const row = cached(db, 'SELECT max(id) AS m FROM revlog WHERE cid = ? AND ease > 0').get(cid) as {m: number | null};
	return row.m == null ? null : Math.floor(Number(row.m) / 1000);
}

/** A card's review history, newest first (card info). */
export function cardHistory(db: Database.Database, cid: number): RevlogEntry[] {
	const rows = cached(db, 'SELECT id, cid, usn, ease, ivl, lastIvl, factor, time, type FROM revlog WHERE cid = ? ORDER BY id DESC').all(cid) as RevlogEntry[];
	return rows.map(r => ({
		id: Number(r.id),
		cid: Number(r.cid),
		usn: Number(r.usn),
		ease: Number(r.ease),
		ivl: Number(r.ivl),
		lastIvl: Number(r.lastIvl),
		factor: Number(r.factor),
		time: Number(r.time),
		type: Number(r.type),
	}));
}
