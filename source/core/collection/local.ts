// Where the user's own collection lives (issue 4): collection.anki2 in anki-tui's data folder
// (core/paths.ts: $XDG_DATA_HOME/anki-tui, else ~/.local/share/anki-tui on Linux, ~/Library/Application
// Support/anki-tui on macOS, %LOCALAPPDATA%\anki-tui on Windows), with collection.media/ beside it,
// as Anki keeps a profile's collection.anki2 and collection.media/ together. --collection,
// --profile and ANKI_TUI_COLLECTION pick another.
//
// The local collection is created with schema 11 and WAL. Schema 11 is read and written by every
// Anki since 2.0, AnkiDroid, ankisyncd (which speaks schema 11 only) and Anki's own sync server,
// and current Anki upgrades it to 18 in place on open; it also needs no `unicase` collation, so
// every SQLite tool (and better-sqlite3) can check and repair it.
import {existsSync, mkdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {AnkiFileError, UsageError} from '../errors.js';
import {dataDir} from '../paths.js';
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

export function resolveCollectionPath(
	flags: {collection?: string | undefined},
	env: NodeJS.ProcessEnv = process.env,
): CollectionLocation {
	const chosen = flags.collection || env.ANKI_TUI_COLLECTION;
	if (chosen !== undefined && chosen.trim() === '') throw new UsageError('--collection needs a file path');
	const file = chosen ? path.resolve(chosen) : path.join(dataDir(env), 'collection.anki2');
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
		mkdirSync(location.mediaDir, {recursive: true});
		created = true;
	} else if (!statSync(location.path).isFile()) {
		throw new AnkiFileError(`${location.path} is not a file`);
	}
	// An existing collection's media folder is made by whatever writes media first (import, sync):
	// a command that fails to open it, or only reads, leaves nothing beside it.
	return {...location, created};
}
