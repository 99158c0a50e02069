// Backups before writing into a collection the user brought: copies in `backups/` beside the
// collection, as Anki keeps `backups/` in the profile folder. The newest few are kept, older ones
// removed. The collection's first write transaction takes one (open.ts); nothing else needs to.
import {mkdirSync, readdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import {AnkiFileError} from '../errors.js';

export interface BackupOptions {
	/** How many backups to keep (default 5). */
	keep?: number;
	/** Time used in the name (default now). */
	now?: Date;
}

export const BACKUPS_KEPT = 5;

const backupName = /^backup-(\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2})(?:-(\d+))?\.anki2$/;

export function backupDirFor(collectionPath: string): string {
	return path.join(path.dirname(collectionPath), 'backups');
}

function stamp(d: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	// Anki names backups by local time: backup-YYYY-MM-DD-HH.MM.SS
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}.${p(d.getMinutes())}.${p(d.getSeconds())}`;
}

/**
 * Copies the collection into backups/ through the connection that holds it (Anki-style exclusive
 * locking keeps other connections out) and returns the backup's path. VACUUM INTO reads through
 * that connection, so what still sits in the -wal file is included; it is synchronous, so the
 * copy is complete before the write that follows. It cannot run inside a transaction.
 */
export function writeBackup(collectionPath: string, db: Database.Database, options: BackupOptions = {}): string {
	const dir = backupDirFor(collectionPath);
	let target = '';
	try {
		mkdirSync(dir, {recursive: true});
		target = path.join(dir, freshName(dir, stamp(options.now ?? new Date())));
		db.prepare('VACUUM INTO ?').run(target);
	} catch (error) {
		try {
			if (target) rmSync(target, {force: true});
		} catch {
			// nothing was made there
		}
		throw new AnkiFileError(
			`backup of ${collectionPath} into ${dir} failed before the first change (${(error as Error).message}); nothing was written. Free disk space or fix the folder's permissions.`,
		);
	}
	rotateBackups(dir, options.keep ?? BACKUPS_KEPT);
	return target;
}

function listBackups(dir: string): Array<{name: string; time: string; n: number}> {
	return readdirSync(dir).flatMap((name) => {
		const m = backupName.exec(name);
		return m ? [{name, time: m[1]!, n: Number(m[2] ?? 0)}] : [];
	});
}

/**
 * backup-STAMP.anki2, or backup-STAMP-N.anki2 after the newest of that second: a name freed by
 * rotation is not reused, so the newest backup always sorts last.
 */
function freshName(dir: string, time: string): string {
	const same = listBackups(dir).filter((b) => b.time === time);
	if (same.length === 0) return `backup-${time}.anki2`;
	return `backup-${time}-${Math.max(...same.map((b) => b.n)) + 1}.anki2`;
}

/** Removes all but the newest `keep` backups (by the time in the name, then the -N of the same second). */
export function rotateBackups(dir: string, keep: number): string[] {
	const all = listBackups(dir);
	all.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.n - b.n));
	const old = all.slice(0, Math.max(0, all.length - keep)).map((b) => b.name);
	for (const name of old) rmSync(path.join(dir, name), {force: true});
	return old;
}
