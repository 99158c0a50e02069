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
