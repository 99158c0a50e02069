// The package's collection attached to the target's connection, so that notes, cards and review
// history go from table to table in SQL (INSERT ... SELECT) instead of row by row through
// JavaScript, and the temporary tables that map the package's ids to the collection's.
import type Database from 'better-sqlite3';

/** Schema name of the attached package collection. */
export const SOURCE = 'import_source';

/** Temporary tables the merge steps create (dropped with the attachment). */
const mergeTables = ['import_notetype', 'import_target_guid', 'import_note', 'import_deck', 'import_card'];

/** Attaches the package's collection (outside any transaction); returns the detach. */
export function attachSource(db: Database.Database, file: string): () => void {
	dropMergeTables(db);
	db.prepare(`ATTACH DATABASE ? AS ${SOURCE}`).run(file);
	return () => {
		dropMergeTables(db);
		db.exec(`DETACH DATABASE ${SOURCE}`);
	};
}

function dropMergeTables(db: Database.Database): void {
	for (const table of mergeTables) db.exec(`DROP TABLE IF EXISTS temp.${table}`);
}

/** Fills a two-column temporary id map (package id -> collection id). */
export function idMapTable(db: Database.Database, table: string, map: Iterable<[number, number]>): void {
	db.exec(`CREATE TEMP TABLE ${table} (sid INTEGER PRIMARY KEY, tid INTEGER NOT NULL)`);
	const insert = db.prepare(`INSERT INTO temp.${table} (sid, tid) VALUES (?, ?)`);
	for (const [sid, tid] of map) insert.run(sid, tid);
}

/**
 * Chooses ids for the rows of a plan table (`sid` = package id, `tid` = id to use) that `filter`
 * selects: the package's id unless the collection already uses it; then, as Anki's importer does,
 * +999 until free, in package id order, each new id taken before the next is chosen.
 */
export function allocateIds(db: Database.Database, plan: string, filter: string, table: 'notes' | 'cards'): void {
	db.exec(`UPDATE temp.${plan} AS p SET tid = sid WHERE ${filter}`);
	const collides = db.prepare(`SELECT 1 FROM temp.${plan} AS p JOIN main.${table} AS t ON t.id = p.sid WHERE ${filter} LIMIT 1`).get();
	if (!collides) return;
	const taken = new Set(db.prepare(`SELECT id FROM main.${table}`).pluck().all() as number[]);
	const move = db.prepare(`UPDATE temp.${plan} SET tid = ? WHERE sid = ?`);
	for (const sid of db.prepare(`SELECT sid FROM temp.${plan} AS p WHERE ${filter} ORDER BY sid`).pluck().all() as number[]) {
		let id = sid;
		while (taken.has(id)) id += 999;
		taken.add(id);
		if (id !== sid) move.run(id, sid);
	}
}
