// Reads a collection's schema version (col.ver) straight from the SQLite file's pages, for listings
// of Anki profiles. SQLite itself cannot read a WAL-mode file without creating -wal/-shm files
// beside it (even read-only) and takes locks; this reads a few pages with plain file reads, so it
// never writes, never waits and works while Anki has the file open. It reads the main file only:
// changes still in a -wal are not seen (the version changes only when Anki upgrades the file).
// Never use it on a file this process has open with SQLite: closing any file handle drops the
// process's POSIX locks on that file, SQLite's exclusive lock included.
// Format: https://www.sqlite.org/fileformat2.html (b-tree pages, records, overflow pages).
import {closeSync, openSync, readSync} from 'node:fs';

class PageReader {
	readonly pageSize: number;
	readonly usable: number;
	private visited = 0;

	constructor(private readonly fd: number) {
		const header = this.read(0, 100);
		if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') throw new Error('not a SQLite file');
		const size = header.readUInt16BE(16);
		this.pageSize = size === 1 ? 65536 : size;
		this.usable = this.pageSize - header.readUInt8(20);
	}

	read(offset: number, length: number): Buffer {
		const buffer = Buffer.alloc(length);
		if (readSync(this.fd, buffer, 0, length, offset) !== length) throw new Error('file is truncated');
		return buffer;
	}

	page(number: number): Buffer {
		// A damaged file could make a loop of pages; no real sqlite_schema or first row needs more.
		if (++this.visited > 10_000 || number < 1) throw new Error('b-tree is damaged');
		return this.read((number - 1) * this.pageSize, this.pageSize);
	}
}

function varint(buffer: Buffer, offset: number): {value: number; next: number} {
	let value = 0;
	for (let i = 0; i < 9; i++) {
		const byte = buffer[offset + i]!;
		if (i === 8) return {value: value * 256 + byte, next: offset + 9};
		value = value * 128 + (byte & 0x7f);
		if ((byte & 0x80) === 0) return {value, next: offset + i + 1};
	}
	throw new Error('unreachable');
}

/** The payload of a table-leaf cell, following overflow pages, up to `limit` bytes. */
function cellPayload(reader: PageReader, page: Buffer, cell: number, limit: number): Buffer {
	const size = varint(page, cell);
	const start = varint(page, size.next).next; // skip the rowid
	const total = size.value;
	const maxLocal = reader.usable - 35;
	const minLocal = Math.floor(((reader.usable - 12) * 32) / 255) - 23;
	let local = total;
	if (total > maxLocal) {
		const k = minLocal + ((total - minLocal) % (reader.usable - 4));
		local = k <= maxLocal ? k : minLocal;
	}
	const parts = [page.subarray(start, start + local)];
	let have = local;
	let overflow = local < total ? page.readUInt32BE(start + local) : 0;
	while (overflow !== 0 && have < Math.min(total, limit)) {
		const next = reader.page(overflow);
		const take = Math.min(reader.usable - 4, total - have);
		parts.push(next.subarray(4, 4 + take));
		have += take;
		overflow = next.readUInt32BE(0);
	}
	return Buffer.concat(parts);
}

type Value = number | string | null;

/** Decodes a record's values (text as latin1 is enough for the names compared here). */
function decodeRecord(payload: Buffer, columns: number): Value[] {
	const header = varint(payload, 0);
	const types: number[] = [];
	for (let at = header.next; at < header.value && types.length < columns; ) {
		const type = varint(payload, at);
		types.push(type.value);
		at = type.next;
	}
	const values: Value[] = [];
	let at = header.value;
	for (const type of types) {
		const intSize = [0, 1, 2, 3, 4, 6, 8][type];
		if (type === 0) values.push(null);
		else if (intSize !== undefined) {
			values.push(intSize > 6 ? Number(payload.readBigInt64BE(at)) : payload.readIntBE(at, intSize));
			at += intSize;
		} else if (type === 7) {
			values.push(payload.readDoubleBE(at));
			at += 8;
		} else if (type === 8 || type === 9) values.push(type - 8);
		else {
			const length = Math.floor((type - 12) / 2);
			values.push(type % 2 === 1 ? payload.toString('utf8', at, at + length) : null);
			at += length;
		}
	}
	return values;
}

/** Calls `visit` with each table-leaf cell in rowid order; stops when it returns true. */
function walkTable(reader: PageReader, root: number, visit: (page: Buffer, cell: number) => boolean, depth = 0): boolean {
	if (depth > 20) throw new Error('b-tree is too deep');
	const page = reader.page(root);
	const headerAt = root === 1 ? 100 : 0;
	const type = page[headerAt];
	const cells = page.readUInt16BE(headerAt + 3);
	const pointers = headerAt + (type === 13 ? 8 : 12);
	for (let i = 0; i < cells; i++) {
		const cell = page.readUInt16BE(pointers + i * 2);
		if (type === 13) {
			if (visit(page, cell)) return true;
		} else if (type === 5) {
			if (walkTable(reader, page.readUInt32BE(cell), visit, depth + 1)) return true;
		} else throw new Error(`unexpected b-tree page type ${type}`);
	}
	return type === 5 ? walkTable(reader, page.readUInt32BE(headerAt + 8), visit, depth + 1) : false;
}

/** col.ver of an Anki collection file, or undefined when the file is not one (or is damaged). */
export function peekSchemaVersion(file: string): number | undefined {
	let fd: number | undefined;
	try {
		fd = openSync(file, 'r');
		const reader = new PageReader(fd);
		let colRoot: number | undefined;
		walkTable(reader, 1, (page, cell) => {
			// sqlite_schema(type, name, tbl_name, rootpage, sql)
			const [type, name, , rootpage] = decodeRecord(cellPayload(reader, page, cell, 512), 4);
			if (type === 'table' && name === 'col' && typeof rootpage === 'number') colRoot = rootpage;
			return colRoot !== undefined;
		});
		if (colRoot === undefined) return undefined;
		let ver: number | undefined;
		// col(id, crt, mod, scm, ver, ...): one row; its first bytes hold the version.
		walkTable(reader, colRoot, (page, cell) => {
			const value = decodeRecord(cellPayload(reader, page, cell, 512), 5)[4];
			ver = typeof value === 'number' ? value : undefined;
			return true;
		});
		return ver;
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}
