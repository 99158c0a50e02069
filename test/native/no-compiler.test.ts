// Installing the npm package on a machine without a C compiler: `npm install` succeeds without a
// word about the collation, and the installed CLI opens a schema-18 collection through the
// prebuilt library. The package is packed from this checkout and installed offline into a
// temporary project (its dependencies hard-linked from ours), with a PATH holding only node, npm
// and sh, so cc/gcc/clang cannot be found.
import {execFileSync, spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, renameSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ensureBuilt} from '../cli/run-cli.js';
import {projectRoot, tempDir} from '../helpers/shared.js';

const hostKey = `${process.platform}-${process.arch}`;
const libraryName = `unicase.${process.platform === 'darwin' ? 'dylib' : process.platform === 'win32' ? 'dll' : 'so'}`;
const which = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`], {encoding: 'utf8'}).stdout.trim();

let sandbox: ReturnType<typeof tempDir>;
let packedFiles: string[];
let tarball: string;
let project: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
	ensureBuilt();
	sandbox = tempDir('anki-tui-install-');
	const packed = JSON.parse(
		execFileSync(which('npm'), ['pack', '--ignore-scripts', '--json', '--pack-destination', sandbox.dir], {cwd: projectRoot, encoding: 'utf8'}),
	) as {filename: string; files: {path: string}[]}[];
	tarball = path.join(sandbox.dir, packed[0]!.filename);
	packedFiles = packed[0]!.files.map(f => f.path).sort();

	project = path.join(sandbox.dir, 'project');
	const bin = path.join(project, 'bin');
	mkdirSync(bin, {recursive: true});
	writeFileSync(path.join(project, 'package.json'), '{"name": "try-anki-tui", "version": "1.0.0", "private": true}\n');
	// Our dependencies, already built, so npm installs only the package itself (offline).
	execFileSync('cp', ['-al', path.join(projectRoot, 'node_modules'), path.join(project, 'node_modules')]);
	for (const tool of ['node', 'npm', 'sh']) symlinkSync(which(tool), path.join(bin, tool));
	env = {PATH: bin, HOME: project, npm_config_cache: path.join(sandbox.dir, 'npm-cache'), npm_config_update_notifier: 'false'};
}, 120_000);

afterAll(() => sandbox?.cleanup());

describe.skipIf(process.platform === 'win32')('installing without a C compiler', () => {
	it('the package ships every prebuilt library and the sources, but no local build and no source maps', () => {
		for (const key of ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64']) {
			expect(packedFiles.some(f => f.startsWith(`native/prebuilt/${key}/unicase.`))).toBe(true);
		}
		expect(packedFiles).toContain('native/prebuilt/manifest.json');
		expect(packedFiles).toContain('native/unicase.c');
		expect(packedFiles).toContain('scripts/build-native.mjs');
		expect(packedFiles.filter(f => f.startsWith('native/build/') || f.endsWith('.map'))).toEqual([]);
	});

	it('no compiler is reachable on the PATH the install runs with', () => {
		for (const compiler of ['cc', 'gcc', 'clang']) {
			expect(spawnSync('sh', ['-c', `command -v ${compiler}`], {env}).status).not.toBe(0);
		}
	});

	it('npm install succeeds, says nothing about the collation, and builds nothing', () => {
		const result = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--foreground-scripts', tarball], {cwd: project, env, encoding: 'utf8'});
		expect(result.status, result.stderr).toBe(0);
		expect(`${result.stdout}${result.stderr}`).not.toMatch(/anki-tui: warning|unicase/);
		expect(existsSync(path.join(project, 'node_modules', 'anki-tui', 'native', 'build'))).toBe(false);
		expect(existsSync(path.join(project, 'node_modules', 'anki-tui', 'native', 'prebuilt', hostKey, libraryName))).toBe(true);
	}, 120_000);

	it('the installed CLI opens a schema-18 collection through the prebuilt library', () => {
		const collection = path.join(sandbox.dir, 'schema18.anki2');
		copyFileSync(path.join(projectRoot, 'fixtures', 'schema18.anki2'), collection);
		const cli = path.join(project, 'node_modules', 'anki-tui', 'bin', 'anki-tui.js');
		const result = spawnSync(process.execPath, [cli, 'decks', collection, '--json'], {env, encoding: 'utf8'});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const decks = JSON.parse(result.stdout) as {name: string}[];
		expect(decks.map(d => d.name)).toContain('anki-tui demo');
	});

	it('the install script warns in one line, and still exits 0, when there is no prebuilt library either', () => {
		const installed = path.join(project, 'node_modules', 'anki-tui');
		renameSync(path.join(installed, 'native', 'prebuilt', hostKey), path.join(installed, 'native', 'prebuilt', 'moved'));
		const result = spawnSync(process.execPath, ['scripts/build-native.mjs', '--if-missing'], {cwd: installed, env, encoding: 'utf8'});
		expect(result.status).toBe(0);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(new RegExp(`^anki-tui: warning: no C compiler found .*no prebuilt unicase library for ${hostKey}.*npm rebuild anki-tui`));
	});
});
