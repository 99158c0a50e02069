// The one check every command makes of a file the user names (FILE, --collection, --profile's
// collection), before anything opens it with SQLite or a zip reader and before anything is
// written: it exists, is a regular file (never a folder, and never a FIFO or device, whose open
// could block forever), is readable, is not empty, and starts like a zip package or a SQLite
// collection. Each failure is one AnkiFileError line naming the file and saying what to do.
import {closeSync, constants, fstatSync, openSync, readSync, statSync} from 'node:fs';
import {AnkiFileError} from '../errors.js';

export type InputKind = 'zip' | 'sqlite';

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

/** A zip package or a SQLite file, judged from the first bytes (never from the name). */
export function kindOfHeader(header: Uint8Array): InputKind | undefined {
	if (header.length >= 16 && Buffer.from(header.buffer, header.byteOffset, 16).equals(sqliteMagic)) return 'sqlite';
	// PK\3\4 = first local file header; PK\5\6 = an empty zip (end record only).
	if (header.length >= 4 && header[0] === 0x50 && header[1] === 0x4b && ((header[2] === 3 && header[3] === 4) || (header[2] === 5 && header[3] === 6))) {
		return 'zip';
	}
	return undefined;
}

function fsError(file: string, error: unknown): AnkiFileError {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT' || code === 'ENOTDIR') return new AnkiFileError(`${file}: no such file. Check the path (anki-tui --help shows what each command takes).`);
	if (code === 'EACCES' || code === 'EPERM') return new AnkiFileError(`${file} cannot be read (permission denied); check its permissions and its folder's (ls -l).`);
	if (code === 'EISDIR') return isFolder(file);
	return new AnkiFileError(`${file} cannot be read (${code ?? String(error)}); check the file and its folder.`);
}

const isFolder = (file: string) =>
	new AnkiFileError(`${file} is a folder, not an Anki file; name the .apkg/.colpkg package, or the collection.anki2 file inside a profile folder.`);

/**
 * What `file` is (a zip package or a SQLite collection), or a one-line AnkiFileError. Reads 16
 * bytes and nothing else; a FIFO or device is refused from its stat, never opened.
 */
export function inspectInputFile(file: string, wanted: 'package or collection' | 'collection' = 'package or collection'): InputKind {
	let stat;
	try {
		stat = statSync(file);
	} catch (error) {
		throw fsError(file, error);
	}
	if (stat.isDirectory()) throw isFolder(file);
	if (!stat.isFile()) {
		throw new AnkiFileError(`${file} is not a regular file (a pipe, socket or device); save the package or collection to a file and name that.`);
	}
	const header = Buffer.alloc(16);
	let read: number;
	try {
		// O_NONBLOCK: should the path be swapped for a FIFO after the stat, opening it still returns at once.
		const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
		try {
			if (!fstatSync(fd).isFile()) throw new AnkiFileError(`${file} is not a regular file (a pipe, socket or device); save it to a file and name that.`);
			read = readSync(fd, header, 0, 16, 0);
		} finally {
			closeSync(fd);
		}
	} catch (error) {
		if (error instanceof AnkiFileError) throw error;
		throw fsError(file, error);
	}
	if (read === 0) {
		throw new AnkiFileError(`${file} is empty (0 bytes), not an Anki package or collection; copy or download it again.`);
	}
	const kind = kindOfHeader(header.subarray(0, read));
	if (!kind && wanted === 'collection') {
		throw new AnkiFileError(`${file} is not an Anki collection (not a SQLite database); name the collection.anki2 file inside an Anki profile folder.`);
	}
	if (!kind) {
		throw new AnkiFileError(
			`${file} is neither an Anki package (.apkg/.colpkg) nor an Anki collection (not a zip or SQLite file); check that you named the right file.`,
		);
	}
	return kind;
}

/** Throws a one-line AnkiFileError unless `file` passes inspectInputFile and is a SQLite file. */
export function assertSqliteFile(file: string): void {
	if (inspectInputFile(file, 'collection') === 'zip') {
		throw new AnkiFileError(`${file} is a zip archive (an .apkg/.colpkg package?), not a collection; import it (anki-tui import ${file}) instead of opening it.`);
	}
}

/** `--base DIR`: Anki's base folder must be a folder we can list (one line naming it otherwise). */
export function assertAnkiBaseFolder(dir: string): void {
	let stat;
	try {
		stat = statSync(dir);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') {
			throw new AnkiFileError(`${dir}: no such folder. --base takes Anki's base folder (the one holding prefs21.db and a folder per profile, Anki's -b).`);
		}
		throw fsError(dir, error);
	}
	if (!stat.isDirectory()) {
		throw new AnkiFileError(`${dir} is not a folder; --base takes Anki's base folder (the one holding prefs21.db and a folder per profile, Anki's -b).`);
	}
}
