// Anki declares `COLLATE unicase` on name columns (schema 14+). better-sqlite3 cannot register
// collations from JS, so we load our own SQLite extension (native/unicase.c, built at install by
// scripts/build-native.mjs) that compares exactly as Anki's Rust `unicase` crate does.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type Database from 'better-sqlite3';
import {AnkiFileError} from '../errors.js';

const libraryName = `unicase.${process.platform === 'darwin' ? 'dylib' : process.platform === 'win32' ? 'dll' : 'so'}`;

let cachedPath: string | null | undefined;

/** Where the built extension is: $ANKI_TUI_UNICASE, else native/build/ in the package root. */
export function unicaseLibraryPath(): string | null {
	if (cachedPath !== undefined) return cachedPath;
	const override = process.env['ANKI_TUI_UNICASE'];
	if (override) return (cachedPath = existsSync(override) ? override : null);
	// Walk up from this module: works from source/ (tsx, vitest) and from a bundled dist/.
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (let level = 0; level < 6; level++) {
		const candidate = path.join(dir, 'native', 'build', libraryName);
		if (existsSync(candidate)) return (cachedPath = candidate);
		const parent = path.dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	return (cachedPath = null);
}

export function unicaseAvailable(): boolean {
	return unicaseLibraryPath() !== null;
}

export function unicaseMissingMessage(file: string): string {
	return `${file} needs Anki's "unicase" collation, but anki-tui's native helper (native/build/${libraryName}) was not built; install a C compiler (e.g. build-essential or Xcode command line tools) and run \`npm rebuild anki-tui\`.`;
}

/** Registers `unicase` on this connection; throws AnkiFileError naming `file` when it is not built. */
export function loadUnicase(db: Database.Database, file = db.name): void {
	const library = unicaseLibraryPath();
	if (!library) throw new AnkiFileError(unicaseMissingMessage(file));
	db.loadExtension(library);
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
