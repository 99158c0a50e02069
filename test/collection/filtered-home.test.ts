// A removed filtered deck's cards go home (sync applies the server's deletion this way).
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {returnFilteredDeckCardsHome} from '../../source/core/collection/cards.js';
import {copyToTemp, projectRoot} from '../helpers/shared.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

describe('returnFilteredDeckCardsHome', () => {
	it('restores home deck and due, and the queue from the type; suspended and buried keep theirs', () => {
		const t = copyToTemp(path.join(projectRoot, 'fixtures', 'schema11.anki2'));
		cleanups.push(t.cleanup);
		const db = new Database(t.file);
		cleanups.unshift(() => db.close());
		const ids = db.prepare('SELECT id FROM cards ORDER BY id LIMIT 7').pluck().all() as number[];
		const home = db.prepare('SELECT did FROM cards WHERE id = ?').pluck().get(ids[0]) as number;
		const filtered = 999;
		const other = 998;
		// [type, queue in the filtered deck, due there, odue, odid, did]
		const rows: Array<[number, number, number, number, number, number]> = [
			[0, 0, -100_000, 5, home, filtered], // new: home position back
			[2, 2, 100, 2000, home, filtered], // review: home day back
			[1, 1, 1_700_000_000, 0, home, filtered], // learning intraday, no odue: keeps due, queue 1
			[3, 3, 2100, 2050, home, filtered], // relearning interday: day, queue 3
			[2, -1, 100, 2001, home, filtered], // suspended: stays suspended
			[2, -3, 100, 2002, home, filtered], // buried: stays buried
			[2, 2, 100, 2003, home, other], // in another filtered deck: untouched
		];
		const set = db.prepare('UPDATE cards SET type = ?, queue = ?, due = ?, odue = ?, odid = ?, did = ?, mod = 7, usn = 3 WHERE id = ?');
		rows.forEach((r, i) => set.run(...r, ids[i]));
		expect(returnFilteredDeckCardsHome(db, filtered)).toBe(6);
		const after = ids.map((id) => db.prepare('SELECT did, odid, odue, due, queue, mod, usn FROM cards WHERE id = ?').get(id));
		expect(after).toEqual([
			{did: home, odid: 0, odue: 0, due: 5, queue: 0, mod: 7, usn: 3},
			{did: home, odid: 0, odue: 0, due: 2000, queue: 2, mod: 7, usn: 3},
			{did: home, odid: 0, odue: 0, due: 1_700_000_000, queue: 1, mod: 7, usn: 3},
			{did: home, odid: 0, odue: 0, due: 2050, queue: 3, mod: 7, usn: 3},
			{did: home, odid: 0, odue: 0, due: 2001, queue: -1, mod: 7, usn: 3},
			{did: home, odid: 0, odue: 0, due: 2002, queue: -3, mod: 7, usn: 3},
			{did: other, odid: home, odue: 2003, due: 100, queue: 2, mod: 7, usn: 3},
		]);
	});
});
