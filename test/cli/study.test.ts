// The built CLI's deck, filtered and custom-study commands on a copy of a real collection: what
// they print and write, and bad input refused with one line, a non-zero exit and nothing written.
import {copyFileSync, existsSync, mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {rawDb} from '../collection/helpers.js';
import {dumpRows} from '../notes/helpers.js';
import {runCli} from './run-cli.js';

const work = tempDir();
afterAll(() => work.cleanup());

function copy(schema: 11 | 18, name: string): string {
	const target = path.join(work.dir, name, `schema${schema}.anki2`);
	mkdirSync(path.dirname(target), {recursive: true});
	copyFileSync(path.join(projectRoot, 'fixtures', `schema${schema}.anki2`), target);
	return target;
}

function decksOf(file: string) {
	const col = openCollection(file, {readOnly: true});
	try {
		return col.adapter.decks();
	} finally {
		col.close();
	}
}

/** Every row of the file (opening it for writing may switch it to WAL, as Anki does; that is no change of content). */
function content(file: string) {
	const db = rawDb(file);
	try {
		return dumpRows(db);
	} finally {
		db.close();
	}
}

function expectRefused(file: string, args: string[], status: number, pattern: RegExp): void {
	const before = content(file);
	const result = runCli(args);
	expect(result.status, result.stderr).toBe(status);
	expect(result.stdout).toBe('');
	const lines = result.stderr.trimEnd().split('\n');
	expect(lines, result.stderr).toHaveLength(1);
	expect(lines[0]).toMatch(/^anki-tui: /);
	expect(lines[0]).toMatch(pattern);
	expect(content(file), 'the collection is unchanged').toEqual(before);
	// The collection backs itself up before its first write: no backup, no write.
	expect(existsSync(path.join(path.dirname(file), 'backups')), 'no backup: nothing was written').toBe(false);
}

describe.each([11, 18] as const)('study commands on schema %i', schema => {
	it('deck create, rename (:: moves it) and delete --yes', () => {
		const file = copy(schema, `decks-${schema}`);
		let result = runCli(['deck', 'create', file, 'Lang::Spanish']);
		expect(result.stdout).toBe('Created deck "Lang::Spanish".\n');
		result = runCli(['deck', 'rename', file, 'lang', 'World::Lang', '--json']);
		expect(JSON.parse(result.stdout)).toMatchObject({from: 'Lang', name: 'World::Lang'});
		expect(decksOf(file).map(d => d.name)).toEqual(expect.arrayContaining(['World', 'World::Lang', 'World::Lang::Spanish']));
		result = runCli(['deck', 'delete', file, 'anki-tui demo::Basics', '--yes']);
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/^Deleted "anki-tui demo::Basics": 12 cards deleted\. Backup: /);
		expect(decksOf(file).some(d => d.name === 'anki-tui demo::Basics')).toBe(false);
	});

	it('filtered create, rebuild, empty and delete; custom study', () => {
		const file = copy(schema, `filtered-${schema}`);
		let result = runCli(['filtered', 'create', file, 'Due now', '--search', 'is:due', '--order', 'order due', '--no-reschedule', '--limit', '3']);
		expect(result.stdout, result.stderr).toBe('Built "Due now": 3 cards.\n');
		const deck = decksOf(file).find(d => d.name === 'Due now')!;
		expect(deck.filtered).toMatchObject({reschedule: false, searchTerms: [{search: 'is:due', limit: 3, order: 6}]});
		expect(runCli(['filtered', 'rebuild', file, 'Due now']).stdout).toBe('Rebuilt "Due now": 3 cards.\n');
		expect(runCli(['filtered', 'empty', file, 'Due now']).stdout).toBe('Emptied "Due now": 3 cards back in their decks.\n');
		expect(runCli(['filtered', 'delete', file, 'Due now']).stdout).toMatch(/^Deleted filtered deck "Due now"/);
		result = runCli(['custom-study', file, 'anki-tui demo', '--cards', 'all', '--limit', '4', '--tags', '-code']);
		expect(result.stdout, result.stderr).toMatch(/^Built "Custom Study Session" from "anki-tui demo": 4 cards\./);
		result = runCli(['custom-study', file, 'anki-tui demo::Cloze', '--new', '5', '--json']);
		expect(JSON.parse(result.stdout)).toMatchObject({deck: 'anki-tui demo::Cloze', option: 'newLimit', studyDeck: 'anki-tui demo::Cloze'});
		expect(decksOf(file).find(d => d.name === 'anki-tui demo::Cloze')!.normal!.extendNew).toBe(5);
	});

	it('bad input: one line, the right exit code, nothing written', () => {
		const file = copy(schema, `bad-${schema}`);
		expectRefused(file, ['filtered', 'create', file, 'X', '--search', 'deck:x (is:due'], 64, /^anki-tui: Invalid search: an opening bracket/);
		expectRefused(file, ['filtered', 'create', file, 'X', '--search', 'is:due', '--limit', '0'], 64, /limit must be a whole number from 1 to 99999/);
		expectRefused(file, ['filtered', 'create', file, 'X', '--search', 'is:due', '--order', 'sideways'], 64, /Unknown order "sideways"/);
		expectRefused(file, ['custom-study', file, 'anki-tui demo', '--forgotten', '31'], 64, /from 1 to 30 \(got 31\)/);
		expectRefused(file, ['custom-study', file, 'anki-tui demo', '--new', 'lots'], 64, /--new takes a whole number/);
		expectRefused(file, ['custom-study', file, 'anki-tui demo', '--new', '1', '--ahead', '2'], 64, /exactly one of/);
		expectRefused(file, ['custom-study', file, 'No such deck', '--new', '1'], 64, /No deck named "No such deck"/);
		expectRefused(file, ['deck', 'delete', file, 'Default'], 64, /The default deck can't be deleted\./);
		expectRefused(file, ['deck', 'delete', file, 'anki-tui demo::Basics'], 64, /has 12 cards; add --yes/);
		expectRefused(file, ['deck', 'rename', file, 'Nope', 'Other'], 64, /No deck named "Nope"/);
		expectRefused(file, ['deck', 'explode', file], 64, /deck needs an action/);
		expectRefused(file, ['filtered', 'rebuild', file, 'anki-tui demo'], 1, /This action can only be used on a filtered deck\./);
		expectRefused(file, ['custom-study', path.join(work.dir, 'missing.anki2'), 'x', '--new', '1'], 2, /missing\.anki2: no such file/);
		expect(readFileSync(file).length).toBeGreaterThan(0);
	});
});
