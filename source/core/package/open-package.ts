// Opens an .apkg/.colpkg of any Anki generation: picks the collection entry exactly as Anki does,
// streams it (zstd-decoded for version 3) into a private temp dir, and indexes the media lazily.
import {chmodSync, closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {detectFileKind} from './file-kind.js';
import {readSmallEntry, streamEntry} from './entry-stream.js';
import {allowedOutput, defaultLimits, type PackageLimits} from './limits.js';
import {MediaIndex} from './media-index.js';
import {decodeLegacyMediaMap, decodeMediaEntries, type DecodedMediaMap} from './media-map.js';
import {packageErrors} from './package-errors.js';
import {collectionEntryFor, decodeMetaVersion, pickVersion, type PackageVersion} from './package-meta.js';
import {toPackageError} from './to-file-error.js';
import {ZipReader} from './zip-reader.js';
import type {ZstdEngineName} from '../zstd/decode.js';

export interface OpenPackageOptions {
	/** Where the private temp dir is created (default: the OS temp dir). */
	tempRoot?: string;
	limits?: Partial<PackageLimits>;
	/** Force the zstd decoder: 'native' (zstd-napi) or 'js' (fzstd). Default: native if it loads. */
	zstdEngine?: ZstdEngineName;
}

export interface OpenedPackage {
	/** The package file as given. */
	readonly file: string;
	/** 1 = collection.anki2, 2 = collection.anki21, 3 = collection.anki21b (zstd, protobuf media list). */
	readonly version: PackageVersion;
	/** The zip entry the collection came from. */
	readonly collectionEntry: string;
	/** Extracted SQLite file in tempDir; writable, so SQLite can create -wal/-shm beside it. */
	readonly collectionPath: string;
	/** Private (0700) directory removed by cleanup(). */
	readonly tempDir: string;
	readonly media: MediaIndex;
	/** Non-fatal problems (skipped unsafe media names...), one line each. */
	readonly warnings: readonly string[];
	/** Closes the zip and removes tempDir. Safe to call twice; synchronous so exit handlers can use it. */
	cleanup(): void;
}

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

export async function openPackage(file: string, options: OpenPackageOptions = {}): Promise<OpenedPackage> {
	const limits: PackageLimits = {...defaultLimits, ...options.limits};
	checkReadable(file);
	let kind;
	try {
		kind = detectFileKind(file);
	} catch (error) {
		throw packageErrors.unreadable(file, (error as Error).message);
	}
	if (kind === 'sqlite') throw packageErrors.isCollection(file);
	if (kind !== 'zip') throw packageErrors.notPackage(file);

	let zip: ZipReader;
	try {
		zip = await ZipReader.open(file);
	} catch (error) {
		throw packageErrors.damaged(file, `unreadable zip: ${(error as Error).message}`);
	}

	let tempDir: string | undefined;
	try {
		const version = await readVersion(file, zip, limits);
		const collectionEntry = collectionEntryFor[version];
		const entry = zip.get(collectionEntry);
		if (!entry) throw packageErrors.noCollection(file);

		tempDir = mkdtempSync(path.join(options.tempRoot ?? tmpdir(), 'anki-tui-pkg-'));
		chmodSync(tempDir, 0o700);
		// The name Anki itself gives an imported collection; -wal/-shm will sit beside it.
		const collectionPath = path.join(tempDir, 'collection.anki2');
		await extractCollection(file, zip, entry, version, collectionPath, limits, options.zstdEngine);

		const mediaMap = await readMediaMap(file, zip, version, limits, options.zstdEngine);
		const media = new MediaIndex(file, zip, mediaMap.entries, version === 3, limits, options.zstdEngine);
		const dir = tempDir;
		let cleaned = false;
		return {
			file,
			version,
			collectionEntry,
			collectionPath,
			tempDir: dir,
			media,
			warnings: mediaMap.warnings,
			cleanup() {
				if (cleaned) return;
				cleaned = true;
				zip.close();
				rmSync(dir, {recursive: true, force: true});
			},
		};
	} catch (error) {
		zip.close();
		if (tempDir) rmSync(tempDir, {recursive: true, force: true});
		throw toPackageError(file, error);
	}
}

function checkReadable(file: string): void {
	let stat;
	try {
		stat = statSync(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') throw packageErrors.missing(file);
		throw packageErrors.unreadable(file, (error as Error).message);
	}
	if (!stat.isFile()) throw packageErrors.notPackage(file);
}

async function readVersion(file: string, zip: ZipReader, limits: PackageLimits): Promise<PackageVersion> {
	const metaEntry = zip.get('meta');
	let metaVersion: number | undefined;
	if (metaEntry) {
		const bytes = await readSmallEntry(zip, metaEntry, {zstd: false, maxOutput: limits.maxListBytes});
		metaVersion = decodeMetaVersion(bytes);
	}
	const version = pickVersion(metaVersion, (name) => zip.has(name));
	if (version === 'too-new') throw packageErrors.tooNew(file);
	return version;
}

async function extractCollection(
	file: string,
	zip: ZipReader,
	entry: NonNullable<ReturnType<ZipReader['get']>>,
	version: PackageVersion,
	target: string,
	limits: PackageLimits,
	zstdEngine?: ZstdEngineName,
): Promise<void> {
	const maxOutput = allowedOutput(limits, entry.compressedSize);
	const fd = openSync(target, 'wx+', 0o600);
	try {
		await streamEntry(zip, entry, {zstd: version === 3, maxOutput, zstdEngine}, (chunk) => {
			writeSync(fd, chunk);
		});
		const head = Buffer.alloc(sqliteMagic.length);
		const read = readSync(fd, head, 0, head.length, 0);
		if (read < head.length || !head.equals(sqliteMagic)) {
			throw packageErrors.damaged(file, `${entry.name} is not an SQLite database`);
		}
	} catch (error) {
		throw toPackageError(file, error, entry.name);
	} finally {
		closeSync(fd);
	}
}

async function readMediaMap(
	file: string,
	zip: ZipReader,
	version: PackageVersion,
	limits: PackageLimits,
	zstdEngine?: ZstdEngineName,
): Promise<DecodedMediaMap> {
	const entry = zip.get('media');
	// Old AnkiDroid exports have no media list at all (rslib media.rs treats it as empty).
	if (!entry) return {entries: [], warnings: []};
	try {
		const bytes = await readSmallEntry(zip, entry, {zstd: version === 3, maxOutput: limits.maxListBytes, zstdEngine});
		return version === 3 ? decodeMediaEntries(bytes) : decodeLegacyMediaMap(bytes);
	} catch (error) {
		throw toPackageError(file, error, 'media list');
	}
}
