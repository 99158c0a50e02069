// What an import reads from: a package (zip) or a raw collection file (.anki2, as Anki 2.1's
// importer also accepted) with the media folder beside it. Either way the collection is a private
// copy in a temp dir, so it may be upgraded in place before reading.
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {AnkiFileError, AnkiTuiError} from '../errors.js';
import {openCollection} from '../collection/open.js';
import {mediaDirFor} from '../collection/local.js';
import {detectFileKind} from './file-kind.js';
import {isUnsafeMediaName} from './media-name.js';
import {openPackage} from './open-package.js';
import type {MediaCopyJob} from './media-index.js';

/** The part of a package's media index the importer needs. */
export interface MediaSource {
	readonly entries: ReadonlyArray<{name: string; sha1?: Uint8Array}>;
	readonly size: number;
	read(name: string): Promise<Buffer>;
	/** Writes destDir/<targetName> (default: name) and returns its path. */
	extract(name: string, destDir: string, targetName?: string): Promise<string>;
	/** A job copying `files` on a worker thread (see media-copy.ts), where the source allows it. */
	copyJob?(files: ReadonlyArray<{source: string; target: string}>, destDir: string): MediaCopyJob | undefined;
}

export interface ImportInput {
	collectionPath: string;
	media: MediaSource;
	warnings: readonly string[];
	cleanup(): void;
}

/** A collection's media folder as a MediaSource (missing folder = no media). */
function folderMedia(dir: string): MediaSource {
	const names = existsSync(dir)
		? readdirSync(dir).filter(n => !n.startsWith('.') && !isUnsafeMediaName(n) && statSync(path.join(dir, n)).isFile())
		: [];
	const entries = names.map(name => ({name: name.normalize('NFC'), file: name}));
	const byName = new Map(entries.map(e => [e.name, e.file]));
	const fileOf = (name: string) => {
		const file = byName.get(name);
		if (!file) throw new AnkiFileError(`No media file named ${JSON.stringify(name)} in ${dir}.`);
		return path.join(dir, file);
	};
	return {
		entries,
		size: entries.length,
		read: async name => readFileSync(fileOf(name)),
		extract: async (name, destDir, targetName = name) => {
			mkdirSync(destDir, {recursive: true});
			const target = path.join(destDir, targetName);
			copyFileSync(fileOf(name), target);
			return target;
		},
	};
}

export async function openImportInput(file: string): Promise<ImportInput> {
	let kind;
	try {
		kind = detectFileKind(file);
	} catch (error) {
		throw new AnkiFileError(`Cannot open ${file}: ${(error as Error).message}`);
	}
	if (kind !== 'sqlite') {
		const pkg = await openPackage(file);
		return {collectionPath: pkg.collectionPath, media: pkg.media, warnings: pkg.warnings, cleanup: () => pkg.cleanup()};
	}
	// A raw collection: copy it with SQLite's backup (which includes any -wal content); the
	// original is never written.
	const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-import-'));
	const copy = path.join(dir, 'collection.anki2');
	try {
		// The read-only open leaves no -wal/-shm beside the user's file and refuses a file Anki holds.
		const source = openCollection(file, {readOnly: true});
		try {
			await source.db.backup(copy);
		} finally {
			source.close();
		}
	} catch (error) {
		rmSync(dir, {recursive: true, force: true});
		if (error instanceof AnkiTuiError) throw error;
		throw new AnkiFileError(`Cannot read ${file}: ${(error as Error).message}`);
	}
	return {
		collectionPath: copy,
		media: folderMedia(mediaDirFor(file)),
		warnings: [],
		cleanup: () => rmSync(dir, {recursive: true, force: true}),
	};
}
