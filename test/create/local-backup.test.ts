import {existsSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {writeBackup} from '../../source/core/collection/backup.js';
import {AnkiFileError} from '../../source/core/errors.js';
import {ensureLocalCollection, mediaDirFor, resolveCollectionPath} from '../../source/core/collection/local.js';
import {tempDir} from '../helpers/shared.js';
import {integrityCheck} from './integrity.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});
function scratch(): string {
	const t = tempDir();
	cleanups.push(t.cleanup);
	return t.dir;
}

describe('resolveCollectionPath', () => {
	it('prefers --collection, then ANKI_TUI_COLLECTION, then XDG_DATA_HOME, then ~/.local/share', () => {
		const env = {HOME: '/home/u', XDG_DATA_HOME: '/data', ANKI_TUI_COLLECTION: '/env/c.anki2'};
		expect(resolveCollectionPath({collection: '/flag/c.anki2'}, env).path).toBe('/flag/c.anki2');
		expect(resolveCollectionPath({}, env)).toEqual({path: '/env/c.anki2', mediaDir: '/env/c.media', isDefault: false});
		expect(resolveCollectionPath({}, {HOME: '/home/u', XDG_DATA_HOME: '/data'})).toEqual({
			path: '/data/anki-tui/collection.anki2',
			mediaDir: '/data/anki-tui/collection.media',
			isDefault: true,
		});
		// a relative XDG_DATA_HOME is invalid per the spec and ignored
		expect(resolveCollectionPath({}, {HOME: '/home/u', XDG_DATA_HOME: 'rel'}).path).toBe('/home/u/.local/share/anki-tui/collection.anki2');
	});
	it('names the media folder like Anki', () => {
		expect(mediaDirFor('/p/collection.anki2')).toBe('/p/collection.media');
	});
});

describe('ensureLocalCollection', () => {
	it('creates the default collection (schema 11, WAL) and its media folder once', () => {
		const env = {HOME: '/nonexistent', XDG_DATA_HOME: scratch()};
		const first = ensureLocalCollection({}, env);
		expect(first.created).toBe(true);
		expect(existsSync(first.mediaDir)).toBe(true);
		const db = new Database(first.path, {readonly: true});
		expect(db.prepare('SELECT ver FROM col').pluck().get()).toBe(11);
		expect(db.pragma('journal_mode', {simple: true})).toBe('wal');
		db.close();
		expect(integrityCheck(first.path)).toBe('ok');
		expect(ensureLocalCollection({}, env).created).toBe(false);
	});
	it('refuses a named collection that does not exist', () => {
		expect(() => ensureLocalCollection({collection: path.join(scratch(), 'typo.anki2')}, {})).toThrow(/no collection/);
	});
});

describe('writeBackup', () => {
	it('copies the collection through its connection, including -wal content, and keeps the newest ones', () => {
		const dir = scratch();
		const {path: file} = ensureLocalCollection({collection: undefined}, {XDG_DATA_HOME: dir});
		// a write that stays in the -wal file while this connection is open
		const live = new Database(file);
		live.pragma('locking_mode = EXCLUSIVE');
		live.pragma('wal_autocheckpoint = 0');
		live.prepare('UPDATE col SET mod = 42').run();
		expect(existsSync(`${file}-wal`)).toBe(true);
		const made: string[] = [];
		// two in the same second: the second is named -1 and is the newer one
		for (const second of [0, 1, 2, 3, 4, 5, 5]) made.push(writeBackup(file, live, {now: new Date(2026, 0, 1, 10, 0, second), keep: 3}));
		live.close();
		expect(path.basename(made[6]!)).toBe('backup-2026-01-01-10.00.05-1.anki2');
		const names = readdirSync(path.join(path.dirname(file), 'backups')).sort();
		expect(names).toEqual(made.slice(4).map(f => path.basename(f)).sort());
		const copy = new Database(made[6]!, {readonly: true});
		expect(copy.prepare('SELECT mod FROM col').pluck().get()).toBe(42);
		copy.close();
		expect(integrityCheck(made[6]!)).toBe('ok');
	});
	it('fails with a one-line error when backups/ cannot be made', () => {
		const dir = scratch();
		const {path: file} = ensureLocalCollection({}, {XDG_DATA_HOME: dir});
		writeFileSync(path.join(path.dirname(file), 'backups'), 'a file where the folder should be');
		const db = new Database(file);
		try {
			expect(() => writeBackup(file, db)).toThrow(AnkiFileError);
			expect(() => writeBackup(file, db)).toThrow(/backup of .* failed before the first change .*nothing was written/);
		} finally {
			db.close();
		}
	});
});
