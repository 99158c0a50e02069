// What kind of file the user handed us, judged from its first bytes, before SQLite touches it.
import {closeSync, openSync, readSync, statSync} from 'node:fs';
import {AnkiFileError} from '../errors.js';

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');
const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Throws a one-line AnkiFileError unless `file` exists and starts like a SQLite database. */
export function assertSqliteFile(file: string): void {
	let size: number;
	try {
		const stat = statSync(file);
		if (stat.isDirectory()) {
			throw new AnkiFileError(`${file} is a directory, not an Anki collection; pass the collection.anki2 file inside your Anki profile folder.`);
		}
		size = stat.size;
	} catch (error) {
		if (error instanceof AnkiFileError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new AnkiFileError(`${file} does not exist; check the path (Anki keeps collection.anki2 in its profile folder).`);
		throw new AnkiFileError(`${file} cannot be read (${code ?? String(error)}); check its permissions.`);
	}
	const header = Buffer.alloc(16);
	let read = 0;
	try {
		const fd = openSync(file, 'r');
		try {
			read = readSync(fd, header, 0, 16, 0);
		} finally {
			closeSync(fd);
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new AnkiFileError(`${file} cannot be read (${code ?? String(error)}); check its permissions.`);
	}
	if (size === 0) throw new AnkiFileError(`${file} is empty, not an Anki collection.`);
	if (read >= 4 && header.subarray(0, 4).equals(zipMagic)) {
		throw new AnkiFileError(`${file} is a zip archive (an .apkg/.colpkg package?), not a collection; import it instead of opening it.`);
	}
	if (read < 16 || !header.equals(sqliteMagic)) {
		throw new AnkiFileError(`${file} is not an Anki collection (not a SQLite database).`);
	}
}
