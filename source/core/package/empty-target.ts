// An import into a collection that holds no notes, cards or history yet (a new one, as
// `anki-tui import` makes on first use) writes every page of the result for the first time. In WAL
// mode each page is written twice (into the -wal, then checkpointed into the file at close); a
// rollback journal only keeps the few pages the empty collection had, and the new pages go straight
// into the file. The transaction stays atomic and durable (a crash leaves a hot journal SQLite rolls
// back on the next open), and the file is back in WAL before anything else happens, so the end
// state is what the WAL path writes.
import type Database from 'better-sqlite3';

/** No notes, cards, review history or deletions: nothing the merge could meet. */
export function isEmptyCollection(db: Database.Database): boolean {
	return db
		.prepare(
			`SELECT NOT EXISTS (SELECT 1 FROM main.notes) AND NOT EXISTS (SELECT 1 FROM main.cards)
			AND NOT EXISTS (SELECT 1 FROM main.revlog) AND NOT EXISTS (SELECT 1 FROM main.graves)`,
		)
		.pluck()
		.get() === 1;
}

/**
 * Runs `write` (one write transaction) with the collection in rollback-journal mode when it is in
 * WAL mode, then puts WAL back (outside any transaction; our connection holds the file exclusively).
 */
export function withRollbackJournal<T>(db: Database.Database, write: () => T): T {
	const mode = db.pragma('main.journal_mode', {simple: true}) as string;
	if (mode !== 'wal' || db.inTransaction) return write();
	db.pragma('main.journal_mode = DELETE');
	let result: T;
	try {
		result = write();
	} catch (error) {
		backToWal(db);
		throw error;
	}
	backToWal(db);
	return result;
}

/**
 * Once the import has committed (or rolled back), a file that could not go back to WAL is still a
 * whole collection in rollback-journal mode, which the next writable open (ours or Anki's) switches;
 * failing the import here would undo its media copy under notes that use the files.
 */
function backToWal(db: Database.Database): void {
	try {
		db.pragma('main.journal_mode = WAL');
	} catch {
		// left in rollback-journal mode (see above)
	}
}
