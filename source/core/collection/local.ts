// Where the user's own collection lives (issue 4): $XDG_DATA_HOME/anki-tui/collection.anki2, else
// ~/.local/share/anki-tui/collection.anki2, with collection.media/ beside it, as Anki keeps a
// profile's collection.anki2 and collection.media/ together. --collection / ANKI_TUI_COLLECTION pick another.
//
// The local collection is created with schema 11 and WAL. Schema 11 is read and written by every
// Anki since 2.0, AnkiDroid, ankisyncd (which speaks schema 11 only) and Anki's own sync server,
// and current Anki upgrades it to 18 in place on open; it also needs no `unicase` collation, so
// every SQLite tool (and better-sqlite3) can check and repair it.
import {existsSync, mkdirSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {AnkiFileError, UsageError} from '../errors.js';
import {createCollection} from './create.js';

export interface CollectionLocation {
	path: string;
	mediaDir: string;
	/** True when neither --collection nor ANKI_TUI_COLLECTION chose it. */
	isDefault: boolean;
}

/** `foo/collection.anki2` -> `foo/collection.media` (Anki's naming for any collection file). */
export function mediaDirFor(collectionPath: string): string {
	const ext = path.extname(collectionPath);
	const stem = ext ? collectionPath.slice(0, -ext.length) : collectionPath;
	return `${stem}.media`;
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
	const xdg = env.XDG_DATA_HOME;
	// The XDG spec says relative values are invalid and must be ignored.
	const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || homedir(), '.local', 'share');
	return path.join(base, 'anki-tui');
}

export function resolveCollectionPath(
	flags: {collection?: string | undefined},
	env: NodeJS.ProcessEnv = process.env,
): CollectionLocation {
	const chosen = flags.collection || env.ANKI_TUI_COLLECTION;
	if (chosen !== undefined && chosen.trim() === '') throw new UsageError('--collection needs a file path');
	const file = chosen ? path.resolve(chosen) : path.join(defaultDataDir(env), 'collection.anki2');
	return {path: file, mediaDir: mediaDirFor(file), isDefault: !chosen};
}

export interface EnsuredCollection extends CollectionLocation {
	/** True when this call created the collection. */
	created: boolean;
}

/**
 * Returns the collection to use, creating the default local one (and its media folder) on first
 * use. A collection the user named explicitly must already exist: a typo should not silently
 * start a new, empty collection.
 */
export function ensureLocalCollection(
	flags: {collection?: string | undefined} = {},
	env: NodeJS.ProcessEnv = process.env,
	now?: number,
): EnsuredCollection {
	const location = resolveCollectionPath(flags, env);
	let created = false;
	if (!existsSync(location.path)) {
		if (!location.isDefault) throw new AnkiFileError(`no collection at ${location.path}`);
		createCollection(location.path, {schema: 11, journalMode: 'wal', now});
		created = true;
	} else if (!statSync(location.path).isFile()) {
		throw new AnkiFileError(`${location.path} is not a file`);
	}
	mkdirSync(location.mediaDir, {recursive: true});
	return {...location, created};
}
