// Anki declares `COLLATE unicase` on name columns (schema 14+). better-sqlite3 cannot register
// collations from JS, so we load our own SQLite extension (native/unicase.c) that compares exactly
// as Anki's Rust `unicase` crate does. It comes built for the common platforms in the package
// (native/prebuilt/<platform>-<arch>/, made by scripts/build-prebuilt.ts); a library built at
// install (native/build/, scripts/build-native.mjs) comes first when present.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type Database from 'better-sqlite3';
import {openDatabase} from './sqlite.js';
import {AnkiFileError} from '../errors.js';

const libraryName = `unicase.${process.platform === 'darwin' ? 'dylib' : process.platform === 'win32' ? 'dll' : 'so'}`;
const platformKey = `${process.platform}-${process.arch}`;

let cachedCandidates: string[] | undefined;
/** The library that loaded last time, so later connections skip the ones that failed. */
let working: string | undefined;
let lastFailure: string | undefined;

/**
 * Where the extension may be, best first: $ANKI_TUI_UNICASE alone when set; else the local
 * build, then the prebuilt library for this platform and architecture, found by walking up from
 * this module (works from source/ under tsx and vitest, and from the bundled dist/).
 */
export function unicaseLibraryCandidates(): string[] {
	if (cachedCandidates) return cachedCandidates;
	const override = process.env['ANKI_TUI_UNICASE'];
	if (override) return (cachedCandidates = existsSync(override) ? [override] : []);
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (let level = 0; level < 6; level++) {
		const found = [path.join(dir, 'native', 'build', libraryName), path.join(dir, 'native', 'prebuilt', platformKey, libraryName)].filter(existsSync);
		if (found.length > 0) return (cachedCandidates = found);
		const parent = path.dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	return (cachedCandidates = []);
}

/** The library that will be used (the first candidate until one has been tried), or null. */
export function unicaseLibraryPath(): string | null {
	return working ?? unicaseLibraryCandidates()[0] ?? null;
}

/**
 * Registers `unicase` on this connection from the first candidate that loads; false when none
 * does (none present, or each refused by the system loader).
 */
export function tryLoadUnicase(db: Database.Database): boolean {
	const candidates = working ? [working] : unicaseLibraryCandidates();
	for (const library of candidates) {
		try {
			db.loadExtension(library);
			working = library;
			return true;
		} catch (error) {
			lastFailure = `${library}: ${(error as Error).message}`;
		}
	}
	return false;
}

/** True when the extension loads on this machine (tried once on a scratch connection). */
export function unicaseAvailable(): boolean {
	if (working) return true;
	if (unicaseLibraryCandidates().length === 0) return false;
	const scratch = openDatabase(':memory:');
	try {
		return tryLoadUnicase(scratch);
	} finally {
		scratch.close();
	}
}

export function unicaseMissingMessage(file: string): string {
	const reason = lastFailure ? `its native helper failed to load (${lastFailure})` : `there is no native helper for ${platformKey} (native/prebuilt/) and none was built (native/build/${libraryName})`;
	return `${file} needs Anki's "unicase" collation, but ${reason}; install a C compiler (e.g. build-essential or Xcode command line tools) and run \`npm rebuild anki-tui\`.`;
}

/** Registers `unicase` on this connection; throws AnkiFileError naming `file` when it cannot. */
export function loadUnicase(db: Database.Database, file = db.name): void {
	if (!tryLoadUnicase(db)) throw new AnkiFileError(unicaseMissingMessage(file));
}

/** True when the schema mentions the collation (schema 14+ collections). */
export function schemaUsesUnicase(db: Database.Database): boolean {
	const row = db
		.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE sql LIKE '%collate unicase%'")
		.get() as {n: number};
	return row.n > 0;
}

/**
 * Fallback for a private temp copy that Anki will never open again (package import): rewrites
 * `COLLATE unicase` to `COLLATE NOCASE` in the schema and rebuilds the indexes, so the copy is
 * fully readable without the extension. Never use on a user's collection: non-ASCII index order
 * would differ from Anki's (formats.md §3.9 option 1).
 */
export function rewriteUnicaseToNocase(db: Database.Database): void {
	db.unsafeMode(true);
	try {
		db.pragma('writable_schema = ON');
		db.prepare(
			"UPDATE sqlite_schema SET sql = replace(replace(sql, 'COLLATE unicase', 'COLLATE NOCASE'), 'collate unicase', 'COLLATE NOCASE') WHERE sql LIKE '%collate unicase%'",
		).run();
		db.pragma('writable_schema = OFF');
	} finally {
		db.unsafeMode(false);
	}
}
