// Real collections of schema 11 and 18 to write to, and exact row dumps to compare them with.
import type Database from 'better-sqlite3';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {extractEntry, openSharedCopy, rawDb} from '../collection/helpers.js';
import {sharedFile} from '../helpers/shared.js';

export interface RealCollection {
	col: Collection;
	file: string;
	close: () => void;
}

/**
 * Schema 18: a raw desktop profile collection (16 Basic notes, unicase). Schema 11: the
 * collection.anki21 of a "support older versions" export (196 notes with reviews).
 */
export async function openReal(schema: 11 | 18): Promise<RealCollection> {
	if (schema === 18) {
		const {collection, file} = openSharedCopy('schema18-two-decks.anki2');
		return {col: collection, file, close: () => collection.close()};
	}
	const entry = await extractEntry(sharedFile('legacy-mode-anki21.colpkg'), 'collection.anki21');
	const col = openCollection(entry.file);
	return {
		col,
		file: entry.file,
		close: () => {
			col.close();
			entry.cleanup();
		},
	};
}

/** Every row of every table, each value as SQLite's quote() writes it (type and bytes exact). */
export function dumpRows(db: Database.Database): Record<string, string[]> {
	const tables = db
		.prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
		.pluck()
		.all() as string[];
	const out: Record<string, string[]> = {};
	for (const table of tables) {
		const columns = (db.pragma(`table_info("${table}")`) as Array<{name: string}>).map(c => `quote("${c.name}")`);
		let rowid = true;
		try {
			db.prepare(`SELECT rowid FROM "${table}" LIMIT 0`);
		} catch {
			rowid = false;
		}
		const select = rowid ? ['rowid', ...columns] : columns;
		out[table] = (db.prepare(`SELECT ${select.join(" || '|' || ")} FROM "${table}"`).pluck().all() as string[]).sort();
	}
	return out;
}

/** PRAGMA integrity_check on the file with the real unicase collation (a fresh connection). */
export function integrityWithUnicase(file: string): string {
	const db = rawDb(file);
	try {
		return (db.pragma('integrity_check') as Array<{integrity_check: string}>).map(r => r.integrity_check).join('; ');
	} finally {
		db.close();
	}
}
