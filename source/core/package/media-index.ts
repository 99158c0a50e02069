// Lazy access to a package's media files: nothing is extracted until asked, each file is
// streamed (and zstd-decoded for version-3 packages) straight into its destination.
import {closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync} from 'node:fs';
import path from 'node:path';
import {AnkiFileError} from '../errors.js';
import {streamEntry} from './entry-stream.js';
import {allowedOutput, type PackageLimits} from './limits.js';
import type {MediaFileEntry} from './media-map.js';
import {isUnsafeMediaName} from './media-name.js';
import {packageErrors} from './package-errors.js';
import {toPackageError} from './to-file-error.js';
import type {ZipReader} from './zip-reader.js';
import type {ZstdEngineName} from '../zstd/decode.js';

let partialCounter = 0;

export interface ExtractAllResult {
	/** Names written to the destination folder. */
	extracted: string[];
	/** Files listed in the media map but absent from the zip, with the reason. */
	skipped: Array<{name: string; reason: string}>;
}

export type MediaProgress = (done: number, total: number, name: string) => void;

/** Everything a worker thread needs to copy media files out of a package (plain, cloneable data). */
export interface MediaCopyJob {
	packageFile: string;
	entries: readonly MediaFileEntry[];
	zstd: boolean;
	limits: PackageLimits;
	zstdEngine?: ZstdEngineName;
	files: ReadonlyArray<{source: string; target: string}>;
	destDir: string;
}

export class MediaIndex {
	private readonly byName: ReadonlyMap<string, MediaFileEntry>;
	/** Folders already made by extract (one mkdir per folder, not per file). */
	private readonly madeDirs = new Set<string>();

	constructor(
		private readonly packageFile: string,
		private readonly zip: ZipReader | undefined,
		readonly entries: readonly MediaFileEntry[],
		private readonly zstd: boolean,
		private readonly limits: PackageLimits,
		private readonly zstdEngine?: ZstdEngineName,
	) {
		this.byName = new Map(entries.map((entry) => [entry.name, entry]));
	}

	/** Real media file names, in package order. */
	get names(): string[] {
		return this.entries.map((entry) => entry.name);
	}

	get size(): number {
		return this.entries.length;
	}

	has(name: string): boolean {
		return this.byName.has(name);
	}

	/** The job for copying `files` from this package on a worker thread (media-copy-worker.ts). */
	copyJob(files: ReadonlyArray<{source: string; target: string}>, destDir: string): MediaCopyJob | undefined {
		if (!this.zip) return undefined;
		return {packageFile: this.packageFile, entries: this.entries, zstd: this.zstd, limits: this.limits, zstdEngine: this.zstdEngine, files, destDir};
	}

	get(name: string): MediaFileEntry | undefined {
		return this.byName.get(name);
	}

	/** Reads one file into memory (for images shown by the UI). */
	async read(name: string): Promise<Buffer> {
		const chunks: Buffer[] = [];
		await this.stream(name, (chunk) => chunks.push(Buffer.from(chunk)));
		return Buffer.concat(chunks);
	}

	/** Writes `destDir/<targetName>` (via a temp file and rename) and returns its path. */
	async extract(name: string, destDir: string, targetName = name): Promise<string> {
		for (const written of [name, targetName]) {
			if (isUnsafeMediaName(written)) throw new AnkiFileError(`Refusing to write media file ${JSON.stringify(written)}: unsafe name.`);
		}
		if (!this.madeDirs.has(destDir)) {
			mkdirSync(destDir, {recursive: true});
			this.madeDirs.add(destDir);
		}
		const target = path.join(destDir, targetName);
		// Belt and braces: the name was validated when the map was read.
		if (path.dirname(path.resolve(target)) !== path.resolve(destDir)) {
			throw new AnkiFileError(`Refusing to write media file ${JSON.stringify(targetName)} outside ${destDir}.`);
		}
		// 'wx' below refuses an existing file, so a per-process counter is unique enough.
		const partial = path.join(destDir, `.${process.pid}-${++partialCounter}.anki-tui-partial`);
		const fd = openSync(partial, 'wx', 0o644);
		let open = true;
		try {
			await this.stream(name, (chunk) => {
				writeSync(fd, chunk);
			});
			closeSync(fd);
			open = false;
			renameSync(partial, target);
			return target;
		} catch (error) {
			if (open) closeSync(fd);
			rmSync(partial, {force: true});
			throw toPackageError(this.packageFile, error, `media file ${JSON.stringify(name)}`);
		}
	}

	/** Extracts every file; entries missing from the zip are skipped (reported), damage aborts. */
	async extractAll(destDir: string, onProgress?: MediaProgress): Promise<ExtractAllResult> {
		const result: ExtractAllResult = {extracted: [], skipped: []};
		let done = 0;
		for (const entry of this.entries) {
			if (!this.zip?.has(entry.zipEntry)) {
				result.skipped.push({name: entry.name, reason: `zip entry "${entry.zipEntry}" is missing`});
			} else {
				await this.extract(entry.name, destDir);
				result.extracted.push(entry.name);
			}
			done++;
			onProgress?.(done, this.entries.length, entry.name);
		}
		return result;
	}

	private async stream(name: string, sink: (chunk: Uint8Array) => void): Promise<void> {
		const entry = this.byName.get(name);
		if (!entry) throw new AnkiFileError(`No media file named ${JSON.stringify(name)} in ${path.basename(this.packageFile)}.`);
		const zipEntry = this.zip?.get(entry.zipEntry);
		if (!this.zip || !zipEntry) {
			throw packageErrors.damaged(this.packageFile, `media file ${JSON.stringify(name)} (zip entry "${entry.zipEntry}") is missing`);
		}
		// Version 3 declares each file's real size: never accept more than that.
		const ratioCap = allowedOutput(this.limits, zipEntry.compressedSize);
		let maxOutput = ratioCap;
		if (this.zstd && entry.size) {
			if (entry.size > ratioCap) {
				throw packageErrors.unsafe(this.packageFile, `media file ${JSON.stringify(name)} claims ${entry.size} bytes from ${zipEntry.compressedSize}`);
			}
			maxOutput = entry.size;
		}
		try {
			await streamEntry(this.zip, zipEntry, {zstd: this.zstd, maxOutput, zstdEngine: this.zstdEngine}, sink);
		} catch (error) {
			throw toPackageError(this.packageFile, error, `media file ${JSON.stringify(name)}`);
		}
	}
}
