// Opening a collection file: what the file is, which schema, the unicase collation, and the lock.
//
// Like Anki desktop we use `locking_mode = EXCLUSIVE`: once we have read or written, no other
// program can open the file until we close it, and in WAL mode no -shm file is created. A busy
// file (Anki holds it the same way) is reported within BUSY_TIMEOUT_MS as CollectionLockedError;
// we never wait longer and never force.
import {accessSync, chmodSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import {openDatabase} from './sqlite.js';
import {AnkiFileError, NewerSchemaError} from '../errors.js';
import type {CollectionInfo} from '../model.js';
import {assertSqliteFile} from './file-checks.js';
import {Schema11Adapter} from './schema11.js';
import {Schema18Adapter} from './schema18.js';
import {lockedError, userErrorFor} from './sqlite-errors.js';
import type {Collection, OpenOptions, SchemaAdapter} from './types.js';
import {rewriteUnicaseToNocase, schemaUsesUnicase, tryLoadUnicase, unicaseMissingMessage} from './unicase.js';
import {cached} from './statements.js';
import {registerSqlFunctions} from './sql-functions.js';
import {writeBackup} from './backup.js';
import {CollectionUndo} from './undo.js';

export const BUSY_TIMEOUT_MS = 250;
export const MIN_SCHEMA = 11;
export const MAX_SCHEMA = 18;
/** How long after a write the deferred WAL checkpoint runs (when nothing else is happening). */
const CHECKPOINT_DELAY_MS = 250;

/** Whether the collection file and its folder may be written (a writable open needs both). */
export function writable(file: string): boolean {
	try {
		accessSync(file, constants.W_OK);
		accessSync(path.dirname(file), constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * A file we may not write (read-only file or folder) is read from a private copy: SQLite's own
 * read-only mode would still create -shm/-wal files beside a WAL-mode collection when it can.
 * Nobody can be writing it (Anki runs as the same user), so copying it (with its -wal) is safe.
 */
function privateSnapshot(file: string): {file: string; cleanup: () => void} {
	const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-read-'));
	const copy = path.join(dir, path.basename(file));
	try {
		copyFileSync(file, copy);
		chmodSync(copy, 0o600); // the copy keeps the original's read-only mode otherwise
		if (existsSync(`${file}-wal`)) {
			copyFileSync(`${file}-wal`, `${copy}-wal`);
			chmodSync(`${copy}-wal`, 0o600);
		}
	} catch (error) {
		rmSync(dir, {recursive: true, force: true});
		throw new AnkiFileError(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); check its permissions.`);
	}
	return {file: copy, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

/** A -wal file with content: Anki is running, or it stopped without checkpointing. */
function hasPendingWal(file: string): boolean {
	try {
		return statSync(`${file}-wal`).size > 0;
	} catch {
		return false;
	}
}

function connect(file: string, readOnly: boolean, sqliteReadOnly = false): Database.Database {
	if (sqliteReadOnly) return openDatabase(file, {readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS});
	const db = openDatabase(file, {fileMustExist: true, timeout: BUSY_TIMEOUT_MS});
	db.pragma('locking_mode = EXCLUSIVE');
	// A read-only open uses a read/write handle only so that exclusive mode works (no -shm file,
	// the -wal file removed on close); query_only makes SQLite refuse every write.
	if (readOnly) db.pragma('query_only = ON');
	return db;
}

function checkSchema(db: Database.Database, file: string): number {
	const hasCol = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'col'").pluck().get() as number;
	if (!hasCol) throw new AnkiFileError(`${file} is a SQLite database but not an Anki collection (it has no col table).`);
	const ver = db.prepare('SELECT ver FROM col').pluck().get() as number | undefined;
	if (typeof ver !== 'number') throw new AnkiFileError(`${file} is not a usable Anki collection (its col table is empty).`);
	if (ver > MAX_SCHEMA || ver === 12 || ver === 13) {
		throw new NewerSchemaError(
			// The first sentence is Anki's own (errors-collection-too-new); Anki's profile manager offers the downgrade.
			`${file}: This collection requires a newer version of Anki to open (schema ${ver}; this anki-tui reads schemas ${MIN_SCHEMA} to ${MAX_SCHEMA}). Update anki-tui, or use Downgrade & Quit in Anki's profile manager.`,
		);
	}
	if (ver < MIN_SCHEMA) {
		throw new AnkiFileError(`${file} was made by Anki 1.x (schema ${ver}); open it once in a current Anki to upgrade it.`);
	}
	return ver;
}

/** Registers unicase, or (private copies only) rewrites the schema to NOCASE; may reopen. */
function withCollation(db: Database.Database, file: string, options: OpenOptions, reopen: () => Database.Database): Database.Database {
	if (tryLoadUnicase(db) || !schemaUsesUnicase(db)) return db;
	if (!options.privateCopy) throw new AnkiFileError(unicaseMissingMessage(file));
	db.pragma('query_only = OFF');
	rewriteUnicaseToNocase(db);
	db.close();
	const fresh = reopen();
	fresh.pragma('query_only = OFF');
	fresh.exec('REINDEX');
	if (options.readOnly) fresh.pragma('query_only = ON');
	return fresh;
}

class SqliteCollection implements Collection {
	readonly adapter: SchemaAdapter;
	readonly undo: CollectionUndo;
	private open = true;
	private backupTaken: string | undefined;

	constructor(
		readonly path: string,
		readonly db: Database.Database,
		readonly readOnly: boolean,
		version: number,
		private readonly afterClose: () => void = () => {},
		private readonly deferredCheckpoints = false,
		private backupPending = false,
	) {
		this.adapter = version === 11 ? new Schema11Adapter(db) : new Schema18Adapter(db, version);
		this.undo = new CollectionUndo(this, fn => this.write(fn));
	}

	get backupPath(): string | undefined {
		return this.backupTaken;
	}

	info(): CollectionInfo {
		return cached(this.db, 'SELECT crt, mod, scm, ver, usn, ls FROM col').get() as CollectionInfo;
	}

	touch(nowMs: number): void {
		this.assertWritable();
		this.backupBeforeFirstWrite();
		cached(this.db, 'UPDATE col SET mod = ?').run(nowMs);
	}

	scratch<T>(fn: () => T): T {
		// A read-only open keeps query_only on as a safety net; TEMP tables live in memory
		// (temp_store = MEMORY), so lifting it for their set-up cannot touch the file.
		const lift = this.readOnly && this.db.pragma('query_only', {simple: true}) === 1;
		if (lift) this.db.pragma('query_only = OFF');
		try {
			return fn();
		} finally {
			if (lift) this.db.pragma('query_only = ON');
		}
	}

	transaction<T>(fn: () => T): T {
		if (this.undo.recording) return this.write(fn);
		const result = this.write(fn);
		// A change the undo queue did not see would be overwritten by undoing older steps.
		this.undo.clear();
		return result;
	}

	private write<T>(fn: () => T): T {
		this.assertWritable();
		this.backupBeforeFirstWrite();
		let result: T;
		try {
			result = this.db.transaction(fn).immediate();
		} catch (error) {
			throw userErrorFor(this.path, error);
		}
		this.scheduleCheckpoint();
		return result;
	}

	async transactionAsync<T>(fn: () => Promise<T>): Promise<T> {
		this.assertWritable();
		this.backupBeforeFirstWrite();
		try {
			this.db.exec('BEGIN IMMEDIATE');
		} catch (error) {
			throw userErrorFor(this.path, error);
		}
		let result: T;
		try {
			result = await fn();
			this.db.exec('COMMIT');
		} catch (error) {
			if (this.db.inTransaction) this.db.exec('ROLLBACK');
			throw userErrorFor(this.path, error);
		}
		// Undo never crosses a sync (Anki clears its queue on every non-undoable write).
		this.undo.clear();
		this.scheduleCheckpoint();
		return result;
	}

	/**
	 * The first write of a writable open backs the collection up first, whoever writes (review,
	 * import, sync, editing...), so the backup is always the collection as it was before this
	 * program changed anything. A failed backup throws, and nothing is written.
	 */
	private backupBeforeFirstWrite(): void {
		if (!this.backupPending) return;
		// Nested transactions pass here after the outer one took it; an open transaction now means
		// someone began one on col.db directly, which would write without a backup.
		if (this.db.inTransaction) throw new Error(`${this.path}: a write began outside col.transaction, before the backup`);
		this.backupTaken = writeBackup(this.path, this.db);
		this.backupPending = false;
	}

	// SQLite's automatic checkpoint copies the WAL back into the file inside whichever commit
	// crosses 1000 pages, which made every ~50th answer several times slower. Writable opens turn it
	// off and checkpoint here instead, once the event loop is idle after a write (the WAL stays
	// durable meanwhile, and closing checkpoints whatever is left).
	private checkpointTimer: NodeJS.Timeout | undefined;

	private scheduleCheckpoint(): void {
		if (this.checkpointTimer || !this.deferredCheckpoints) return;
		this.checkpointTimer = setTimeout(() => this.idle(), CHECKPOINT_DELAY_MS);
		this.checkpointTimer.unref();
	}

	idle(): void {
		if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
		this.checkpointTimer = undefined;
		if (!this.open || !this.deferredCheckpoints) return;
		try {
			this.db.pragma('wal_checkpoint(PASSIVE)');
		} catch {
			// A checkpoint that cannot run now runs at the next idle moment or on close.
		}
	}

	close(): void {
		if (!this.open) return;
		if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
		this.checkpointTimer = undefined;
		this.open = false;
		// SQLite checkpoints a WAL file on the last close and removes the -wal; the journal mode
		// stays whatever the file had (Anki's own choice).
		this.db.close();
		this.afterClose();
	}

	private assertWritable(): void {
		if (this.readOnly) throw new Error(`${this.path} was opened read-only`);
		if (!this.open) throw new Error(`${this.path} is closed`);
	}
}

/**
 * Opens an Anki collection (schema 11, 14-18). Throws AnkiFileError / NewerSchemaError /
 * CollectionLockedError with one-line messages for anything the user can cause.
 */
export function openCollection(file: string, options: OpenOptions = {}): Collection {
	const readOnly = options.readOnly === true;
	assertSqliteFile(file);
	const canWrite = writable(file);
	if (!readOnly && !canWrite) {
		throw new AnkiFileError(`${file} is read-only (file or folder permissions); anki-tui needs to write to it to save reviews.`);
	}
	const snapshot = readOnly && !canWrite ? privateSnapshot(file) : undefined;
	const target = snapshot?.file ?? file;
	// Closing our exclusive connection would checkpoint a pending WAL into the user's file; a
	// read-only open must not change a byte, so it uses SQLite's read-only mode then (which never
	// checkpoints) and removes the -shm file that mode creates, if it was not there before.
	const sqliteReadOnly = readOnly && !snapshot && !options.privateCopy && hasPendingWal(file);
	const shmExisted = existsSync(`${file}-shm`);
	const cleanup = () => {
		snapshot?.cleanup();
		if (sqliteReadOnly && !shmExisted) rmSync(`${file}-shm`, {force: true});
	};
	let db: Database.Database;
	try {
		db = connect(target, readOnly, sqliteReadOnly);
	} catch (error) {
		cleanup();
		throw userErrorFor(file, error);
	}
	try {
		const version = checkSchema(db, file);
		// A snapshot is our own copy, so the NOCASE fallback is allowed on it too.
		const collationOptions = snapshot ? {...options, privateCopy: true} : options;
		db = withCollation(db, file, collationOptions, () => connect(target, readOnly, sqliteReadOnly));
		if (!readOnly) {
			// Take the write lock now (exclusive mode keeps it until close), so a busy file is
			// reported before anything is written.
			db.exec('BEGIN IMMEDIATE');
			db.exec('COMMIT');
			// Anki switches every collection it opens for writing to WAL (rslib storage/sqlite.rs);
			// doing the same keeps the file as Anki expects it and makes each answer's commit cheap.
			db.pragma('journal_mode = WAL');
			db.pragma('wal_autocheckpoint = 0');
		}
		db.pragma('temp_store = MEMORY');
		registerSqlFunctions(db);
		// Writable opens of the user's files are backed up before their first write. A private copy
		// (a package's extracted collection, an upload copy) is ours alone and thrown away: nothing
		// there to protect. A brand-new collection is made by createCollection on its own
		// connection, not through this, so its creation takes none either.
		const backupPending = !readOnly && !options.privateCopy;
		return new SqliteCollection(file, db, readOnly, version, cleanup, !readOnly, backupPending);
	} catch (error) {
		if (db.open) db.close();
		cleanup();
		const mapped = userErrorFor(file, error);
		throw mapped === error && String((error as Error).message).includes('database is locked') ? lockedError(file) : mapped;
	}
}
