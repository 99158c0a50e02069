// Writes .apkg/.colpkg files laid out exactly as each Anki generation wrote them (formats.md §1.1):
// entry names and order, meta bytes, stored vs deflate, zstd framing, media list encoding, and the
// zip header fields the writer of that generation used (Python's zipfile or Rust's zip crate).
import {createHash} from 'node:crypto';
import {createReadStream, renameSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import {encodeMediaEntries} from '../../source/core/package/media-map.js';
import {isUnsafeMediaName} from '../../source/core/package/media-name.js';
import {collectionEntryFor, encodeMetaVersion} from '../../source/core/package/package-meta.js';
import {ZipWriter, type ZipEntryOptions} from './zip-writer.js';
import {zstdEncode} from '../../source/core/zstd/encode.js';

/**
 * - anki2: Anki 2.0/2.1 Python exporter, v1 scheduler (or apkg without scheduling): collection.anki2 only.
 * - anki21: Python exporter with the v2 scheduler: old dummy collection.anki2 first, then collection.anki21.
 * - legacy2: Anki ≥ 2.1.50 "support older Anki versions": meta 08 02, collection.anki21, dummy.
 * - latest: Anki ≥ 2.1.50 default: meta 08 03, zstd collection.anki21b, dummy, zstd media + protobuf list.
 */
export type PackageGeneration = 'anki2' | 'anki21' | 'legacy2' | 'latest';

export interface PackageMediaFile {
	/** Real media file name (already normalised, as in Anki's media folder). */
	name: string;
	/** The bytes, or a path to read them from. */
	data?: Uint8Array;
	path?: string;
}

export interface WritePackageOptions {
	generation: PackageGeneration;
	/** SQLite file of the real collection (schema 11 for the legacy generations, 18 for latest). */
	collectionFile: string;
	/** The "please update" collection.anki2 that anki21/legacy2/latest packages carry. */
	dummyCollectionFile?: string;
	media?: PackageMediaFile[];
	/** apkg and colpkg share one layout; kept for callers' clarity and future differences. */
	kind: 'apkg' | 'colpkg';
	/**
	 * Pins every entry's time stamp (reproducible fixtures). Without it, entries get the current
	 * time, except that Python-era layouts stamp files with their mtime, as zipfile.write did.
	 */
	now?: Date;
}

const pythonZip64Limit = 2 ** 31 - 1; // zipfile.ZIP64_LIMIT
const unixFile = 0o100644;

export async function writePackage(outPath: string, options: WritePackageOptions): Promise<void> {
	const {generation} = options;
	const media = options.media ?? [];
	for (const file of media) {
		if (isUnsafeMediaName(file.name)) throw new Error(`unsafe media file name ${JSON.stringify(file.name)}`);
		if (!file.data && !file.path) throw new Error(`media file ${JSON.stringify(file.name)} has neither data nor path`);
	}
	if (generation !== 'anki2' && !options.dummyCollectionFile) {
		throw new Error(`a ${generation} package needs dummyCollectionFile (the "please update" collection.anki2)`);
	}
	const partial = path.join(path.dirname(outPath), `.${path.basename(outPath)}.partial`);
	const python = generation === 'anki2' || generation === 'anki21';
	const zip = new ZipWriter(partial, {zip64Limit: python ? pythonZip64Limit : undefined});
	try {
		if (python) await writePythonLayout(zip, options, media);
		else await writeRustLayout(zip, options, media);
		zip.close();
		renameSync(partial, outPath);
	} catch (error) {
		zip.abort();
		rmSync(partial, {force: true});
		throw error;
	}
}

// --- Anki 2.0/2.1 (pylib/anki/exporting.py, Python zipfile, ZIP_DEFLATED default) -------------

function pythonFileOptions(file: string, method: 'stored' | 'deflate', pinned: Date | undefined): ZipEntryOptions {
	const stat = statSync(file);
	return {
		method,
		versionMadeBy: (3 << 8) | 20, // create_system 3 (Unix), create_version 2.0
		versionNeeded: 20,
		externalAttributes: ((stat.mode & 0xffff) << 16) >>> 0, // zipfile.write: st_mode << 16
		mtime: pinned ?? stat.mtime,
		knownSize: stat.size,
	};
}

function pythonDataOptions(method: 'stored' | 'deflate', now: Date, size: number): ZipEntryOptions {
	return {method, versionMadeBy: (3 << 8) | 20, versionNeeded: 20, externalAttributes: (0o600 << 16) >>> 0, mtime: now, knownSize: size};
}

async function writePythonLayout(zip: ZipWriter, options: WritePackageOptions, media: PackageMediaFile[]): Promise<void> {
	const now = options.now ?? new Date();
	if (options.generation === 'anki21') {
		// _addDummyCollection runs before the real collection is written.
		const dummy = options.dummyCollectionFile!;
		await zip.add('collection.anki2', createReadStream(dummy), pythonFileOptions(dummy, 'deflate', options.now));
		await zip.add(collectionEntryFor[2], createReadStream(options.collectionFile), pythonFileOptions(options.collectionFile, 'deflate', options.now));
	} else {
		await zip.add(collectionEntryFor[1], createReadStream(options.collectionFile), pythonFileOptions(options.collectionFile, 'deflate', options.now));
	}
	const map: Array<[string, string]> = [];
	for (const [index, file] of media.entries()) {
		// Anki 2.1 stores media uncompressed, except SVG (text) which it deflates.
		const method = /\.svg$/i.test(file.name) ? 'deflate' : 'stored';
		const entryOptions = file.path ? pythonFileOptions(file.path, method, options.now) : pythonDataOptions(method, now, file.data!.length);
		if (!file.path) entryOptions.externalAttributes = (unixFile << 16) >>> 0;
		await zip.add(String(index), file.path ? createReadStream(file.path) : [file.data!], entryOptions);
		map.push([String(index), file.name.normalize('NFC')]);
	}
	const json = Buffer.from(pythonJsonDumps(map), 'utf8');
	await zip.add('media', [json], pythonDataOptions('deflate', now, json.length));
}

/** json.dumps of a str→str dict with Python's defaults (", "/": " separators, ensure_ascii). */
export function pythonJsonDumps(pairs: ReadonlyArray<[string, string]>): string {
	return `{${pairs.map(([key, value]) => `${pythonJsonString(key)}: ${pythonJsonString(value)}`).join(', ')}}`;
}

function pythonJsonString(text: string): string {
	const short: Record<string, string> = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'};
	let out = '"';
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		const code = text.charCodeAt(i);
		if (short[ch]) out += short[ch];
		else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
		else out += ch;
	}
	return `${out}"`;
}

// --- Anki ≥ 2.1.50 (rslib colpkg/export.rs, Rust zip crate) ---------------------------------------

function rustOptions(method: 'stored' | 'deflate', now: Date, knownSize?: number): ZipEntryOptions {
	// Observed in Anki 25.x exports: Unix, "made by" = "needed" = 1.0 for stored (2.0 for deflate), 0644.
	const version = method === 'stored' ? 10 : 20;
	return {method, versionMadeBy: (3 << 8) | version, versionNeeded: version, externalAttributes: (unixFile << 16) >>> 0, mtime: now, knownSize};
}

async function writeRustLayout(zip: ZipWriter, options: WritePackageOptions, media: PackageMediaFile[]): Promise<void> {
	const now = options.now ?? new Date();
	const latest = options.generation === 'latest';
	const version = latest ? 3 : 2;
	await zip.add('meta', [encodeMetaVersion(version)], rustOptions('stored', now));

	const colSize = statSync(options.collectionFile).size;
	if (latest) {
		await zip.add(collectionEntryFor[3], zstdEncode(createReadStream(options.collectionFile), colSize), rustOptions('stored', now));
	} else {
		await zip.add(collectionEntryFor[2], createReadStream(options.collectionFile), rustOptions('deflate', now, colSize));
	}
	const dummy = options.dummyCollectionFile!;
	await zip.add('collection.anki2', createReadStream(dummy), rustOptions('stored', now, statSync(dummy).size));

	const entries: Array<{name: string; size: number; sha1: Uint8Array}> = [];
	for (const [index, file] of media.entries()) {
		const hash = createHash('sha1');
		let size = 0;
		async function* tapped(): AsyncGenerator<Uint8Array> {
			for await (const chunk of (file.path ? createReadStream(file.path) : [file.data!]) as AsyncIterable<Uint8Array>) {
				hash.update(chunk);
				size += chunk.length;
				yield chunk;
			}
		}
		// MediaCopier: each file is its own single-threaded zstd frame (legacy2 copies raw bytes).
		await zip.add(String(index), latest ? zstdEncode(tapped()) : tapped(), rustOptions('stored', now));
		entries.push({name: file.name, size, sha1: hash.digest()});
	}

	if (latest) {
		const list = encodeMediaEntries(entries);
		await zip.add('media', zstdEncode([list], list.length), rustOptions('stored', now));
	} else {
		// serde_json of a HashMap: compact, raw UTF-8 (its key order is arbitrary; we use index order).
		const map = Object.fromEntries(entries.map((entry, index) => [String(index), entry.name]));
		await zip.add('media', [Buffer.from(JSON.stringify(map), 'utf8')], rustOptions('stored', now));
	}
}
