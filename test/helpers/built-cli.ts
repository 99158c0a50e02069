// The built CLI (dist/) that the CLI, end-to-end and install tests run must be built from the
// source under test. It is rebuilt when any input of the bundle is newer than dist/cli.cjs, at most
// once per test run: test files run in parallel processes, so the check and the build happen
// under a lock, and a process that waited finds dist/ fresh.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdirSync, readdirSync, rmdirSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {projectRoot} from './shared.js';

/** What the bundle is made from: source/, the build scripts, and the dependency versions. */
const bundleInputs = ['source', 'scripts/build.mjs', 'scripts/bundle-patches.mjs', 'scripts/image-library.cjs', 'scripts/better-sqlite3.cjs', 'scripts/proto-descriptor.mjs', 'scripts/stub-devtools.mjs', 'scripts/is-in-ci-tty.mjs', 'package.json', 'package-lock.json'];

function newestMtime(file: string): number {
	let stat;
	try {
		stat = statSync(file);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

/** The bundle inputs newer than `root`/dist/cli.cjs (all of them when there is no build). */
export function staleBundleInputs(root: string): string[] {
	const built = newestMtime(path.join(root, 'dist', 'cli.cjs'));
	return bundleInputs.filter((input) => newestMtime(path.join(root, input)) > built);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function withLock(fn: () => void): void {
	const lock = path.join(tmpdir(), `anki-tui-build-${createHash('sha1').update(projectRoot).digest('hex').slice(0, 12)}.lock`);
	const deadline = Date.now() + 180_000;
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			// A lock older than any build is left over from a killed run.
			if (Date.now() - newestMtime(lock) > 120_000) rmdirSync(lock);
			else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
			else sleep(100);
		}
	}
	try {
		fn();
	} finally {
		rmdirSync(lock);
	}
}

let checked = false;

/** Builds dist/ when it is missing or older than any bundle input; once per test run. */
export function ensureFreshBuild(): void {
	if (checked) return;
	withLock(() => {
		const stale = staleBundleInputs(projectRoot);
		if (stale.length > 0) {
			console.warn(`NOTICE: rebuilding dist/ (newer: ${stale.join(', ')})`);
			execFileSync(process.execPath, [path.join(projectRoot, 'scripts', 'build.mjs')], {cwd: projectRoot, stdio: 'inherit'});
			if (staleBundleInputs(projectRoot).length > 0) throw new Error('the build left dist/cli.cjs older than its sources');
		}
	});
	checked = true;
}
