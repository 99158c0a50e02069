// Checks a collection file the way Anki would: PRAGMA integrity_check (on a scratch copy whose
// `unicase` collation is swapped for NOCASE, since better-sqlite3 cannot register unicase) and
// Anki's own consistency rules for cards.
import {copyFileSync, existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export function integrityCheck(file: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-integrity-'));
	try {
		const copy = path.join(dir, 'c.anki2');
		// the -wal file holds committed pages not yet checkpointed
		copyFileSync(file, copy);
		if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
		const db = new Database(copy);
		db.unsafeMode(true);
		db.pragma('writable_schema = ON');
		const v = db.pragma('schema_version', {simple: true}) as number;
		db.prepare("UPDATE sqlite_master SET sql = replace(sql, 'COLLATE unicase', 'COLLATE NOCASE') WHERE sql LIKE '%unicase%'").run();
		db.pragma(`schema_version = ${v + 1}`);
		db.pragma('writable_schema = OFF');
		db.close();
		const check = new Database(copy);
		check.exec('REINDEX');
		const result = (check.pragma('integrity_check') as Array<{integrity_check: string}>).map(r => r.integrity_check).join('; ');
		check.close();
		return result;
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

/** Anki's check-database rules that a writer could break; returns the problems found. */
export function consistencyProblems(file: string): string[] {
	const db = new Database(file, {readonly: true});
	try {
		const problems: string[] = [];
		const q = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
		const n = (label: string, sql: string) => {
			const c = q(sql);
			if (c) problems.push(`${c} ${label}`);
		};
		n('cards without a note', 'SELECT count() FROM cards WHERE nid NOT IN (SELECT id FROM notes)');
		n('notes without cards', 'SELECT count() FROM notes WHERE id NOT IN (SELECT nid FROM cards)');
		n('new cards with a non-new queue', 'SELECT count() FROM cards WHERE type = 0 AND queue NOT IN (0, -1, -2, -3)');
		n('review cards in a learning/new queue', 'SELECT count() FROM cards WHERE type = 2 AND queue IN (0, 1, 3, 4)');
		n('learning cards in the new/review queue', 'SELECT count() FROM cards WHERE type IN (1, 3) AND queue IN (0, 2)');
		n('cards with an odd queue', 'SELECT count() FROM cards WHERE queue NOT IN (-3, -2, -1, 0, 1, 2, 3, 4)');
		n('cards with an odd type', 'SELECT count() FROM cards WHERE type NOT IN (0, 1, 2, 3)');
		n('review cards with a negative interval', 'SELECT count() FROM cards WHERE ivl < 0');
		// (Anki's check also renumbers new cards positioned past 1,000,000; real packages carry such
		// cards and Anki's importer keeps them, so that is not treated as a problem here.)
		n('learning cards whose due is not a timestamp', 'SELECT count() FROM cards WHERE queue IN (1, 4) AND due < 1000000000');
		n('day-based cards whose due is a timestamp', 'SELECT count() FROM cards WHERE queue IN (2, 3) AND due > 1000000000');
		n('cards in missing decks', "SELECT count() FROM cards WHERE did NOT IN (SELECT value FROM json_each((SELECT CASE WHEN ver = 11 THEN (SELECT json_group_array(key) FROM json_each(decks)) ELSE '[]' END FROM col))) AND (SELECT ver FROM col) = 11");
		n('duplicate guids', 'SELECT count() FROM (SELECT guid FROM notes GROUP BY guid HAVING count() > 1)');
		return problems;
	} finally {
		db.close();
	}
}
