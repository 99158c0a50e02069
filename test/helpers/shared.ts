// Real Anki files live in ../shared/fixtures (beside the clone in CI and on developer machines,
// absent in a user's clone). Tests that need them skip with a visible notice.
import {existsSync, mkdtempSync, copyFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '..', '..');
export const sharedRoot = path.resolve(projectRoot, '..', 'shared');
export const sharedAnki = path.join(sharedRoot, 'fixtures', 'anki');
export const sharedSync = path.join(sharedRoot, 'fixtures', 'sync-ankisyncd');
export const hasShared = existsSync(sharedAnki);

let warned = false;
/** Call at the top of a describe that uses shared fixtures; prints the notice once per file. */
export function noticeIfNoShared(): boolean {
	if (!hasShared && !warned) {
		warned = true;
		console.warn(`NOTICE: ${sharedAnki} is absent; tests that use shared real Anki files are skipped.`);
	}
	return hasShared;
}

const privateCopies = new Map<string, string>();

/**
 * The path of a shared fixture. SQLite files (raw collections) come back as a private copy made
 * once per test process: even a read-only SQLite open of a WAL file creates -wal/-shm files beside
 * it, and the shared folder must stay exactly as published.
 */
export function sharedFile(name: string): string {
	return privateCopyOf(path.join(sharedAnki, name));
}

/** Like sharedFile, for any file under the shared folder (the recorded sync collections too). */
export function privateCopyOf(original: string): string {
	// Without the shared folder the tests that use this are skipped; hand back the path unchanged.
	if (!/\.(anki2|anki21|db)$/.test(original) || !existsSync(original)) return original;
	let copy = privateCopies.get(original);
	if (!copy || !existsSync(copy)) {
		const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-shared-'));
		copy = path.join(dir, path.basename(original));
		copyFileSync(original, copy);
		privateCopies.set(original, copy);
		process.once('exit', () => rmSync(dir, {recursive: true, force: true}));
	}
	return copy;
}

/** A private temp directory, removed by the returned cleanup. */
export function tempDir(prefix = 'anki-tui-test-'): {dir: string; cleanup: () => void} {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	return {dir, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

/** Copies a file into a fresh temp dir (shared fixtures are never written in place). */
export function copyToTemp(file: string): {file: string; dir: string; cleanup: () => void} {
	const t = tempDir();
	const target = path.join(t.dir, path.basename(file));
	copyFileSync(file, target);
	return {file: target, ...t};
}
