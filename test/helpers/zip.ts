// Builds zips byte by byte for tests that need lies a real writer would never tell:
// forged sizes (zip bombs), odd names, missing entries. Stored or pre-deflated data only.
import {crc32, deflateRawSync, constants} from 'node:zlib';

export interface RawZipEntry {
	name: string;
	/** Bytes exactly as stored in the zip (already deflated when method is 8). */
	stored: Uint8Array;
	method?: 0 | 8;
	/** Declared uncompressed size and CRC; default to the honest values for stored entries. */
	size?: number;
	crc?: number;
	/** An extra field in the local header only (writers may put different extras in the two headers). */
	localExtra?: Uint8Array;
}

export function storedEntry(name: string, data: Uint8Array | string): RawZipEntry {
	const bytes = typeof data === 'string' ? Buffer.from(data) : data;
	return {name, stored: bytes, method: 0};
}

export function deflatedEntry(name: string, data: Uint8Array | string): RawZipEntry {
	const bytes = typeof data === 'string' ? Buffer.from(data) : data;
	return {name, stored: deflateRawSync(bytes), method: 8, size: bytes.length, crc: crc32(bytes)};
}

/**
 * A raw-deflate stream of `megabytes` MiB of zeros, built from one compressed MiB repeated
 * (full-flush blocks are independent, so they concatenate), so it costs ~1 KB per MiB.
 */
export function deflatedZeros(megabytes: number): {stored: Buffer; size: number; crc: number} {
	const mib = Buffer.alloc(1024 * 1024);
	const block = deflateRawSync(mib, {finishFlush: constants.Z_FULL_FLUSH});
	const last = deflateRawSync(Buffer.alloc(0));
	const parts: Buffer[] = [];
	let crc = 0;
	for (let i = 0; i < megabytes; i++) {
		parts.push(block);
		crc = crc32(mib, crc);
	}
	parts.push(last);
	return {stored: Buffer.concat(parts), size: megabytes * 1024 * 1024, crc};
}

export function buildZip(entries: RawZipEntry[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const method = entry.method ?? 0;
		const size = entry.size ?? entry.stored.length;
		const crc = entry.crc ?? crc32(entry.stored);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x800, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt16LE(0x21, 12); // 1980-01-01
		local.writeUInt32LE(crc >>> 0, 14);
		local.writeUInt32LE(entry.stored.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const localExtra = Buffer.from(entry.localExtra ?? []);
		local.writeUInt16LE(localExtra.length, 28);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(0x0314, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x800, 8);
		central.writeUInt16LE(method, 10);
		central.writeUInt16LE(0x21, 14);
		central.writeUInt32LE(crc >>> 0, 16);
		central.writeUInt32LE(entry.stored.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, localExtra, Buffer.from(entry.stored));
		centrals.push(central, name);
		offset += 30 + name.length + localExtra.length + entry.stored.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, cd, end]);
}
