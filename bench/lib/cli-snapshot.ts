// The CLI as shipped (bin/ + the esbuild bundle in dist/), copied into bench/.cache/cli/ so that a
// rebuild of dist/ by someone else during a run cannot change or break what is measured. Node
// modules, the native unicase helper and package.json are found from there by walking up, as from dist/.
import {execFileSync} from 'node:child_process';
import {copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import {benchRoot, projectRoot} from './fixtures.js';

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, {withFileTypes: true})) {
		const full = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
	}
	return newest;
}

/** Builds dist/ when a source is newer, snapshots it, and returns the snapshot's bin/anki-tui.js. */
export function snapshotCli(log: (line: string) => void, name = 'cli'): string {
	const built = path.join(projectRoot, 'dist', 'cli.cjs');
	if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(path.join(projectRoot, 'source'))) {
		log('building dist/ (npm run build)');
		execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'build.mjs')], {cwd: projectRoot, stdio: 'inherit'});
	}
	const target = path.join(benchRoot, '.cache', name);
	for (let attempt = 0; ; attempt++) {
		try {
			rmSync(target, {recursive: true, force: true});
			mkdirSync(path.join(target, 'bin'), {recursive: true});
			cpSync(path.join(projectRoot, 'dist'), path.join(target, 'dist'), {recursive: true});
			copyFileSync(path.join(projectRoot, 'bin', 'anki-tui.js'), path.join(target, 'bin', 'anki-tui.js'));
			copyFileSync(path.join(projectRoot, 'bin', 'package.json'), path.join(target, 'bin', 'package.json'));
			copyFileSync(path.join(projectRoot, 'package.json'), path.join(target, 'package.json'));
			return path.join(target, 'bin', 'anki-tui.js');
		} catch (error) {
			// dist/ was being rebuilt while we copied it: try again shortly.
			if (attempt >= 5) throw error;
			execFileSync('sleep', ['2']);
		}
	}
}
