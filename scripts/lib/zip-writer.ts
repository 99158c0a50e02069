// A small streaming zip writer (stored + deflate, Zip64 when needed) whose header fields can be
// set per entry, so packages can be laid out byte-for-byte like each Anki generation wrote them.
// Like Python's zipfile and Rust's zip crate on a seekable file, it writes no data descriptors:
// the local header is patched in place once the sizes and CRC are known.
import {closeSync, openSync, writeSync} from 'node:fs';
import {crc32, createDeflateRaw, constants as zlibConstants} from 'node:zlib';

export interface ZipEntryOptions {
	method: 'stored' | 'deflate';
	/** Full "version made by" field: (system << 8) | version, e.g. 0x0314 for Unix, 2.0. */
	versionMadeBy: number;
	/** "Version needed to extract" for a non-Zip64 entry (Zip64 entries get 45). */
	versionNeeded: number;
	/** Already shifted: (unix mode << 16) | dos attributes. */
	externalAttributes: number;
	/** Local time written as DOS date/time. */
	mtime: Date;
	/** Size of the entry's bytes if known up front; larger than zip64Limit → Zip64 local header. */
	knownSize?: number;
}

export interface WrittenEntry {
	name: string;
	crc: number;
	size: number;
	compressedSize: number;
}

interface CentralRecord extends WrittenEntry {
	nameBytes: Buffer;
	flags: number;
	method: number;
	dosTime: number;
	dosDate: number;
	offset: number;
	options: ZipEntryOptions;
	localZip64: boolean;
}

const u32Max = 0xffffffff;
const zip64Version = 45;

export interface ZipWriterOptions {
	/**
	 * Sizes/offsets above this are written as Zip64. Python's zipfile uses 2^31-1 (ZIP64_LIMIT);
	 * the format's own limit is 2^32-1. A negative value forces Zip64 everywhere (tests).
	 */
	zip64Limit?: number;
}

export class ZipWriter {
	private readonly fd: number;
	private pos = 0;
	private readonly records: CentralRecord[] = [];
	private readonly zip64Limit: number;
	private closed = false;

	constructor(path: string, options: ZipWriterOptions = {}) {
		this.fd = openSync(path, 'w', 0o644);
		this.zip64Limit = options.zip64Limit ?? u32Max;
	}

	/** Adds an entry from raw (uncompressed) chunks; deflates them when asked. */
	async add(name: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: ZipEntryOptions): Promise<WrittenEntry> {
		const nameBytes = Buffer.from(name, 'utf8');
		// Bit 11: the name is UTF-8 (both Python and the zip crate set it only for non-ASCII names).
		const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x800;
		const method = options.method === 'deflate' ? 8 : 0;
		const {dosTime, dosDate} = toDos(options.mtime);
		const localZip64 = this.zip64Limit < 0 || (options.knownSize ?? 0) > this.zip64Limit;
		const offset = this.pos;
		const headerLength = 30 + nameBytes.length + (localZip64 ? 20 : 0);
		this.write(Buffer.alloc(headerLength));

		let crc = 0;
		let size = 0;
		let compressedSize = 0;
		const emit = (out: Uint8Array) => {
			compressedSize += out.length;
			this.write(out);
		};
		if (method === 0) {
			for await (const chunk of chunks) {
				crc = crc32(chunk, crc);
				size += chunk.length;
				emit(chunk);
			}
		} else {
			const deflate = createDeflateRaw({level: zlibConstants.Z_DEFAULT_COMPRESSION});
			const drained = (async () => {
				for await (const out of deflate as AsyncIterable<Buffer>) emit(out);
			})();
			for await (const chunk of chunks) {
				crc = crc32(chunk, crc);
				size += chunk.length;
				if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
			}
			deflate.end();
			await drained;
		}
		if (!localZip64 && (size > u32Max || compressedSize > u32Max)) {
			throw new Error(`zip entry "${name}" is larger than 4 GiB; pass knownSize so it is written as Zip64`);
		}

		const header = Buffer.alloc(headerLength);
		header.writeUInt32LE(0x04034b50, 0);
		header.writeUInt16LE(localZip64 ? zip64Version : options.versionNeeded, 4);
		header.writeUInt16LE(flags, 6);
		header.writeUInt16LE(method, 8);
		header.writeUInt16LE(dosTime, 10);
		header.writeUInt16LE(dosDate, 12);
		header.writeUInt32LE(crc >>> 0, 14);
		header.writeUInt32LE(localZip64 ? u32Max : compressedSize, 18);
		header.writeUInt32LE(localZip64 ? u32Max : size, 22);
		header.writeUInt16LE(nameBytes.length, 26);
		header.writeUInt16LE(localZip64 ? 20 : 0, 28);
		nameBytes.copy(header, 30);
		if (localZip64) {
			const extra = 30 + nameBytes.length;
			header.writeUInt16LE(1, extra);
			header.writeUInt16LE(16, extra + 2);
			header.writeBigUInt64LE(BigInt(size), extra + 4);
			header.writeBigUInt64LE(BigInt(compressedSize), extra + 12);
		}
		writeSync(this.fd, header, 0, header.length, offset);

		const written = {name, crc: crc >>> 0, size, compressedSize};
		this.records.push({...written, nameBytes, flags, method, dosTime, dosDate, offset, options, localZip64});
		return written;
	}

	/** Writes the central directory and end records, then closes the file. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		try {
			const start = this.pos;
			for (const record of this.records) this.write(this.centralRecord(record));
			const size = this.pos - start;
			const count = this.records.length;
			const limit = this.zip64Limit;
			const needZip64End = limit < 0 || count >= 0xffff || start > limit || size > limit;
			if (needZip64End) {
				const endOffset = this.pos;
				const end64 = Buffer.alloc(56);
				end64.writeUInt32LE(0x06064b50, 0);
				end64.writeBigUInt64LE(44n, 4);
				end64.writeUInt16LE(zip64Version, 12);
				end64.writeUInt16LE(zip64Version, 14);
				end64.writeBigUInt64LE(BigInt(count), 24);
				end64.writeBigUInt64LE(BigInt(count), 32);
				end64.writeBigUInt64LE(BigInt(size), 40);
				end64.writeBigUInt64LE(BigInt(start), 48);
				const locator = Buffer.alloc(20);
				locator.writeUInt32LE(0x07064b50, 0);
				locator.writeBigUInt64LE(BigInt(endOffset), 8);
				locator.writeUInt32LE(1, 16);
				this.write(end64);
				this.write(locator);
			}
			const end = Buffer.alloc(22);
			end.writeUInt32LE(0x06054b50, 0);
			end.writeUInt16LE(Math.min(count, 0xffff), 8);
			end.writeUInt16LE(Math.min(count, 0xffff), 10);
			end.writeUInt32LE(needZip64End ? u32Max : size, 12);
			end.writeUInt32LE(needZip64End ? u32Max : start, 16);
			this.write(end);
		} finally {
			closeSync(this.fd);
		}
	}

	/** Closes the file without finishing it (after an error). */
	abort(): void {
		if (this.closed) return;
		this.closed = true;
		closeSync(this.fd);
	}

	private centralRecord(record: CentralRecord): Buffer {
		const limit = this.zip64Limit;
		const extra: bigint[] = [];
		const sizesZip64 = limit < 0 || record.size > limit || record.compressedSize > limit;
		if (sizesZip64) extra.push(BigInt(record.size), BigInt(record.compressedSize));
		const offsetZip64 = limit < 0 || record.offset > limit;
		if (offsetZip64) extra.push(BigInt(record.offset));
		const extraLength = extra.length ? 4 + 8 * extra.length : 0;
		const zip64 = extra.length > 0 || record.localZip64;
		const buf = Buffer.alloc(46 + record.nameBytes.length + extraLength);
		const madeBy = zip64 ? (record.options.versionMadeBy & 0xff00) | Math.max(record.options.versionMadeBy & 0xff, zip64Version) : record.options.versionMadeBy;
		buf.writeUInt32LE(0x02014b50, 0);
		buf.writeUInt16LE(madeBy, 4);
		buf.writeUInt16LE(zip64 ? zip64Version : record.options.versionNeeded, 6);
		buf.writeUInt16LE(record.flags, 8);
		buf.writeUInt16LE(record.method, 10);
		buf.writeUInt16LE(record.dosTime, 12);
		buf.writeUInt16LE(record.dosDate, 14);
		buf.writeUInt32LE(record.crc, 16);
		buf.writeUInt32LE(sizesZip64 ? u32Max : record.compressedSize, 20);
		buf.writeUInt32LE(sizesZip64 ? u32Max : record.size, 24);
		buf.writeUInt16LE(record.nameBytes.length, 28);
		buf.writeUInt16LE(extraLength, 30);
		buf.writeUInt32LE(record.options.externalAttributes >>> 0, 38);
		buf.writeUInt32LE(offsetZip64 ? u32Max : record.offset, 42);
		record.nameBytes.copy(buf, 46);
		if (extra.length) {
			let at = 46 + record.nameBytes.length;
			buf.writeUInt16LE(1, at);
			buf.writeUInt16LE(8 * extra.length, at + 2);
			at += 4;
			for (const value of extra) {
				buf.writeBigUInt64LE(value, at);
				at += 8;
			}
		}
		return buf;
	}

	private write(data: Uint8Array): void {
		let done = 0;
		while (done < data.length) {
			done += writeSync(this.fd, data, done, data.length - done, this.pos + done);
		}
		this.pos += data.length;
	}
}

function toDos(date: Date): {dosTime: number; dosDate: number} {
	// DOS dates start in 1980; both Python and the zip crate clamp earlier times to it.
	const year = Math.max(1980, date.getFullYear());
	const early = date.getFullYear() < 1980;
	const dosDate = ((year - 1980) << 9) | ((early ? 1 : date.getMonth() + 1) << 5) | (early ? 1 : date.getDate());
	const dosTime = early ? 0 : (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1);
	return {dosTime, dosDate};
}
