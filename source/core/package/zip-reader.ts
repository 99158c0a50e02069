// Random-access zip reading on top of yauzl: the central directory is listed once, then single
// entries are streamed on demand. Only small metadata stays in memory, never entry contents (small
// media files are read whole with one positional read: thousands of streams cost more than the bytes).
import {close, closeSync, createReadStream, fstatSync, openSync, read, readSync} from 'node:fs';
import {crc32, inflateRawSync} from 'node:zlib';
import type {Readable} from 'node:stream';
import yauzl, {type Entry, type ZipFile} from 'yauzl';

export interface ZipEntryInfo {
	readonly name: string;
	/** 0 = stored, 8 = deflate. */
	readonly method: number;
	readonly compressedSize: number;
	readonly uncompressedSize: number;
	readonly crc32: number;
	readonly raw: Entry;
}

export class ZipSizeError extends Error {}
export class ZipDataError extends Error {}

const localHeaderSignature = 0x04034b50;
const centralHeaderSignature = 0x02014b50;

/** The parts of yauzl's ZipFile the one-pass listing reads and sets (its types call the cursor a boolean; it is the directory's offset). */
type ZipFileState = Omit<ZipFile, 'readEntryCursor'> & {readEntryCursor: number};

/** The zip64 extra field's sizes and offset, where the record says 0xffffffff; false if it lacks one. */
function applyZip64(entry: Entry): boolean {
	const field = entry.extraFields.find((f) => f.id === 0x0001);
	if (!field) return true;
	let at = 0;
	const next = (): number | undefined => {
		if (at + 8 > field.data.length) return undefined;
		const value = field.data.readUInt32LE(at) + field.data.readUInt32LE(at + 4) * 0x1_0000_0000;
		at += 8;
		return value;
	};
	for (const key of ['uncompressedSize', 'compressedSize', 'relativeOffsetOfLocalHeader'] as const) {
		if (entry[key] !== 0xffffffff) continue;
		const value = next();
		if (value === undefined) return false;
		entry[key] = value;
	}
	return true;
}
const localHeaderBytes = 30;
/** Bytes per read of a large stored entry (readStored). */
const storedChunkBytes = 1024 * 1024;

export class ZipReader {
	/** A plain descriptor for positional reads (readWhole), opened on first use. */
	private fd: number | undefined;

	private constructor(
		private readonly file: string,
		private readonly zip: ZipFile,
		readonly entries: ReadonlyMap<string, ZipEntryInfo>,
		/** Entry names in central-directory order. */
		readonly order: readonly string[],
		/** Whether the directory was listed in one pass (listCentralDirectory) rather than by yauzl. */
		readonly listedInOnePass: boolean,
	) {}

	/**
	 * Lists the central directory; yauzl's errors (no end record, bad offsets...) pass through.
	 * `yauzlListing` (tests): every record through yauzl's own reader, as a damaged directory is.
	 */
	static async open(file: string, options: {yauzlListing?: boolean} = {}): Promise<ZipReader> {
		const reader = TailCachedReader.open(file);
		const zip = await new Promise<ZipFile>((resolve, reject) => {
			// decodeStrings false: yauzl would reject the whole zip for one odd entry name such as
			// "../x"; we decode names ourselves and only ever look up the names Anki uses.
			yauzl.fromRandomAccessReader(reader, reader.size, {lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true}, (error, z) =>
				error ? reject(error) : resolve(z),
			);
		}).catch((error: unknown) => {
			reader.close(() => {});
			throw error;
		});
		try {
			const entries = new Map<string, ZipEntryInfo>();
			const order: string[] = [];
			const add = (entry: Entry) => {
				const name = decodeName(entry);
				// Like Anki's zip reader, a later duplicate does not replace the first entry.
				if (!entries.has(name)) {
					entries.set(name, {
						name,
						method: entry.compressionMethod,
						compressedSize: entry.compressedSize,
						uncompressedSize: entry.uncompressedSize,
						crc32: entry.crc32,
						raw: entry,
					});
					order.push(name);
				}
			};
			const listed = options.yauzlListing ? undefined : reader.listCentralDirectory(zip as unknown as ZipFileState);
			if (listed) {
				for (const entry of listed) add(entry);
			} else {
				await new Promise<void>((resolve, reject) => {
					zip.on('entry', (entry: Entry) => {
						add(entry);
						zip.readEntry();
					});
					zip.once('end', () => resolve());
					zip.once('error', reject);
					zip.readEntry();
				});
			}
			reader.listed();
			return new ZipReader(file, zip, entries, order, listed !== undefined);
		} catch (error) {
			zip.close();
			throw error;
		}
	}

	has(name: string): boolean {
		return this.entries.has(name);
	}

	get(name: string): ZipEntryInfo | undefined {
		return this.entries.get(name);
	}

	/**
	 * Streams one entry's (inflated) bytes to `onChunk`. yauzl stops at the declared uncompressed
	 * size, so a deflate bomb that lies about its size fails fast; the CRC is checked at the end.
	 */
	async readEntry(entry: ZipEntryInfo, onChunk: (chunk: Buffer) => void): Promise<void> {
		if (entry.raw.isEncrypted()) throw new ZipDataError(`entry "${entry.name}" is encrypted`);
		if (!entry.raw.canDecodeFileData()) {
			throw new ZipDataError(`entry "${entry.name}" uses unsupported compression method ${entry.method}`);
		}
		const stream = await new Promise<Readable>((resolve, reject) => {
			this.zip.openReadStream(entry.raw, (error, s) =>
				error ? reject(new ZipDataError(`entry "${entry.name}": ${error.message}`)) : resolve(s),
			);
		});
		let crc = 0;
		let sinkFailed = false;
		try {
			for await (const chunk of stream as AsyncIterable<Buffer>) {
				crc = crc32(chunk, crc);
				sinkFailed = true;
				onChunk(chunk);
				sinkFailed = false;
			}
		} catch (error) {
			stream.destroy();
			if (sinkFailed) throw error;
			const message = error instanceof Error ? error.message : String(error);
			if (/too many bytes/i.test(message)) {
				throw new ZipSizeError(`entry "${entry.name}" expands beyond its declared ${entry.uncompressedSize} bytes`);
			}
			throw new ZipDataError(`entry "${entry.name}": ${message}`);
		}
		if ((crc >>> 0) !== (entry.crc32 >>> 0)) throw new ZipDataError(`entry "${entry.name}" fails its CRC check`);
	}

	/**
	 * Reads a stored (not deflated) entry in 1 MiB positional reads, CRC checked at the end: a
	 * version-3 package's zstd collection (tens of MB), where a stream's 64 kB chunks through the
	 * thread pool cost about twice the CPU (0.16-0.32 s against 0.07-0.12 s for the 100k package's).
	 */
	readStored(entry: ZipEntryInfo, onChunk: (chunk: Buffer) => void): void {
		const raw = entry.raw;
		if (raw.isEncrypted()) throw new ZipDataError(`entry "${entry.name}" is encrypted`);
		if (entry.method !== 0) throw new Error(`entry "${entry.name}" is not stored`);
		this.fd ??= openSync(this.file, 'r');
		const header = Buffer.allocUnsafe(localHeaderBytes);
		const offset = raw.relativeOffsetOfLocalHeader;
		if (readSync(this.fd, header, 0, localHeaderBytes, offset) < localHeaderBytes || header.readUInt32LE(0) !== localHeaderSignature) {
			throw new ZipDataError(`entry "${entry.name}": invalid local file header`);
		}
		const dataStart = offset + localHeaderBytes + header.readUInt16LE(26) + header.readUInt16LE(28);
		let crc = 0;
		for (let done = 0; done < entry.compressedSize; ) {
			// a new buffer per chunk: a sink may keep what it is given
			const chunk = Buffer.allocUnsafe(Math.min(storedChunkBytes, entry.compressedSize - done));
			const length = readSync(this.fd, chunk, 0, chunk.length, dataStart + done);
			if (length === 0) throw new ZipDataError(`entry "${entry.name}": file ends inside its data`);
			const bytes = chunk.subarray(0, length);
			crc = crc32(bytes, crc);
			onChunk(bytes);
			done += length;
		}
		if ((crc >>> 0) !== (entry.crc32 >>> 0)) throw new ZipDataError(`entry "${entry.name}" fails its CRC check`);
	}

	/**
	 * Reads one entry whole (inflated, size and CRC checked) with one positional read: for small
	 * entries, where a stream per entry costs more than the bytes. Same checks as readEntry.
	 */
	readWhole(entry: ZipEntryInfo): Buffer {
		const raw = entry.raw;
		if (raw.isEncrypted()) throw new ZipDataError(`entry "${entry.name}" is encrypted`);
		if (entry.method !== 0 && entry.method !== 8) {
			throw new ZipDataError(`entry "${entry.name}" uses unsupported compression method ${entry.method}`);
		}
		this.fd ??= openSync(this.file, 'r');
		// The local header's name and extra field usually match the central directory's: one read
		// then; a second when they do not.
		const offset = raw.relativeOffsetOfLocalHeader;
		let buffer = Buffer.allocUnsafe(localHeaderBytes + raw.fileNameLength + raw.extraFieldLength + entry.compressedSize);
		let length = readSync(this.fd, buffer, 0, buffer.length, offset);
		if (length < localHeaderBytes || buffer.readUInt32LE(0) !== localHeaderSignature) {
			throw new ZipDataError(`entry "${entry.name}": invalid local file header`);
		}
		const dataStart = localHeaderBytes + buffer.readUInt16LE(26) + buffer.readUInt16LE(28);
		if (dataStart + entry.compressedSize !== buffer.length) {
			buffer = Buffer.allocUnsafe(entry.compressedSize);
			length = readSync(this.fd, buffer, 0, buffer.length, offset + dataStart);
			if (length < buffer.length) throw new ZipDataError(`entry "${entry.name}": file ends inside its data`);
			return this.checked(entry, buffer);
		}
		if (length < buffer.length) throw new ZipDataError(`entry "${entry.name}": file ends inside its data`);
		return this.checked(entry, buffer.subarray(dataStart));
	}

	private checked(entry: ZipEntryInfo, data: Buffer): Buffer {
		const tooLarge = () => new ZipSizeError(`entry "${entry.name}" expands beyond its declared ${entry.uncompressedSize} bytes`);
		let bytes = data;
		if (entry.method === 8) {
			try {
				// One byte more than declared: an entry that lies about its size fails as a stream does.
				bytes = inflateRawSync(data, {maxOutputLength: entry.uncompressedSize + 1});
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
				throw new ZipDataError(`entry "${entry.name}": ${(error as Error).message}`);
			}
		}
		if (bytes.length > entry.uncompressedSize) throw tooLarge();
		if (bytes.length < entry.uncompressedSize) throw new ZipDataError(`entry "${entry.name}" is shorter than its declared ${entry.uncompressedSize} bytes`);
		if ((crc32(bytes) >>> 0) !== (entry.crc32 >>> 0)) throw new ZipDataError(`entry "${entry.name}" fails its CRC check`);
		return bytes;
	}

	close(): void {
		if (this.fd !== undefined) closeSync(this.fd);
		this.fd = undefined;
		if (this.zip.isOpen) this.zip.close();
	}
}

function decodeName(entry: Entry): string {
	const raw = Buffer.isBuffer(entry.fileName) ? entry.fileName : Buffer.from(entry.fileName);
	// Anki's names are ASCII ("meta", "media", "0"...); decode anything else as UTF-8 (bit 11)
	// or latin1 (the closest cheap stand-in for CP437; such names are never looked up).
	return entry.generalPurposeBitFlag & 0x800 ? raw.toString('utf8') : raw.toString('latin1');
}

/** Bytes at the end of a package read at open: the end record with the longest comment, and zip64's records. */
const tailReadBytes = 128 * 1024;
/** The most bytes of central directory read at once (about 100,000 entries); a longer one is read by yauzl. */
const maxDirectoryBytes = 16 * 1024 * 1024;

/**
 * The file as yauzl reads it, with its tail (the end record, then the whole central directory once
 * its offset is known) read once: yauzl reads each directory record with two small reads of its own,
 * which cost about 70 µs each through the thread pool (0.2-0.3 s of CPU for a package of 3,000 media
 * files). Entry data is read from the file as before; the cached tail is dropped once the entries
 * are listed.
 */
class TailCachedReader extends yauzl.RandomAccessReader {
	private tail: Buffer | undefined;
	private tailStart: number;

	private constructor(
		private readonly fd: number,
		readonly size: number,
	) {
		super();
		const length = Math.min(size, tailReadBytes);
		this.tailStart = size - length;
		const tail = Buffer.allocUnsafe(length);
		const got = readSync(fd, tail, 0, length, this.tailStart);
		this.tail = tail.subarray(0, got);
	}

	/** Makes the cached tail start at `offset` (the central directory's), within maxDirectoryBytes of the end. */
	private extendTail(offset: number): void {
		if (!this.tail || offset >= this.tailStart || offset < 0 || this.size - offset > maxDirectoryBytes) return;
		const head = Buffer.allocUnsafe(this.tailStart - offset);
		if (readSync(this.fd, head, 0, head.length, offset) !== head.length) return;
		this.tail = Buffer.concat([head, this.tail]);
		this.tailStart = offset;
	}

	static open(file: string): TailCachedReader {
		const fd = openSync(file, 'r');
		try {
			return new TailCachedReader(fd, fstatSync(fd).size);
		} catch (error) {
			closeSync(fd);
			throw error;
		}
	}

	listed(): void {
		this.tail = undefined;
	}

	/**
	 * The central directory's records as yauzl's Entry objects, parsed from the cached tail in one
	 * pass: yauzl reads each record with two reads and callbacks of its own, 30-50 µs a record (0.1-0.15 s
	 * of CPU for 3,000 media files). Whatever is unusual (a directory outside the tail, a bad
	 * signature or length, encryption) returns undefined, and yauzl lists the records itself and
	 * reports the damage as it always has. The same checks as yauzl's: signature, strong
	 * encryption, the zip64 extra field, a stored entry's two sizes.
	 */
	listCentralDirectory(zip: ZipFileState): Entry[] | undefined {
		this.extendTail(zip.readEntryCursor);
		const tail = this.tail;
		const start = zip.readEntryCursor - this.tailStart;
		if (!tail || zip.entriesRead !== 0 || start < 0 || start > tail.length) return undefined;
		const entries: Entry[] = [];
		let at = start;
		for (let i = 0; i < zip.entryCount; i++) {
			if (at + 46 > tail.length || tail.readUInt32LE(at) !== centralHeaderSignature) return undefined;
			const entry = new yauzl.Entry();
			entry.versionMadeBy = tail.readUInt16LE(at + 4);
			entry.versionNeededToExtract = tail.readUInt16LE(at + 6);
			entry.generalPurposeBitFlag = tail.readUInt16LE(at + 8);
			entry.compressionMethod = tail.readUInt16LE(at + 10);
			entry.lastModFileTime = tail.readUInt16LE(at + 12);
			entry.lastModFileDate = tail.readUInt16LE(at + 14);
			entry.crc32 = tail.readUInt32LE(at + 16);
			entry.compressedSize = tail.readUInt32LE(at + 20);
			entry.uncompressedSize = tail.readUInt32LE(at + 24);
			entry.fileNameLength = tail.readUInt16LE(at + 28);
			entry.extraFieldLength = tail.readUInt16LE(at + 30);
			entry.fileCommentLength = tail.readUInt16LE(at + 32);
			entry.internalFileAttributes = tail.readUInt16LE(at + 36);
			entry.externalFileAttributes = tail.readUInt32LE(at + 38);
			entry.relativeOffsetOfLocalHeader = tail.readUInt32LE(at + 42);
			// strong encryption, which yauzl refuses
			if (entry.generalPurposeBitFlag & 0x40) return undefined;
			const nameStart = at + 46;
			const extraStart = nameStart + entry.fileNameLength;
			const commentStart = extraStart + entry.extraFieldLength;
			const end = commentStart + entry.fileCommentLength;
			if (end > tail.length || end === nameStart) return undefined;
			// views of the tail, which is the directory and its end record (no more), kept by the entries
			entry.fileNameRaw = tail.subarray(nameStart, extraStart);
			entry.extraFieldRaw = tail.subarray(extraStart, commentStart);
			entry.fileCommentRaw = tail.subarray(commentStart, end);
			try {
				entry.extraFields = yauzl.parseExtraFields(entry.extraFieldRaw);
			} catch {
				return undefined;
			}
			// decodeStrings false: names stay bytes (decodeName)
			entry.fileName = entry.fileNameRaw as unknown as string;
			entry.fileComment = entry.fileCommentRaw as unknown as string;
			entry.comment = entry.fileComment;
			if (!applyZip64(entry)) return undefined;
			if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize + (entry.isEncrypted() ? 12 : 0)) return undefined;
			entries.push(entry);
			at = end;
		}
		zip.entriesRead = zip.entryCount;
		return entries;
	}

	override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
		// yauzl checks the byte count given as the callback's second argument
		const done = callback as (err: Error | null, bytesRead?: number) => void;
		const tail = this.tail;
		if (tail && position >= this.tailStart && position + length <= this.tailStart + tail.length) {
			tail.copy(buffer, offset, position - this.tailStart, position - this.tailStart + length);
			queueMicrotask(() => done(null, length));
			return;
		}
		read(this.fd, buffer, offset, length, position, (error, bytesRead) => done(error, bytesRead));
	}

	override _readStreamForRange(start: number, end: number): Readable {
		// Positional reads of the shared descriptor; destroying the stream (yauzl does, and so does
		// the end of a for await loop) must not close it.
		return createReadStream('', {fd: this.fd, start, end: end - 1, autoClose: false, fs: {read, close: (_fd: number, done: (error: null) => void) => done(null)}});
	}

	override close(callback: (err: Error | null) => void): void {
		close(this.fd, callback);
	}
}
