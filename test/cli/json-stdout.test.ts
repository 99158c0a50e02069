// JSON into a file or a pipe goes straight to fd 1 (commands/json-output.ts), and Node's stdout and
// stderr streams are made only when something uses them (cli.tsx): the built CLI, as a script runs it.
import {spawn, spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {closeSync, openSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {ensureBuilt} from './run-cli.js';

const bin = path.join(projectRoot, 'bin', 'anki-tui.js');
const collection = path.join(projectRoot, 'fixtures', 'schema18.anki2');
const work = tempDir();
afterAll(() => work.cleanup());

// Loaded with --require before the CLI: says on fd 2 when process.stdout or process.stderr is made.
const watcher = path.join(work.dir, 'watch-streams.cjs');
writeFileSync(
	watcher,
	`for (const name of ['stdout', 'stderr']) {
	const lazy = Object.getOwnPropertyDescriptor(process, name);
	Object.defineProperty(process, name, {configurable: true, enumerable: true, get() {
		require('node:fs').writeSync(2, 'made process.' + name + '\\n');
		Object.defineProperty(process, name, lazy);
		return process[name];
	}});
}
`,
);

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {PATH: process.env['PATH'] ?? '', HOME: work.dir, XDG_CACHE_HOME: path.join(work.dir, 'cache'), ...extra};
}

describe('JSON on stdout', () => {
	it('is the same bytes into a file as into a pipe', () => {
		ensureBuilt();
		const piped = spawnSync(process.execPath, [bin, 'decks', collection, '--json'], {env: env(), encoding: 'utf8'});
		expect(piped.status).toBe(0);
		const file = path.join(work.dir, 'decks.json');
		const fd = openSync(file, 'w');
		const toFile = spawnSync(process.execPath, [bin, 'decks', collection, '--json'], {env: env(), stdio: ['ignore', fd, 'pipe'], encoding: 'utf8'});
		closeSync(fd);
		expect(toFile.status).toBe(0);
		expect(toFile.stderr).toBe('');
		expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
		expect(JSON.parse(piped.stdout)).toContainEqual(expect.objectContaining({name: 'anki-tui demo'}));
	});

	it('into a file or a pipe never makes process.stdout or process.stderr; a table on stdout does', () => {
		ensureBuilt();
		const options = {env: env({NODE_OPTIONS: `--require ${watcher}`}), encoding: 'utf8' as const};
		for (const args of [['decks', collection, '--json'], ['stats', collection, '--json'], ['search', collection, '--json', 'deck:*']]) {
			const run = spawnSync(process.execPath, [bin, ...args], options);
			expect(run.status, run.stderr).toBe(0);
			expect(run.stderr).toBe('');
			expect(run.stdout.length).toBeGreaterThan(0);
		}
		const table = spawnSync(process.execPath, [bin, 'decks', collection], options);
		expect(table.status).toBe(0);
		expect(table.stderr).toBe('made process.stdout\n');
	});

	it('into a pipe its reader has closed: exit 0 and nothing on stderr', async () => {
		ensureBuilt();
		const child = spawn(process.execPath, [bin, 'search', collection, '--json', 'deck:*'], {env: env(), stdio: ['ignore', 'pipe', 'pipe']});
		// Closed before the CLI has started, so its first write finds no reader.
		child.stdout.destroy();
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const [code] = (await once(child, 'close')) as [number | null];
		expect(stderr).toBe('');
		expect(code).toBe(0);
	});

	it('ends with an explicit exit (commands/prompt-exit.ts) with its whole output through a slow pipe, and still saves its code cache', () => {
		ensureBuilt();
		const cacheHome = path.join(work.dir, 'exit-cache');
		const file = path.join(work.dir, 'table.txt');
		const fd = openSync(file, 'w');
		// The table goes through process.stdout.
		const toFile = spawnSync(process.execPath, [bin, 'search', collection, 'deck:*'], {env: env({XDG_CACHE_HOME: cacheHome}), stdio: ['ignore', fd, 'pipe'], encoding: 'utf8'});
		closeSync(fd);
		expect(toFile.status, toFile.stderr).toBe(0);
		// Through a pipe whose reader takes nothing for 300 ms.
		const slow = spawnSync('/bin/sh', ['-c', '"$0" "$1" search "$2" "deck:*" | (sleep 0.3; cat)', process.execPath, bin, collection], {env: env({XDG_CACHE_HOME: cacheHome}), encoding: 'utf8'});
		expect(slow.status, slow.stderr).toBe(0);
		const stdout = slow.stdout;
		expect(stdout).toBe(readFileSync(file, 'utf8'));
		expect(stdout.split('\n').length).toBeGreaterThan(3);
		// launch.ts saves the cache from an 'exit' listener, which process.exit runs too.
		expect(readdirSync(path.join(cacheHome, 'anki-tui', 'code-cache')).filter((name) => name.startsWith('search-'))).toHaveLength(1);
	});
});
