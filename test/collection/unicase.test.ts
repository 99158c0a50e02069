import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {loadUnicase, rewriteUnicaseToNocase, unicaseAvailable} from '../../source/core/collection/unicase.js';
import {copyToTemp, hasShared, noticeIfNoShared, sharedFile} from '../helpers/shared.js';

noticeIfNoShared();

function memory(): Database.Database {
	const db = new Database(':memory:');
	loadUnicase(db);
	return db;
}

describe.skipIf(!unicaseAvailable())('unicase collation (native/unicase.c)', () => {
	it('folds case as Unicode full case folding does', () => {
		const db = memory();
		const equal = (a: string, b: string) =>
			(db.prepare('SELECT ? = ? COLLATE unicase AS same').get(a, b) as {same: number}).same === 1;
		expect(equal('ß', 'SS')).toBe(true);
		expect(equal('Straße', 'STRASSE')).toBe(true);
		expect(equal('ẞ', 'ss')).toBe(true); // capital sharp s
		expect(equal('K', 'k')).toBe(true); // Kelvin sign folds to ASCII k
		expect(equal('ΣΑΣ', 'σας')).toBe(true); // final sigma
		expect(equal('Éclair', 'éCLAIR')).toBe(true);
		expect(equal('ﬁ', 'FI')).toBe(true);
		// unicase 2.6.0 (pinned by Anki) yields three-character foldings rotated: ﬃ compares as "iff"
		expect(equal('ﬃ', 'FFI')).toBe(false);
		expect(equal('ﬃ', 'IFF')).toBe(true);
		expect(equal('Deck', 'Decks')).toBe(false);
		expect(equal('a', 'á')).toBe(false); // accents are not folded
		expect(equal('i̇', 'İ')).toBe(true); // dotted capital I folds to i + combining dot
		expect(equal('I', 'ı')).toBe(false); // no Turkic special casing
		db.close();
	});

	it('orders by folded code points, shorter prefix first', () => {
		const db = memory();
		db.exec('CREATE TABLE t (name TEXT COLLATE unicase)');
		const insert = db.prepare('INSERT INTO t VALUES (?)');
		for (const name of ['b', 'Á', 'a::b', 'A', 'ä', 'Z', '_x', 'sT', 'ß', 'stra', 'Ab']) insert.run(name);
		const sorted = (db.prepare('SELECT name FROM t ORDER BY name, rowid').raw().all() as string[][]).map(row => row[0]);
		// folded: a, a::b, ab, b, sst? no: 'ß' -> 'ss' < 'st' < 'stra'; '_' (0x5f) < 'a'; 'z' < 'á' (0xe1) < 'ä'
		expect(sorted).toEqual(['_x', 'A', 'a::b', 'Ab', 'b', 'ß', 'sT', 'stra', 'Z', 'Á', 'ä']);
		db.close();
	});

	it('sorts exactly as Anki\'s Rust unicase 2.6.0 does (order recorded from the crate)', () => {
		const db = memory();
		db.exec('CREATE TABLE t (name TEXT COLLATE unicase)');
		const insert = db.prepare('INSERT INTO t VALUES (?)');
		for (const name of ["ﬃ", "ﬁ", "fi", "FFI", "iff", "Straße", "STRASSE", "strasse", "ᾷ", "ᾶι", "ιᾶ", "ΣΑΣ", "σας", "K", "k", "Kelvin", "İ", "i̇", "ı", "I", "ǅ", "ǆ", "Ǆ", "ŉ", "ʼn", "Ω", "ω", "Ω", "ẞ", "ss", "sT", "_x", "Z", "á", "Á", "ä", "a::b", "A", "Ab", "b"]) insert.run(name);
		const sorted = db.prepare('SELECT name FROM t ORDER BY name, rowid').pluck().all();
		expect(sorted).toEqual(["_x", "A", "a::b", "Ab", "b", "FFI", "ﬁ", "fi", "I", "ﬃ", "iff", "İ", "i̇", "K", "k", "Kelvin", "ẞ", "ss", "sT", "Straße", "STRASSE", "strasse", "Z", "á", "Á", "ä", "ı", "ǅ", "ǆ", "Ǆ", "ŉ", "ʼn", "ᾶι", "ᾷ", "ιᾶ", "ΣΑΣ", "σας", "Ω", "ω", "Ω"]);
		db.close();
	});

	it('treats invalid UTF-8 like Rust (U+FFFD), without crashing', () => {
		const db = memory();
		const row = db
			.prepare("SELECT CAST(X'ff' AS TEXT) = CAST(X'fe' AS TEXT) COLLATE unicase AS same, CAST(X'c3' AS TEXT) < 'a' COLLATE unicase AS less")
			.get() as {same: number; less: number};
		expect(row.same).toBe(1);
		expect(row.less).toBe(0);
		db.close();
	});

	it.skipIf(!hasShared)('makes a real schema-18 collection pass integrity_check and name lookups', () => {
		const copy = copyToTemp(sharedFile('schema18-two-decks.anki2'));
		try {
			const db = new Database(copy.file);
			loadUnicase(db);
			expect(db.pragma('integrity_check', {simple: true})).toBe('ok');
			const decks = (db.prepare('SELECT name FROM decks ORDER BY name').raw().all() as string[][]).map(r => r[0]);
			expect(decks).toEqual(['decka', 'deckb', 'Default']);
			expect(db.prepare('SELECT id FROM decks WHERE name = ?').get('DEFAULT')).toEqual({id: 1});
			db.prepare("INSERT INTO tags (tag, usn, collapsed) VALUES ('Straße', -1, 0)").run();
			expect(() => db.prepare("INSERT INTO tags (tag, usn, collapsed) VALUES ('STRASSE', -1, 0)").run()).toThrow(
				/UNIQUE/,
			);
			expect(db.pragma('integrity_check', {simple: true})).toBe('ok');
			db.close();
		} finally {
			copy.cleanup();
		}
	});
});

describe.skipIf(!hasShared)('NOCASE fallback for private temp copies', () => {
	it('rewrites the schema so fields and tags are readable without the extension', () => {
		const copy = copyToTemp(sharedFile('schema18-two-decks.anki2'));
		try {
			let db = new Database(copy.file);
			expect(() => db.prepare('SELECT count(*) FROM fields').get()).toThrow(/unicase/);
			rewriteUnicaseToNocase(db);
			db.close();
			db = new Database(copy.file);
			db.exec('REINDEX');
			const count = db.prepare('SELECT count(*) AS n FROM fields').get() as {n: number};
			expect(count.n).toBeGreaterThan(0);
			expect(db.pragma('integrity_check', {simple: true})).toBe('ok');
			const remaining = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE sql LIKE '%unicase%'").get() as {
				n: number;
			};
			expect(remaining.n).toBe(0);
			db.close();
		} finally {
			copy.cleanup();
		}
	});
});
