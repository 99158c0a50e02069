import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {randomBytes} from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {AnkiFileError, CollectionLockedError, NewerSchemaError} from '../../source/core/errors.js';
import {copyToTemp, hasShared, noticeIfNoShared, sharedFile, tempDir} from '../helpers/shared.js';
import {rawDb, sha1} from './helpers.js';

noticeIfNoShared();

const require = createRequire(import.meta.url);

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length > 0) cleanups.pop()!();
});

function temp(name: string): string {
	const t = tempDir();
	cleanups.push(t.cleanup);
	return path.join(t.dir, name);
}

function copy(fixture: string): string {
	const c = copyToTemp(sharedFile(fixture));
	cleanups.push(c.cleanup);
	return c.file;
}

function opened(file: string, readOnly: boolean): Collection {
	const collection = openCollection(file, {readOnly});
	cleanups.unshift(() => collection.close());
	return collection;
}

function expectOneLineError(fn: () => unknown, kind: new (...args: never[]) => Error, pattern: RegExp): void {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(kind);
	const message = (caught as Error).message;
	expect(message).toMatch(pattern);
	expect(message).not.toContain('\n');
}

describe('openCollection refuses what is not a usable collection', () => {
	it('a missing file', () => {
		const file = temp('nope.anki2');
		expectOneLineError(() => openCollection(file), AnkiFileError, /nope\.anki2: no such file\. Check the path/);
		expect(existsSync(file)).toBe(false);
	});

	it('a text file, a random binary, an empty file, a zip', () => {
		const text = temp('notes.txt');
		writeFileSync(text, 'just some text\n');
		expectOneLineError(() => openCollection(text), AnkiFileError, /notes\.txt is not an Anki collection \(not a SQLite database\)/);
		const binary = temp('random.bin');
		writeFileSync(binary, randomBytes(4096));
		expectOneLineError(() => openCollection(binary), AnkiFileError, /random\.bin is not an Anki collection/);
		const empty = temp('empty.anki2');
		writeFileSync(empty, '');
		expectOneLineError(() => openCollection(empty, {readOnly: true}), AnkiFileError, /empty\.anki2 is empty/);
		const zip = temp('deck.anki2');
		writeFileSync(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(100)]));
		expectOneLineError(() => openCollection(zip), AnkiFileError, /zip archive .*import it/);
	});

	it('a SQLite file without a col table, and one with an empty col', () => {
		const file = temp('other.sqlite');
		const db = new Database(file);
		db.exec('CREATE TABLE things (id INTEGER PRIMARY KEY)');
		db.close();
		const before = sha1(file);
		expectOneLineError(() => openCollection(file), AnkiFileError, /other\.sqlite is a SQLite database but not an Anki collection/);
		expect(sha1(file)).toBe(before);
		const emptyCol = temp('empty-col.anki2');
		const db2 = new Database(emptyCol);
		db2.exec('CREATE TABLE col (id integer primary key, ver integer)');
		db2.close();
		expectOneLineError(() => openCollection(emptyCol), AnkiFileError, /col table is empty/);
	});

	it.skipIf(!hasShared)('schema 19, 12 and 13 as made by a newer Anki; schema 1 as too old', () => {
		for (const ver of [19, 12, 13]) {
			const file = copy('schema18-empty.anki2');
			const db = rawDb(file);
			db.prepare('UPDATE col SET ver = ?').run(ver);
			db.close();
			expectOneLineError(
				() => openCollection(file),
				NewerSchemaError,
				new RegExp(`schema18-empty\\.anki2: This collection requires a newer version of Anki to open \\(schema ${ver}; this anki-tui reads schemas 11 to 18\\)\\. Update anki-tui, or use Downgrade & Quit`),
			);
			// the refused file is left alone: no side files remain
			expect(readdirSync(path.dirname(file))).toEqual(['schema18-empty.anki2']);
		}
		const old = copy('schema18-empty.anki2');
		const db = rawDb(old);
		db.prepare('UPDATE col SET ver = 1').run();
		db.close();
		expectOneLineError(() => openCollection(old), AnkiFileError, /Anki 1\.x \(schema 1\)/);
	});
});

describe.skipIf(!hasShared)('real collections open', () => {
	it.each([
		['schema18-two-decks.anki2', 18],
		['schema18-empty.anki2', 18],
		['schema14-japanese-furigana.anki2', 14],
	])('%s opens read-only without changing a byte or leaving -wal/-shm files', (fixture, version) => {
		const file = copy(fixture);
		const before = sha1(file);
		const collection = openCollection(file, {readOnly: true});
		expect(collection.readOnly).toBe(true);
		expect(collection.info().ver).toBe(version);
		expect(collection.adapter.schemaVersion).toBe(version);
		expect(collection.adapter.decks().length).toBeGreaterThan(0);
		expect(() => collection.touch(1)).toThrow(/read-only/);
		expect(() => collection.db.prepare('UPDATE col SET mod = 1').run()).toThrow();
		collection.close();
		expect(sha1(file)).toBe(before);
		expect(readdirSync(path.dirname(file))).toEqual([fixture]);
	});

	it('a read-only open sees changes Anki left in the -wal file without checkpointing them into the file', () => {
		const file = copy('schema18-two-decks.anki2');
		// a program that wrote in WAL mode and stopped without closing (as after a crash)
		const script = `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))}); const db = new D(process.argv[1]);
			db.pragma('locking_mode = EXCLUSIVE'); db.prepare('UPDATE col SET mod = 42').run(); process.exit(0);`;
		expect(spawnSync(process.execPath, ['-e', script, file]).status).toBe(0);
		const before = {main: sha1(file), wal: sha1(`${file}-wal`)};
		const collection = openCollection(file, {readOnly: true});
		expect(collection.info().mod).toBe(42);
		collection.close();
		expect({main: sha1(file), wal: sha1(`${file}-wal`)}).toEqual(before);
		expect(readdirSync(path.dirname(file)).sort()).toEqual(['schema18-two-decks.anki2', 'schema18-two-decks.anki2-wal']);
		// a write open then checkpoints, as Anki would on its next start
		const writer = openCollection(file);
		expect(writer.info().mod).toBe(42);
		writer.close();
		expect(readdirSync(path.dirname(file))).toEqual(['schema18-two-decks.anki2']);
	});

	it('opens for writing; touch and transaction write, and the file stays a valid WAL collection', () => {
		const file = copy('schema18-two-decks.anki2');
		const collection = opened(file, false);
		collection.transaction(() => collection.touch(1_800_000_000_000));
		expect(collection.info().mod).toBe(1_800_000_000_000);
		expect(() =>
			collection.transaction(() => {
				collection.touch(5);
				throw new Error('boom');
			}),
		).toThrow('boom');
		expect(collection.info().mod).toBe(1_800_000_000_000); // rolled back
		collection.close();
		// no -wal/-shm left beside it; the first write's backup went into backups/
		expect(readdirSync(path.dirname(file)).sort()).toEqual(['backups', 'schema18-two-decks.anki2']);
		const db = rawDb(file);
		expect(db.pragma('journal_mode', {simple: true})).toBe('wal');
		expect(db.pragma('integrity_check', {simple: true})).toBe('ok');
		expect(db.prepare('SELECT mod FROM col').pluck().get()).toBe(1_800_000_000_000);
		db.close();
	});

	it('a second open of a collection we hold is refused as locked', () => {
		const file = copy('schema18-empty.anki2');
		opened(file, false);
		expectOneLineError(() => openCollection(file), CollectionLockedError, /is open in another program \(Anki\?\)\. Close Anki, or sync instead, then try again\./);
		expectOneLineError(() => openCollection(file, {readOnly: true}), CollectionLockedError, /open in another program/);
	});
});
