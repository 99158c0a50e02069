// Whether another program (Anki) has a collection open right now, found without opening it: a
// listing must never wait for a lock, take one, or create files beside the user's collection.
//
// Linux: /proc/locks lists every file lock on the machine by device and inode, and Anki (like
// every SQLite program) holds one on the collection while it has it open: exact and instant.
// Elsewhere (or where /proc/locks cannot be read): Anki opens collections in WAL mode and a
// `-wal` file exists beside the collection exactly while it is open; after a crash one may be left
// behind, so this can say "in use" for a collection nobody has open (opening it then tells).
import {existsSync, readFileSync, statSync} from 'node:fs';

/** glibc's major()/minor() of a Linux st_dev. */
function deviceNumbers(dev: number): {major: number; minor: number} {
	const value = BigInt(dev);
	const major = Number(((value >> 8n) & 0xfffn) | ((value >> 32n) & ~0xfffn));
	const minor = Number((value & 0xffn) | ((value >> 12n) & ~0xffn));
	return {major, minor};
}

/**
 * True when a line of /proc/locks is a lock on this device and inode. A line reads
 * `1: POSIX  ADVISORY  WRITE 4242 fe:00:2594414 1073741824 1073742335` (`1: -> ...` for a
 * waiter); device numbers are hex, the inode decimal.
 */
function locksFile(line: string, dev: {major: number; minor: number}, ino: number): boolean {
	const match = / ([0-9a-f]+):([0-9a-f]+):(\d+) /.exec(line);
	if (!match) return false;
	return Number(match[3]) === ino && parseInt(match[1]!, 16) === dev.major && parseInt(match[2]!, 16) === dev.minor;
}

export interface InUseOptions {
	platform?: NodeJS.Platform;
	/** The lock table to read (tests use their own). */
	procLocks?: string;
}

export function collectionInUse(file: string, options: InUseOptions = {}): boolean {
	const platform = options.platform ?? process.platform;
	if (platform === 'linux') {
		try {
			const locks = readFileSync(options.procLocks ?? '/proc/locks', 'utf8');
			const stat = statSync(file);
			const dev = deviceNumbers(stat.dev);
			return locks.split('\n').some(line => locksFile(line, dev, stat.ino));
		} catch {
			// No /proc (a sandbox, another kernel): fall back to the -wal rule below.
		}
	}
	return existsSync(`${file}-wal`);
}
