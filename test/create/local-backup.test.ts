import {existsSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {backupBeforeFirstWrite, backupCollection} from '../../source/core/collection/backup.js';
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

describe('backupCollection', () => {
	it('copies the collection including -wal content and rotates old backups', async () => {
		const dir = scratch();
		const {path: file} = ensureLocalCollection({collection: undefined}, {XDG_DATA_HOME: dir});
		// a write that stays in the -wal file while this connection is open
		const live = new Database(file);
		live.pragma('wal_autocheckpoint = 0');
		live.prepare('UPDATE col SET mod = 42').run();
		expect(existsSync(`${file}-wal`)).toBe(true);
		const made: string[] = [];
		for (let i = 0; i < 7; i++) made.push(await backupCollection(file, {now: new Date(2026, 0, 1, 10, 0, i), keep: 3}));
		live.close();
		const names = readdirSync(path.join(path.dirname(file), 'backups')).sort();
		expect(names).toEqual(made.slice(4).map(f => path.basename(f)));
		const copy = new Database(made[6], {readonly: true});
		expect(copy.prepare('SELECT mod FROM col').pluck().get()).toBe(42);
		copy.close();
	});
	it('backs up only once per session', async () => {
		const dir = scratch();
		const file = path.join(dir, 'c.anki2');
		ensureLocalCollection({}, {XDG_DATA_HOME: dir});
		const {path: created} = ensureLocalCollection({}, {XDG_DATA_HOME: dir});
		expect(await backupBeforeFirstWrite(created)).toBeTruthy();
		expect(await backupBeforeFirstWrite(created)).toBeUndefined();
		expect(existsSync(file)).toBe(false);
	});
	it('reports a missing collection', async () => {
		const dir = scratch();
		writeFileSync(path.join(dir, 'x'), '');
		await expect(backupCollection(path.join(dir, 'missing.anki2'))).rejects.toThrow(/no collection/);
	});
});
