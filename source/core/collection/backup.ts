// Backups before writing into a collection the user brought: SQLite online-backup copies (they
// include whatever still sits in the -wal file) in `backups/` beside the collection, as Anki keeps
// `backups/` in the profile folder. The newest few are kept, older ones removed.
import {existsSync, mkdirSync, readdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {AnkiFileError, CollectionLockedError} from '../errors.js';

export interface BackupOptions {
	/** How many backups to keep (default 5). */
	keep?: number;
	/** Time used in the name (default now). */
	now?: Date;
	/**
	 * The connection that already holds the collection open. Anki-style exclusive locking keeps
	 * other connections out, so the copy must be taken through it.
	 */
	db?: Database.Database;
}

const backupName = /^backup-\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}(?:-\d+)?\.anki2$/;

export function backupDirFor(collectionPath: string): string {
	return path.join(path.dirname(collectionPath), 'backups');
}

function stamp(d: Date): string {
	const p = (n: number) => String(n).padStart(2, '0');
	// Anki names backups by local time: backup-YYYY-MM-DD-HH.MM.SS
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}.${p(d.getMinutes())}.${p(d.getSeconds())}`;
}

/** Copies the collection into backups/ and returns the backup's path. */
export async function backupCollection(collectionPath: string, options: BackupOptions = {}): Promise<string> {
	if (!existsSync(collectionPath)) throw new AnkiFileError(`no collection at ${collectionPath}`);
	const dir = backupDirFor(collectionPath);
	mkdirSync(dir, {recursive: true});
	const base = `backup-${stamp(options.now ?? new Date())}`;
	let target = path.join(dir, `${base}.anki2`);
	for (let i = 1; existsSync(target); i++) target = path.join(dir, `${base}-${i}.anki2`);

	let db: Database.Database;
	try {
		db = options.db ?? new Database(collectionPath, {readonly: true, fileMustExist: true, timeout: 250});
	} catch (error) {
		throw new AnkiFileError(`cannot open ${collectionPath}: ${(error as Error).message}`);
	}
	try {
		await db.backup(target);
	} catch (error) {
		rmSync(target, {force: true});
		const message = (error as Error).message;
		if (/locked|busy/i.test(message)) {
			throw new CollectionLockedError(`${collectionPath} is in use by another program (is Anki open?)`);
		}
		throw new AnkiFileError(`backup of ${collectionPath} failed: ${message}`);
	} finally {
		if (!options.db) db.close();
	}
	rotateBackups(dir, options.keep ?? 5);
	return target;
}

/** Removes all but the newest `keep` backups (names sort by time). */
export function rotateBackups(dir: string, keep: number): string[] {
	const all = readdirSync(dir)
		.filter(n => backupName.test(n))
		.sort();
	const old = all.slice(0, Math.max(0, all.length - keep));
	for (const name of old) rmSync(path.join(dir, name), {force: true});
	return old;
}

const backedUp = new Set<string>();

/** Backs a collection up once per process, before the first write of this session. */
export async function backupBeforeFirstWrite(collectionPath: string, options: BackupOptions = {}): Promise<string | undefined> {
	const key = path.resolve(collectionPath);
	if (backedUp.has(key)) return undefined;
	const file = await backupCollection(collectionPath, options);
	backedUp.add(key);
	return file;
}

/**
 * The synchronous form for the answer path: the first change of a review session backs the
 * collection up through the connection that holds it (VACUUM INTO includes -wal content), so the
 * backup is taken strictly before the first write. Once per collection per process.
 */
export function backupBeforeFirstWriteSync(collectionPath: string, db: Database.Database, options: {keep?: number; now?: Date} = {}): string | undefined {
	const key = path.resolve(collectionPath);
	if (backedUp.has(key)) return undefined;
	const dir = backupDirFor(collectionPath);
	mkdirSync(dir, {recursive: true});
	const base = `backup-${stamp(options.now ?? new Date())}`;
	let target = path.join(dir, `${base}.anki2`);
	for (let i = 1; existsSync(target); i++) target = path.join(dir, `${base}-${i}.anki2`);
	try {
		db.prepare('VACUUM INTO ?').run(target);
	} catch (error) {
		rmSync(target, {force: true});
		throw new AnkiFileError(`backup of ${collectionPath} failed before the first change: ${(error as Error).message}`);
	}
	backedUp.add(key);
	rotateBackups(dir, options.keep ?? 5);
	return target;
}
