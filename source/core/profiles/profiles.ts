// The Anki profiles on this machine: which exist, where each one's collection is, how big, which
// schema, and whether Anki has it open. Anki lists its profiles in the base folder's prefs21.db
// (table `profiles`, one row per profile plus `_global` for Anki's own settings; aqt/profiles.py)
// and keeps each in a folder of the same name; other folders there (addons21, logs, backups of
// removed profiles...) are not profiles. Nothing here writes, locks or waits.
import {closeSync, existsSync, openSync, readdirSync, readSync, statSync} from 'node:fs';
import path from 'node:path';
import {openDatabase} from '../collection/sqlite.js';
import {AnkiFileError, UsageError} from '../errors.js';
import {peekSchemaVersion} from '../collection/peek-version.js';
import {ankiFolders, type AnkiFolder, type AnkiFolderOptions} from './anki-folders.js';
import {collectionInUse, type InUseOptions} from './in-use.js';

export interface AnkiProfile {
	name: string;
	/** Anki's base folder the profile is in, and what pointed at it. */
	base: AnkiFolder;
	folder: string;
	collection: string;
	media: string;
	/** False when Anki knows the profile but has not made its collection yet. */
	exists: boolean;
	/** Bytes of collection.anki2 plus its -wal. */
	size?: number;
	schema?: number;
	/** Another program (Anki) has the collection open now. */
	inUse?: boolean;
}

export interface ProfileSearch {
	profiles: AnkiProfile[];
	/** Every folder looked in, and whether it exists. */
	searched: {folder: AnkiFolder; exists: boolean}[];
}

export type FindProfilesOptions = AnkiFolderOptions &
	InUseOptions & {
		/**
		 * false: names and paths only, no size, schema or in-use (the collections are not read).
		 * Never ask for details of a collection this process has open: reading its pages opens
		 * and closes a file handle, and closing any handle drops the process's POSIX locks on that
		 * file, SQLite's included.
		 */
		details?: boolean;
	};

/** Profile names from prefs21.db, or undefined when it is absent or cannot be read right now. */
function namesFromPrefs(base: string): string[] | undefined {
	const file = path.join(base, 'prefs21.db');
	if (!existsSync(file)) return undefined;
	try {
		// SQLite would make -wal/-shm files to read a WAL-mode file; Anki keeps prefs21.db in
		// rollback mode (header bytes 18-19 are 1), where a read-only open writes nothing.
		const header = Buffer.alloc(20);
		const fd = openSync(file, 'r');
		try {
			readSync(fd, header, 0, 20, 0);
		} finally {
			closeSync(fd);
		}
		if (header[18] !== 1 || header[19] !== 1) return undefined;
		const db = openDatabase(file, {readonly: true, fileMustExist: true, timeout: 0});
		try {
			return db.prepare("SELECT name FROM profiles WHERE name != '_global'").pluck().all() as string[];
		} finally {
			db.close();
		}
	} catch {
		return undefined; // busy (Anki is saving it) or damaged: the folders tell instead
	}
}

/** Without a readable prefs21.db: the folders that hold a collection. */
function namesFromFolders(base: string): string[] {
	return readdirSync(base, {withFileTypes: true})
		.filter(entry => entry.isDirectory() && existsSync(path.join(base, entry.name, 'collection.anki2')))
		.map(entry => entry.name);
}

/** A name that is a folder directly inside the base (Anki refuses names with path separators). */
function safeName(name: unknown): name is string {
	return typeof name === 'string' && name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

function fileSize(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

function profileAt(name: string, base: AnkiFolder, options: FindProfilesOptions): AnkiProfile {
	const folder = path.join(base.path, name);
	const collection = path.join(folder, 'collection.anki2');
	const profile: AnkiProfile = {name, base, folder, collection, media: path.join(folder, 'collection.media'), exists: existsSync(collection)};
	if (!profile.exists || options.details === false) return profile;
	profile.size = fileSize(collection) + fileSize(`${collection}-wal`);
	const schema = peekSchemaVersion(collection);
	if (schema !== undefined) profile.schema = schema;
	profile.inUse = collectionInUse(collection, options);
	return profile;
}

export function findProfiles(options: FindProfilesOptions = {}): ProfileSearch {
	const search: ProfileSearch = {profiles: [], searched: []};
	for (const base of ankiFolders(options)) {
		let exists = false;
		try {
			exists = statSync(base.path).isDirectory();
		} catch {
			// not there
		}
		search.searched.push({folder: base, exists});
		if (!exists) continue;
		const names = (namesFromPrefs(base.path) ?? namesFromFolders(base.path)).filter(safeName);
		names.sort((a, b) => a.localeCompare(b, undefined, {sensitivity: 'base'}));
		for (const name of names) search.profiles.push(profileAt(name, base, options));
	}
	return search;
}

/**
 * The profile `--profile NAME` means: matched exactly, else ignoring case (as Anki compares
 * names); from the --base folder when it has it, else from the one folder that has it.
 */
export function resolveProfile(name: string, options: FindProfilesOptions = {}): AnkiProfile {
	if (name.trim() === '') throw new UsageError('--profile needs a profile name; run anki-tui profiles to list them');
	const {profiles, searched} = findProfiles({...options, details: false});
	const exact = profiles.filter(p => p.name === name);
	let matches = exact.length > 0 ? exact : profiles.filter(p => p.name.toLowerCase() === name.toLowerCase());
	const fromBase = matches.filter(p => p.base.source === 'base');
	if (fromBase.length > 0) matches = fromBase;
	if (matches.length === 0) {
		const known = profiles.length > 0 ? `profiles found: ${profiles.map(p => `"${p.name}"`).join(', ')}` : `no profiles in ${searched.map(s => s.folder.path).join(', ')}`;
		throw new UsageError(`no Anki profile "${name}" (${known}); run anki-tui profiles, or give Anki's folder with --base DIR`);
	}
	if (matches.length > 1) {
		throw new UsageError(`profile "${name}" is in ${matches.length} Anki folders (${matches.map(p => p.base.path).join(', ')}); pick one with --base DIR`);
	}
	const profile = matches[0]!;
	if (!profile.exists) {
		throw new AnkiFileError(`profile "${profile.name}" has no collection yet (${profile.collection}); open it once in Anki`);
	}
	return profile;
}

/** A profile name as a shell needs it after --profile. */
function shellWord(word: string): string {
	return /^[\w.@%+=:,/-]+$/.test(word) ? word : `"${word.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The command that opens this profile (with --base when only --base found it). */
export function profileCommand(profile: AnkiProfile): string {
	const base = profile.base.source === 'base' ? ` --base ${shellWord(profile.base.path)}` : '';
	return `anki-tui --profile ${shellWord(profile.name)}${base}`;
}

/**
 * Profiles with a collection, other than the one at `openPath` (which this process has open),
 * named and located only: their collections are not read.
 */
export function otherProfiles(openPath: string, options: FindProfilesOptions = {}): AnkiProfile[] {
	const open = path.resolve(openPath);
	return findProfiles({...options, details: false}).profiles.filter(p => p.exists && path.resolve(p.collection) !== open);
}
