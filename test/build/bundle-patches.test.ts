// The bundle patches only move set-up work to first use: the patched modules must behave exactly as
// the originals (same widths for every kind of text) and the patches must still apply to the
// installed versions (otherwise start-up silently gets slower again).
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
// @ts-expect-error plain ESM build script without types
import {patchInkOutput, patchInkReconciler, patchMeowDependencies, patchSharpAddonPath, patchSharpLibvips, patchStringWidth, patchYoga} from '../../scripts/bundle-patches.mjs';
import {launch} from '../../source/launch.js';
import {ensureFreshBuild} from '../helpers/built-cli.js';
import {projectRoot, tempDir} from '../helpers/shared.js';

const work = tempDir();
afterAll(() => work.cleanup());
const require = createRequire(path.join(projectRoot, 'package.json'));

function moduleFile(specifier: string): string {
	return path.join(projectRoot, 'node_modules', specifier);
}

describe('string-width patch', () => {
	const originalFile = moduleFile('string-width/index.js');
	const original = readFileSync(originalFile, 'utf8');

	it('applies to the installed string-width', () => {
		const patched = patchStringWidth(original) as string;
		expect(patched).not.toContain('new Intl.Segmenter();');
		expect(patched).toContain('rgiInstance');
	});

	it('gives the same width as the original for every kind of text', async () => {
		// The patched copy imports its dependencies by absolute URL so it can live in a temp dir.
		const resolveUrl = (name: string) => pathToFileURL(require.resolve(name)).href;
		const patched = (patchStringWidth(original) as string)
			.replace("from 'strip-ansi'", `from '${resolveUrl('strip-ansi')}'`)
			.replace("from 'get-east-asian-width'", `from '${resolveUrl('get-east-asian-width')}'`);
		const copy = path.join(work.dir, 'string-width-patched.mjs');
		writeFileSync(copy, patched);
		const lazy = (await import(pathToFileURL(copy).href)).default as (s: string) => number;
		const eager = (await import(pathToFileURL(originalFile).href)).default as (s: string) => number;
		const samples = [
			'plain ascii', '─│┌┐└┘', '漢字かなカナ', 'ｱﾞｰ', '한국어', '👍', '👍🏽', '🏻', '🇯🇵', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '#️⃣', '1⃣',
			'👨‍👩‍👧', '❤️', '❤', '©️', '™', 'é', 'e\u0301', '\u200b', '\u00ad', 'Ω≈ç√', '\u001b[31mred\u001b[0m', '', ' ', '\t',
			'🧑‍🤝‍🧑 ok', '☺︎', '⌚', '⏩', '🅰', 'ℹ️', '↔️', '🈚', '〰️', '〽️',
		];
		for (let cp = 0x80; cp < 0x30000; cp += 37) samples.push(String.fromCodePoint(cp));
		for (let cp = 0x1f000; cp < 0x1fb00; cp += 3) samples.push(String.fromCodePoint(cp));
		// The patch's second fast path (code points that are each a visible grapheme): every one of them, next to its
		// neighbours just outside the ranges, and in mixed strings.
		for (const [from, to] of [[0x9f, 0x300], [0x200f, 0x2028], [0x202f, 0x205f], [0x218f, 0x2200], [0x24ff, 0x25a0]]) {
			for (let cp = from; cp <= to; cp++) samples.push(String.fromCodePoint(cp), `a${String.fromCodePoint(cp)}b`);
		}
		samples.push('›  Basics', '─'.repeat(80), 'naïve café', 'Ærøskøbing', '‹‼ ↔ ⇒ ‰›', '“quoted” — …', '▀▄█▌', '›e\u0301', 'é\u00ad', '›\u200d›', 'a\u2028b');
		for (const sample of samples) expect(lazy(sample), JSON.stringify(sample)).toBe(eager(sample));
	});
});

describe('meow patch', () => {
	it('applies to the installed meow', () => {
		const source = readFileSync(moduleFile('meow/build/dependencies.js'), 'utf8');
		const patched = patchMeowDependencies(source) as string;
		expect(patched).not.toBe(source);
		expect(patched).not.toContain('var normalizeExports = requireNormalize();');
		expect(patched).not.toContain('child_process');
		// parse-json's code frame is set up on first use only (its colours ask for process.stdout).
		expect(patched).not.toContain('var libExports = requireLib$1();');
		expect(patched).toContain('requireLib$1().codeFrameColumns(');
	});

	it('leaves the scripting commands\' scripts without node:child_process', () => {
		for (const command of ['decks', 'search', 'show', 'stats', 'import']) {
			expect(readFileSync(path.join(projectRoot, 'dist', `cli-${command}.cjs`), 'latin1')).not.toContain('require("node:child_process")');
		}
	});
});

describe('patches that let the bundle be a script (no top-level await)', () => {
	it('apply to the installed ink: nothing awaited at the top of its reconciler', () => {
		const original = readFileSync(moduleFile('ink/build/reconciler.js'), 'utf8');
		expect(original).toMatch(/^\s+(\? )?await /m);
		const patched = patchInkReconciler(original) as string;
		expect(patched).not.toMatch(/^\s+(\? )?await /m);
	});

	it('apply to the installed yoga-layout: the engine is published as a promise that fills the export', async () => {
		const original = readFileSync(moduleFile('yoga-layout/dist/src/index.js'), 'utf8');
		const patched = patchYoga(original) as string;
		expect(patched).not.toContain('await');
		// The patched module, beside the original (its relative imports resolve), fills the same object.
		const copy = moduleFile('yoga-layout/dist/src/index.anki-tui-test.js');
		writeFileSync(copy, patched);
		try {
			const key = Symbol.for('anki-tui.yoga');
			const yoga = (await import(pathToFileURL(copy).href)).default as {Node?: {create(): {free(): void}}};
			await (globalThis as Record<symbol, Promise<void>>)[key];
			const node = yoga.Node!.create();
			node.free();
			delete (globalThis as Record<symbol, unknown>)[key];
		} finally {
			const {rmSync} = await import('node:fs');
			rmSync(copy, {force: true});
		}
	});
});

describe('ink clip patch', () => {
	it('applies to the installed ink', () => {
		const original = readFileSync(moduleFile('ink/build/output.js'), 'utf8');
		const patched = patchInkOutput(original) as string;
		expect(patched).not.toBe(original);
		expect(patched).toContain('from === 0 && to >= width ? line : sliceAnsi(line, from, to)');
	});

	it('a line kept whole gives Ink the same styled characters as the line cut to its own width (a hyperlink may list its codes in another order)', async () => {
		const {tokenize, styledCharsFromTokens} = await import('@alcalzone/ansi-tokenize');
		const {default: sliceAnsi} = await import('slice-ansi');
		const {default: stringWidth} = await import('string-width');
		const {Chalk} = await import('chalk');
		const chalk = new Chalk({level: 3});
		const link = (url: string, text: string) => `\u001B]8;;${url}\u0007${text}\u001B]8;;\u0007`;
		const lines = [
			'plain ascii', '', '  Deck                   New  Learn  Due', '─'.repeat(40), '▸ Bench 4::Sub 3', '漢字かな 한국어', '👍🏽 👨‍👩‍👧 🇯🇵 #️⃣', 'e\u0301 café',
			chalk.blue('12') + ' ' + chalk.red.bold('3') + chalk.green('  45'), chalk.inverse(' selected row ') + ' rest', chalk.bgHex('#334455').hex('#ffcc00')('truecolour'),
			chalk.dim('dim ') + chalk.italic.underline('styled ') + 'plain', `${chalk.bold('open')}\u001B[31m never closed`, link('https://example.com', chalk.cyan('a link')) + ' after',
			chalk.yellow('漢字') + chalk.magenta('👍') + ' end',
		];
		// Each character's styles as a set: slice-ansi moves a colour opened inside a hyperlink before it.
		const chars = (text: string) =>
			styledCharsFromTokens(tokenize(text)).map((c) => ({...c, styles: [...c.styles].sort((a, b) => a.code.localeCompare(b.code))}));
		for (const line of lines) {
			const whole = chars(line);
			const cut = chars(sliceAnsi(line, 0, stringWidth(line)));
			expect(whole, JSON.stringify(line)).toEqual(cut);
		}
	});
});

describe('sharp bundled into dist/image-library.cjs', () => {
	it('the patches apply to the installed sharp: the source-built addon is looked for in its own folder, child_process and crypto load on first use', () => {
		const addon = patchSharpAddonPath(readFileSync(moduleFile('sharp/dist/sharp.cjs'), 'utf8')) as string;
		expect(addon).not.toContain('require(`../src/build/Release/');
		expect(addon.match(/require\.resolve\('sharp'\), '\.\.\/\.\.\/src\/build\/Release\/'\)/g)).toHaveLength(2);
		const libvips = patchSharpLibvips(readFileSync(moduleFile('sharp/dist/libvips.cjs'), 'utf8')) as string;
		expect(libvips).not.toMatch(/^const .* = require\('node:(child_process|crypto)'\);$/m);
		expect(libvips).toContain("require('node:child_process').spawnSync(...args)");
	});

	it('is the installed sharp: the same version, libvips and formats, and the same pixels from a JPEG', async () => {
		ensureFreshBuild();
		type Sharp = (typeof import('sharp'))['default'];
		// As the CLI loads it (source/image-library.ts): through the launcher, which gives V8 its code cache.
		const bundled = launch({script: path.join(projectRoot, 'dist', 'image-library.cjs'), cacheFolder: undefined, kind: 'image-library'}).exports as Sharp;
		const installed = require('sharp') as Sharp;
		expect(bundled).not.toBe(installed);
		expect(bundled.versions).toEqual(installed.versions);
		expect(Object.keys(bundled.format)).toEqual(Object.keys(installed.format));
		const jpeg = await installed({create: {width: 64, height: 48, channels: 3, background: '#3a7bd5'}}).jpeg().toBuffer();
		const pixels = (sharp: Sharp) => sharp(jpeg).resize(20, 15).raw().toBuffer();
		expect((await pixels(bundled)).equals(await pixels(installed))).toBe(true);
	});
});

describe('better-sqlite3 bundled into the CLI\'s scripts', () => {
	it('is in the whole CLI, the deck list\'s paint and each scripting command\'s script', () => {
		ensureFreshBuild();
		// esbuild names a bundled CommonJS file by its path.
		for (const script of ['cli', 'cli-paint', 'cli-decks', 'cli-search', 'cli-show', 'cli-stats']) {
			expect(readFileSync(path.join(projectRoot, 'dist', `${script}.cjs`), 'latin1')).toContain('node_modules/better-sqlite3/lib/database.js');
		}
	});

	it('is the bundled copy only for the version it was built from, else the installed package; one copy per process', async () => {
		const {build} = await import('esbuild');
		// Built beside dist/ as the CLI's scripts are, so the installed package is found the same way.
		const folder = path.join(projectRoot, `dist.test-${process.pid}`);
		const installed = require('better-sqlite3') as typeof import('better-sqlite3');
		const version = (require('better-sqlite3/package.json') as {version: string}).version;
		const shared = Symbol.for('anki-tui.better-sqlite3');
		const global = globalThis as {[shared]?: unknown};
		const bundle = async (built: string, name: string) => {
			const outfile = path.join(folder, `${name}.cjs`);
			await build({entryPoints: [path.join(projectRoot, 'scripts', 'better-sqlite3.cjs')], outfile, bundle: true, platform: 'node', format: 'cjs', external: ['bindings'], define: {BUNDLED_BETTER_SQLITE3_VERSION: JSON.stringify(built)}, logLevel: 'error'});
			return outfile;
		};
		const addon = path.join(projectRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
		const works = (loaded: typeof import('better-sqlite3')) => {
			const db = new loaded(':memory:', {nativeBinding: addon});
			expect(db.prepare('SELECT 40 + 2 AS n').get()).toEqual({n: 42});
			db.close();
		};
		try {
			delete global[shared];
			const first = require(await bundle(version, 'first')) as typeof import('better-sqlite3');
			expect(first).not.toBe(installed);
			works(first);
			// A second script in the same process (the app after the paint) gets the first one's copy.
			expect(require(await bundle(version, 'second'))).toBe(first);
			delete global[shared];
			const otherVersion = require(await bundle('0.0.1', 'other-version')) as typeof import('better-sqlite3');
			expect(otherVersion).toBe(installed);
			works(otherVersion);
		} finally {
			delete global[shared];
			rmSync(folder, {recursive: true, force: true});
		}
	});
});
