// The backup is a property of the collection: the first write of a writable open, by whichever
// caller, backs the file up first; private copies and read-only opens take none.
import {existsSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {AnkiFileError} from '../../source/core/errors.js';
import {openReviewSession} from '../../source/core/scheduler/session.js';
import {copyToTemp, projectRoot} from '../helpers/shared.js';
import {rawDb} from './helpers.js';

const schema18 = path.join(projectRoot, 'fixtures', 'schema18.anki2');
const basicsDeck = 1767603600101;

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

function copy(): {file: string; dir: string} {
	const t = copyToTemp(schema18);
	cleanups.push(t.cleanup);
	return t;
}

function open(file: string, options: Parameters<typeof openCollection>[1] = {}): Collection {
	const col = openCollection(file, options);
	cleanups.unshift(() => col.close());
	return col;
}

function backups(dir: string): string[] {
	const folder = path.join(dir, 'backups');
	return existsSync(folder) ? readdirSync(folder).map((name) => path.join(folder, name)) : [];
}

function modOf(file: string): number {
	const db = rawDb(file);
	try {
		return db.prepare('SELECT mod FROM col').pluck().get() as number;
	} finally {
		db.close();
	}
}

/** Three new cards of the Basics deck buried on an earlier day (two by the user, one by the scheduler). */
function buryThree(file: string): number[] {
	const db = rawDb(file);
	try {
		const ids = db.prepare('SELECT id FROM cards WHERE did = ? AND queue = 0 ORDER BY id LIMIT 3').pluck().all(basicsDeck) as number[];
		db.prepare(`UPDATE cards SET queue = CASE id WHEN ? THEN -2 ELSE -3 END WHERE id IN (${ids.join(',')})`).run(ids[0]);
		db.prepare("INSERT OR REPLACE INTO config (KEY, usn, mtime_secs, val) VALUES ('lastUnburied', 0, 0, CAST('1' AS BLOB))").run();
		return ids;
	} finally {
		db.close();
	}
}

function queuesOf(file: string, ids: number[]): number[] {
	const db = rawDb(file);
	try {
		return ids.map((id) => db.prepare('SELECT queue FROM cards WHERE id = ?').pluck().get(id) as number);
	} finally {
		db.close();
	}
}

describe('the first write of a writable open takes the backup', () => {
	it('opening and reading take none; the first transaction takes one of the file as it was; later ones take none', () => {
		const {file, dir} = copy();
		const modBefore = modOf(file);
		const col = open(file);
		col.adapter.decks();
		col.info();
		expect(backups(dir)).toEqual([]);
		expect(col.backupPath).toBeUndefined();
		col.transaction(() => col.touch(modBefore + 1000));
		const taken = backups(dir);
		expect(taken).toHaveLength(1);
		expect(col.backupPath).toBe(taken[0]);
		expect(path.basename(taken[0]!)).toMatch(/^backup-\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}\.anki2$/);
		expect(modOf(taken[0]!)).toBe(modBefore);
		col.transaction(() => col.touch(modBefore + 2000));
		// a nested transaction passes through the same check
		col.transaction(() => col.transaction(() => col.touch(modBefore + 3000)));
		expect(backups(dir)).toEqual(taken);
		col.close();
		expect(modOf(file)).toBe(modBefore + 3000);
		expect(modOf(taken[0]!)).toBe(modBefore);
	});

	it('touch outside a transaction and transactionAsync are first writes too', async () => {
		const first = copy();
		const modBefore = modOf(first.file);
		const a = open(first.file);
		a.touch(modBefore + 1);
		expect(backups(first.dir)).toHaveLength(1);
		expect(modOf(a.backupPath!)).toBe(modBefore);

		const second = copy();
		const b = open(second.file);
		await expect(
			b.transactionAsync(async () => {
				b.touch(modBefore + 2);
				await new Promise((r) => setTimeout(r, 1));
				throw new Error('server went away');
			}),
		).rejects.toThrow('server went away');
		// rolled back, but the backup was taken before the write began
		expect(backups(second.dir)).toHaveLength(1);
		expect(await b.transactionAsync(async () => (b.touch(modBefore + 3), 'done'))).toBe('done');
		expect(backups(second.dir)).toHaveLength(1);
		b.close();
		expect(modOf(second.file)).toBe(modBefore + 3);
	});

	it("a review session's unbury at the day's first session is after the backup (the backup keeps them buried)", () => {
		const {file, dir} = copy();
		const buried = buryThree(file);
		const col = open(file);
		const session = openReviewSession(col, basicsDeck);
		const current = session.current();
		expect(current).not.toBeNull();
		session.answer(3, 4000);
		col.close();
		expect(queuesOf(file, buried)).toEqual([0, 0, 0]);
		const taken = backups(dir);
		expect(taken).toHaveLength(1);
		expect(queuesOf(taken[0]!, buried)).toEqual([-2, -3, -3]);
	});

	it('each writable open takes its own; the newest five are kept', () => {
		const {file, dir} = copy();
		for (let i = 0; i < 7; i++) {
			const col = openCollection(file);
			col.transaction(() => col.touch(1000 + i));
			col.close();
		}
		const kept = backups(dir);
		expect(kept).toHaveLength(5);
		// the newest backup is the file as the sixth open left it
		const mods = kept.map(modOf).sort((x, y) => x - y);
		expect(mods).toEqual([1001, 1002, 1003, 1004, 1005]);
	});

	it('a backup that cannot be written stops the write, with a one-line error', () => {
		const {file, dir} = copy();
		const modBefore = modOf(file);
		writeFileSync(path.join(dir, 'backups'), 'not a folder');
		const col = open(file);
		expect(() => col.transaction(() => col.touch(modBefore + 1))).toThrow(AnkiFileError);
		col.close();
		expect(modOf(file)).toBe(modBefore);
	});

	it('private copies and read-only opens take none', () => {
		const privateCopy = copy();
		const col = open(privateCopy.file, {privateCopy: true});
		col.transaction(() => col.touch(5));
		expect(col.backupPath).toBeUndefined();
		expect(backups(privateCopy.dir)).toEqual([]);

		const readOnly = copy();
		const ro = open(readOnly.file, {readOnly: true});
		expect(() => ro.transaction(() => ro.touch(5))).toThrow(/read-only/);
		expect(backups(readOnly.dir)).toEqual([]);
	});
});
