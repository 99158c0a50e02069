// Decides by magic bytes (never by extension) whether a path is a zip package or an SQLite
// collection, so the CLI can accept `review deck.apkg` and `review collection.anki2` alike.
import {openSync, readSync, closeSync} from 'node:fs';

export type FileKind = 'zip' | 'sqlite' | 'unknown';

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

export function fileKindOfHeader(head: Uint8Array): FileKind {
	const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
	if (buf.length >= sqliteMagic.length && buf.subarray(0, sqliteMagic.length).equals(sqliteMagic)) {
		return 'sqlite';
	}
	// PK\3\4 = first local file header; PK\5\6 = an empty zip (end record only).
	if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && ((buf[2] === 3 && buf[3] === 4) || (buf[2] === 5 && buf[3] === 6))) {
		return 'zip';
	}
	return 'unknown';
}

/** Throws the fs error (ENOENT, EACCES, EISDIR...) when the file cannot be read. */
export function detectFileKind(path: string): FileKind {
	const fd = openSync(path, 'r');
	try {
		const head = Buffer.alloc(16);
		const n = readSync(fd, head, 0, head.length, 0);
		return fileKindOfHeader(head.subarray(0, n));
	} finally {
		closeSync(fd);
	}
}
