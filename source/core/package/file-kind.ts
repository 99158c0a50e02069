// Decides by magic bytes (never by extension) whether a path is a zip package or an SQLite
// collection, so the CLI can accept `review deck.apkg` and `review collection.anki2` alike.
import {closeSync, constants, openSync, readSync} from 'node:fs';
import {kindOfHeader} from '../collection/file-checks.js';

export type FileKind = 'zip' | 'sqlite' | 'unknown';

export function fileKindOfHeader(head: Uint8Array): FileKind {
	return kindOfHeader(head) ?? 'unknown';
}

/** Throws the fs error (ENOENT, EACCES, EISDIR...) when the file cannot be read; never blocks on a FIFO. */
export function detectFileKind(path: string): FileKind {
	const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
	try {
		const head = Buffer.alloc(16);
		const n = readSync(fd, head, 0, head.length, 0);
		return fileKindOfHeader(head.subarray(0, n));
	} finally {
		closeSync(fd);
	}
}
