// The launcher (source/launch.ts) hands V8 the compiled code of an earlier run: a cache is written
// after a run that ends well, used by the next, replaced when the script is rebuilt, and a missing
// or unwritable cache folder only means compiling again.
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {afterAll, describe, expect, it} from 'vitest';
import {buildHash, runKind, scriptFor} from '../../source/launch.js';
import {projectRoot, tempDir} from '../helpers/shared.js';

const work = tempDir('anki-tui-code-cache-');
afterAll(() => work.cleanup());

/** A fake CLI script beside a copy of the launcher, run the way bin/anki-tui.js runs the real one. */
function fakeCli(dir: string, body: string): void {
	mkdirSync(dir, {recursive: true});
	writeFileSync(path.join(dir, 'cli.cjs'), `// anki-tui ${'ab'.repeat(8)}${body.length.toString(16).padStart(4, '0')}\n${body}`);
}

function run(dir: string, cacheHome: string, args: string[] = ['decks']) {
	const launcher = path.join(projectRoot, 'source', 'launch.ts');
	const code = `import {launch} from ${JSON.stringify(launcher)}; const l = launch({script: ${JSON.stringify(path.join(dir, 'cli.cjs'))}, cacheFolder: ${JSON.stringify(cacheHome)}, kind: 'decks'}); process.once('exit', (c) => { if (c === 0) l.save(); }); console.log('cache=' + l.cache);`;
	const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, ...args], {cwd: projectRoot, encoding: 'utf8'});
	expect(result.stderr).toBe('');
	return result.stdout;
}

describe('the code cache', () => {
	it('is written by a first run, used by the next, and replaced when the script changes', () => {
		const dir = path.join(work.dir, 'one');
		const cache = path.join(work.dir, 'one-cache');
		fakeCli(dir, 'function add(a, b) { return a + b; } process.stdout.write(`sum=${add(2, 3)} `);');
		expect(run(dir, cache)).toBe('sum=5 cache=none\n');
		expect(readdirSync(cache)).toHaveLength(1);
		expect(run(dir, cache)).toBe('sum=5 cache=used\n');
		fakeCli(dir, 'function add(a, b) { return a * b; } process.stdout.write(`product=${add(2, 3)} `);');
		expect(run(dir, cache)).toBe('product=6 cache=none\n');
		// the stale cache of the old build is gone
		expect(readdirSync(cache)).toHaveLength(1);
		expect(run(dir, cache)).toBe('product=6 cache=used\n');
	});

	it('is not written after a run that fails', () => {
		const dir = path.join(work.dir, 'failing');
		const cache = path.join(work.dir, 'failing-cache');
		fakeCli(dir, 'process.exitCode = 2;');
		run(dir, cache);
		expect(existsSync(cache)).toBe(false);
	});

	it('costs nothing but time when its folder cannot be made', () => {
		const dir = path.join(work.dir, 'unwritable');
		// A file where the folder should be: mkdir fails even for root.
		const blocker = path.join(work.dir, 'blocker');
		writeFileSync(blocker, '');
		fakeCli(dir, 'process.stdout.write("ran ");');
		expect(run(dir, path.join(blocker, 'cache'))).toBe('ran cache=none\n');
		expect(run(dir, path.join(blocker, 'cache'))).toBe('ran cache=none\n');
	});

	it('tells the UI from each scripting command by the first argument', () => {
		expect(runKind([])).toBe('ui');
		expect(runKind(['review', 'deck.apkg'])).toBe('ui');
		expect(runKind(['--collection', 'x.anki2'])).toBe('ui');
		expect(runKind(['decks', '--json'])).toBe('decks');
		expect(runKind(['show', 'a.apkg'])).toBe('show');
	});

	it('runs a scripting command from its own script when the build made one, else the whole CLI', () => {
		const dir = path.join(work.dir, 'scripts');
		mkdirSync(dir, {recursive: true});
		writeFileSync(path.join(dir, 'cli.cjs'), '');
		writeFileSync(path.join(dir, 'cli-decks.cjs'), '');
		expect(scriptFor(dir, 'decks')).toBe(path.join(dir, 'cli-decks.cjs'));
		expect(scriptFor(dir, 'stats')).toBe(path.join(dir, 'cli.cjs'));
		expect(scriptFor(dir, 'ui')).toBe(path.join(dir, 'cli.cjs'));
	});

	it('reads the build hash from the first line of the script', () => {
		expect(buildHash(`// anki-tui ${'0f'.repeat(16)}\n"use strict";`)).toBe('0f'.repeat(16));
		expect(buildHash('"use strict";')).toBeUndefined();
	});
});

describe('the built CLI', () => {
	it('gives decks, search, show, stats and import scripts of their own without the UI, whose stubs refuse other commands', () => {
		const dist = path.join(projectRoot, 'dist');
		const whole = readFileSync(path.join(dist, 'cli.cjs'), 'latin1');
		// esbuild names each lazily evaluated module by its path: the UI's are in the whole CLI only.
		expect(whole).toContain('node_modules/ink/build/');
		for (const command of ['decks', 'search', 'show', 'stats', 'import']) {
			const own = readFileSync(path.join(dist, `cli-${command}.cjs`), 'latin1');
			expect(buildHash(own)).toMatch(/^[0-9a-f]{32}$/);
			expect(own).not.toContain('node_modules/ink/build/');
			expect(own).not.toContain('node_modules/react/');
			expect(own.length).toBeLessThan(whole.length / 2);
			// Run directly with another command, the script says what it is instead of running it.
			const other = command === 'stats' ? 'decks' : 'stats';
			const wrong = spawnSync(process.execPath, [path.join(dist, `cli-${command}.cjs`), other, path.join(projectRoot, 'fixtures', 'anki2.apkg'), '--json', '--debug'], {encoding: 'utf8'});
			expect(wrong.status).not.toBe(0);
			expect(wrong.stderr).toContain(`this script runs only \`anki-tui ${command}\``);
		}
	});


	it('is one ASCII script with its build hash, and starts through the code cache', () => {
		const script = path.join(projectRoot, 'dist', 'cli.cjs');
		const source = readFileSync(script, 'latin1');
		expect(buildHash(source)).toMatch(/^[0-9a-f]{32}$/);
		expect(/[^\x00-\x7f]/.test(source)).toBe(false);
		const cacheHome = path.join(work.dir, 'xdg-cache');
		const env: NodeJS.ProcessEnv = {...process.env, XDG_CACHE_HOME: cacheHome};
		delete env['NODE_EXTRA_CA_CERTS'];
		const bin = path.join(projectRoot, 'bin', 'anki-tui.js');
		for (let i = 0; i < 2; i++) {
			const result = spawnSync(process.execPath, [bin, 'decks', path.join(projectRoot, 'fixtures', 'anki2.apkg'), '--json'], {env, encoding: 'utf8'});
			expect(result.status).toBe(0);
			expect(JSON.parse(result.stdout)).toBeInstanceOf(Array);
		}
		expect(readdirSync(path.join(cacheHome, 'anki-tui', 'code-cache'))).toEqual([expect.stringMatching(/^decks-[0-9a-f]{32}-v\d+\.\d+\.\d+-\w+\.bin$/)]);
	});
});
