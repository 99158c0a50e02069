// `anki-tui search [FILE] QUERY [--notes] [--json]` as a user runs it: the JSON shapes, the table,
// `--` before a negated query, Anki's message for a malformed query (exit 64, nothing written),
// hints for names that match nothing.
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {copyToTemp, projectRoot} from '../helpers/shared.js';
import {runCli} from './run-cli.js';

const CARD_KEYS = ['cardType', 'deck', 'deckId', 'due', 'factor', 'flag', 'id', 'interval', 'lapses', 'noteId', 'notetype', 'ord', 'queue', 'reps', 'sortField', 'tags', 'type'];

describe('search', () => {
	let copy: {file: string; cleanup: () => void};
	let db: Database.Database;
	beforeAll(() => {
		copy = copyToTemp(path.join(projectRoot, 'fixtures', 'schema11.anki2'));
		db = new Database(copy.file, {readonly: true});
	});
	afterAll(() => {
		db.close();
		copy.cleanup();
	});

	const json = (...args: string[]) => {
		const result = runCli(['search', copy.file, '--json', ...args]);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		return JSON.parse(result.stdout) as {cards?: Array<Record<string, unknown>>; notes?: Array<Record<string, unknown>>};
	};

	it('prints matching cards as JSON with the documented fields', () => {
		const {cards} = json('is:review');
		const expected = db.prepare('SELECT id FROM cards WHERE type IN (2, 3)').pluck().all() as number[];
		expect(cards!.map(card => card.id).sort()).toEqual(expected.sort());
		for (const card of cards!) expect(Object.keys(card).sort()).toEqual(CARD_KEYS);
	});

	it('takes a negated query after --', () => {
		const result = runCli(['search', copy.file, '--json', '--', '-is:new']);
		expect(result.status).toBe(0);
		const ids = (JSON.parse(result.stdout) as {cards: Array<{id: number}>}).cards.map(card => card.id).sort();
		expect(ids).toEqual((db.prepare('SELECT id FROM cards WHERE type != 0').pluck().all() as number[]).sort());
	});

	it('joins several arguments into one query', () => {
		const {cards} = json('is:review', 'prop:ivl>5');
		expect(cards!.map(card => card.id).sort()).toEqual((db.prepare('SELECT id FROM cards WHERE type IN (2, 3) AND ivl > 5').pluck().all() as number[]).sort());
	});

	it('lists notes with --notes', () => {
		const {notes} = json('--notes', 'is:new');
		const expected = db.prepare('SELECT DISTINCT nid FROM cards WHERE type = 0').pluck().all() as number[];
		expect(notes!.map(note => note.id).sort()).toEqual(expected.sort());
		for (const note of notes!) expect(Object.keys(note).sort()).toEqual(['cards', 'deck', 'due', 'id', 'notetype', 'sortField', 'tags']);
	});

	it('prints a table with Anki\'s default columns, in the browser\'s sort order', () => {
		const result = runCli(['search', copy.file, 'deck:*'], {COLUMNS: '100'});
		expect(result.status).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^Sort Field\s+Card Type\s+Due\s+Deck$/);
		expect(lines).toHaveLength(1 + (db.prepare('SELECT count(*) FROM cards').pluck().get() as number));
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
	});

	it('gives Anki\'s message for a malformed query on one line, exits 64 and writes nothing', () => {
		const before = readFileSync(copy.file);
		const mtime = statSync(copy.file).mtimeMs;
		for (const [query, message] of [
			['is:foo', "anki-tui: Invalid search: `is:` was given an invalid argument '`foo`'.\n"],
			['(dog', 'anki-tui: Invalid search: an opening bracket `(` was found, but there was no closing bracket `)` following it. If you want to search for a literal `(`, wrap it in double quotes or prepend a backslash: `"("` or `\\(` .\n'],
			['prop:ivl>x', 'anki-tui: Invalid search: expected a positive whole number in "`ivl>x`", but found "`x`".\n'],
			['"re:(a"', expect.stringMatching(/^anki-tui: Invalid regex: .+\n$/)],
		] as const) {
			const result = runCli(['search', copy.file, query]);
			expect(result.stderr).toEqual(message);
			expect(result.stdout).toBe('');
			expect(result.status).toBe(64);
			expect(result.leftovers).toEqual([]);
		}
		expect(readFileSync(copy.file).equals(before)).toBe(true);
		expect(statSync(copy.file).mtimeMs).toBe(mtime);
	});

	it('says which name matched nothing when nothing is found', () => {
		const result = runCli(['search', copy.file, 'deck:nosuch']);
		expect(result.status).toBe(0);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('No cards matched.\nanki-tui: no deck matches "nosuch".\n');
		const empty = runCli(['search', copy.file, '--json', 'note:nosuch']);
		expect(JSON.parse(empty.stdout)).toEqual({cards: []});
		expect(empty.stderr).toBe('anki-tui: no note type matches "nosuch".\n');
	});

	it('reports a missing file in one line', () => {
		const result = runCli(['search', path.join(copy.file, '..', 'missing.anki2'), 'dog']);
		expect(result.status).toBe(2);
		expect(result.stderr).toMatch(/^anki-tui: .*missing\.anki2: no such file\. .*\n$/);
	});

	it('searches a package too', () => {
		const result = runCli(['search', path.join(projectRoot, 'fixtures', 'latest.apkg'), '--json', 'card:2']);
		expect(result.status).toBe(0);
		const cards = (JSON.parse(result.stdout) as {cards: Array<{ord: number}>}).cards;
		expect(cards.length).toBeGreaterThan(0);
		for (const card of cards) expect(card.ord).toBe(1);
	});
});
