// The built CLI's human output on a collection whose names and content are hostile, and its errors
// and sync messages: the bytes written to stdout and stderr hold no escape sequence but anki-tui's
// own SGR (only with colour on), and no control but newline. JSON keeps the data as it is.
import {copyFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createCollection} from '../../source/core/collection/create.js';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {runCli, runCliAsync, type CliResult} from '../cli/run-cli.js';
import {startLocalServer} from '../sync/helpers/local-server.js';
import {ALL_HOSTILE} from './hostile.js';
import {hostileCollection, NAME_ATTACK, PAYLOAD_WORDS} from './hostile-collection.js';
import {foreignBytes} from './written-bytes.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

function collection(): string {
	const copy = hostileCollection();
	cleanups.push(copy.cleanup);
	return copy.file;
}

/** `stored`: names anki-tui itself wrote, which Anki's rules had already cleared of controls (their payload text is plain data). */
function expectClean(result: CliResult, options: {colour?: boolean; stored?: boolean} = {}): void {
	for (const written of [result.stdout, result.stderr]) {
		expect(foreignBytes(written)).toEqual([]);
		if (!options.stored) for (const word of PAYLOAD_WORDS) expect(written).not.toContain(word);
		if (!options.colour) expect(written).not.toContain('\u001b');
	}
}

describe('hostile text through the command line', () => {
	it('decks, show, search (cards and notes) and stats, with colour off and on', () => {
		const file = collection();
		for (const env of [{}, {FORCE_COLOR: '1'}] as Array<Record<string, string>>) {
			const colour = 'FORCE_COLOR' in env;
			const runs = [
				runCli(['decks', file], env),
				runCli(['show', file], env),
				runCli(['search', '--collection', file, 'deck:*'], env),
				runCli(['search', '--notes', '--collection', file, 'deck:*'], env),
				runCli(['stats', file], env),
			];
			for (const run of runs) {
				expect(run.stderr).toBe('');
				expect(run.status).toBe(0);
				expectClean(run, {colour});
			}
			const [decks, show, search, notes] = runs;
			expect(decks!.stdout).toMatch(/^ {2}Basics {2,}\d+/m);
			expect(show!.stdout).toContain('anki-tui demo::Basics ·');
			expect(search!.stdout).toContain('anki-tui demo::Basics');
			expect(notes!.stdout).toContain('hostile');
			if (colour) expect(decks!.stdout).toContain('\u001b[1m');
		}
	});

	it('JSON output keeps the names as they are, with C1 controls escaped', () => {
		const file = collection();
		const run = runCli(['decks', file, '--json']);
		expect(run.status).toBe(0);
		expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
		const names = JSON.stringify(JSON.parse(run.stdout));
		expect(names).toContain(JSON.stringify(`Basics${NAME_ATTACK}`).slice(1, -1));
	});

	it('a hostile file name in an error, and deck names in messages and questions', () => {
		const t = tempDir();
		cleanups.push(t.cleanup);
		const missing = runCli(['decks', path.join(t.dir, `missing${ALL_HOSTILE}.anki2`)]);
		expect(missing.status).not.toBe(0);
		expect(missing.stderr).toMatch(/^anki-tui: .*missing/);
		expect(missing.stderr.split('\n')).toHaveLength(2);
		expectClean(missing);

		// Each on a fresh copy; names a command stores went through Anki's name rules first.
		for (const args of [
			['deck', 'delete', '$FILE', `anki-tui demo${NAME_ATTACK}::Basics${NAME_ATTACK}`],
			['custom-study', '$FILE', `anki-tui demo${NAME_ATTACK}`, '--new', '5'],
			['options', '$FILE', `anki-tui demo${NAME_ATTACK}`],
			['show', '$FILE', '--deck', `nothing${NAME_ATTACK}`],
			['deck', 'create', '$FILE', `New${NAME_ATTACK}`],
			['deck', 'rename', '$FILE', 'Default', `Renamed${NAME_ATTACK}`],
			['filtered', 'create', '$FILE', `Cram${NAME_ATTACK}`, '--search', 'deck:*'],
		]) {
			const file = collection();
			const run = runCli(args.map((arg) => (arg === '$FILE' ? file : arg)));
			expect(run.stdout + run.stderr).not.toBe('');
			expectClean(run, {stored: ['create', 'rename'].includes(args[1]!)});
		}
	});

	it('an import of a package with a hostile file name', () => {
		const t = tempDir();
		cleanups.push(t.cleanup);
		const pkg = path.join(t.dir, `shared${NAME_ATTACK}.apkg`);
		copyFileSync(path.join(projectRoot, 'fixtures', 'anki21.apkg'), pkg);
		const target = path.join(t.dir, 'collection.anki2');
		createCollection(target, {schema: 11});
		const run = runCli(['import', pkg, '--collection', target]);
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('shared');
		expectClean(run);
	});

	it("a sync server's error reply", async () => {
		const t = tempDir();
		cleanups.push(t.cleanup);
		const emptyServer = path.join(t.dir, 'empty.anki2');
		createCollection(emptyServer, {schema: 11});
		const server = await startLocalServer({
			dir: t.dir,
			initialCollection: emptyServer,
			user: 'ana',
			password: 'pw',
			failures: [{method: 'hostKey', status: 500, body: `overloaded${ALL_HOSTILE}\nsecond line`}],
		});
		cleanups.push(() => server.close());
		mkdirSync(path.join(t.dir, 'profile'));
		const file = path.join(t.dir, 'profile', 'collection.anki2');
		copyFileSync(path.join(projectRoot, 'fixtures', 'schema11.anki2'), file);
		const run = await runCliAsync(['sync', '--collection', file, '--endpoint', server.url, '--user', `ana${NAME_ATTACK}`, '--password-stdin'], {XDG_CONFIG_HOME: path.join(t.dir, 'config')}, 'pw\n');
		expect(run.status).toBe(4);
		expect(run.stderr).toContain('overloaded');
		expect(run.stderr.split('\n')).toHaveLength(2);
		expectClean(run);
	});
});
