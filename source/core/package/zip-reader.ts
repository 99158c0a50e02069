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
const localHeaderBytes = 30;

export class ZipReader {
	/** A plain descriptor for positional reads (readWhole), opened on first use. */
	private fd: number | undefined;

	private constructor(
		private readonly file: string,
		private readonly zip: ZipFile,
		readonly entries: ReadonlyMap<string, ZipEntryInfo>,
		/** Entry names in central-directory order. */
		readonly order: readonly string[],
	) {}

	/** Lists the central directory; yauzl's errors (no end record, bad offsets...) pass through. */
	static async open(file: string): Promise<ZipReader> {
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
			await new Promise<void>((resolve, reject) => {
				zip.on('entry', (entry: Entry) => {
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
					zip.readEntry();
				});
				zip.once('end', () => resolve());
				zip.once('error', reject);
				zip.readEntry();
			});
			reader.listed();
			return new ZipReader(file, zip, entries, order);
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

/** Bytes at the end of a package read at once: the central directory of up to ~50,000 entries. */
const tailCacheBytes = 4 * 1024 * 1024;

/**
 * The file as yauzl reads it, with its tail (where the central directory sits) read once: yauzl
 * reads each directory record with two small reads of its own, which cost about 70 µs each through
 * the thread pool (0.2-0.3 s of CPU for a package of 3,000 media files). Entry data is read from
 * the file as before; the cached tail is dropped once the entries are listed.
 */
class TailCachedReader extends yauzl.RandomAccessReader {
	private tail: Buffer | undefined;
	private readonly tailStart: number;

	private constructor(
		private readonly fd: number,
		readonly size: number,
	) {
		super();
		const length = Math.min(size, tailCacheBytes);
		this.tailStart = size - length;
		const tail = Buffer.allocUnsafe(length);
		const got = readSync(fd, tail, 0, length, this.tailStart);
		this.tail = tail.subarray(0, got);
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
