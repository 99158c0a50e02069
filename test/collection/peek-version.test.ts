// col.ver read from the file's pages without SQLite (for profile listings): the same answer as
// SQL on every layout SQLite may use (overflowing rows, interior schema pages, page sizes), and
// undefined for files that are not collections.
import {copyFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {peekSchemaVersion} from '../../source/core/collection/peek-version.js';
import {loadUnicase} from '../../source/core/collection/unicase.js';
import {hasShared, noticeIfNoShared, projectRoot, sharedFile, tempDir} from '../helpers/shared.js';

noticeIfNoShared();
let temp: ReturnType<typeof tempDir>;
afterEach(() => temp?.cleanup());

function copyOf(fixture: string): string {
	temp = tempDir('anki-tui-peek-');
	const file = path.join(temp.dir, path.basename(fixture));
	copyFileSync(fixture, file);
	return file;
}

const sqlVersion = (file: string) => {
	const db = new Database(file, {readonly: true});
	try {
		return db.prepare('SELECT ver FROM col').pluck().get();
	} finally {
		db.close();
	}
};

describe('peekSchemaVersion', () => {
	it.each([['schema11.anki2', 11], ['schema18.anki2', 18]])('project fixture %s: %i', (name, ver) => {
		expect(peekSchemaVersion(path.join(projectRoot, 'fixtures', name))).toBe(ver);
	});

	it.skipIf(!hasShared)('real Anki collections: the same as SQL', () => {
		for (const name of ['schema14-japanese-furigana.anki2', 'schema18-empty.anki2', 'schema18-two-decks.anki2']) {
			const file = sharedFile(name);
			expect(peekSchemaVersion(file), name).toBe(sqlVersion(file));
		}
	});

	it('a col row that spills onto overflow pages, with small pages and a schema that needs interior pages', () => {
		const file = copyOf(path.join(projectRoot, 'fixtures', 'schema11.anki2'));
		const db = new Database(file);
		db.pragma('journal_mode = delete');
		db.pragma('page_size = 512');
		db.exec('VACUUM');
		db.prepare('UPDATE col SET models = ?').run('x'.repeat(200_000));
		for (let i = 0; i < 60; i++) db.exec(`CREATE TABLE extra_${i} (a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT)`);
		db.close();
		expect(sqlVersion(file)).toBe(11);
		expect(peekSchemaVersion(file)).toBe(11);
	});

	it('64 KiB pages and a WAL-mode file', () => {
		const file = copyOf(path.join(projectRoot, 'fixtures', 'schema18.anki2'));
		const db = new Database(file);
		loadUnicase(db);
		db.pragma('journal_mode = delete');
		db.pragma('page_size = 65536');
		db.exec('VACUUM');
		db.pragma('journal_mode = wal');
		db.close();
		expect(peekSchemaVersion(file)).toBe(18);
	});

	it('not a collection: undefined', () => {
		temp = tempDir('anki-tui-peek-');
		const text = path.join(temp.dir, 'notes.txt');
		writeFileSync(text, 'hello');
		const other = path.join(temp.dir, 'other.db');
		const db = new Database(other);
		db.exec('CREATE TABLE t (a)');
		db.close();
		const truncated = path.join(temp.dir, 'cut.anki2');
		copyFileSync(path.join(projectRoot, 'fixtures', 'schema18.anki2'), truncated);
		writeFileSync(truncated, Buffer.from('SQLite format 3\0'));
		expect(peekSchemaVersion(text)).toBeUndefined();
		expect(peekSchemaVersion(other)).toBeUndefined();
		expect(peekSchemaVersion(truncated)).toBeUndefined();
		expect(peekSchemaVersion(path.join(temp.dir, 'missing.anki2'))).toBeUndefined();
	});
});
