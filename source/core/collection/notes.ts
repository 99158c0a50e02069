// Reading notes and changing their tags; the `notes` table is the same in every schema.
import type Database from 'better-sqlite3';
import type {Note} from '../model.js';
import {joinTags, splitTags} from './tag-names.js';
import type {Collection} from './types.js';

type Source = Collection | Database.Database;
const dbOf = (source: Source): Database.Database => ('adapter' in source ? source.db : source);

/** A `notes` row as stored (fields still joined by U+001F, tags as one string). */
export interface NoteRow {
	id: number;
	guid: string;
	mid: number;
	mod: number;
	usn: number;
	tags: string;
	flds: string;
	sfld: string | number;
	csum: number;
	flags: number;
	data: string;
}

const columns = 'id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data';

export function noteFromRow(row: NoteRow): Note {
	return {
		id: row.id,
		guid: row.guid,
		mid: row.mid,
		mod: row.mod,
		usn: row.usn,
		tags: splitTags(row.tags),
		// field values joined by U+001F, in field-ord order
		fields: row.flds.split('\u001f'),
		sfld: row.sfld,
		csum: row.csum,
		flags: row.flags,
		data: row.data,
	};
}

export function getNote(source: Source, id: number): Note | null {
	const row = dbOf(source).prepare(`SELECT ${columns} FROM notes WHERE id = ?`).get(id) as NoteRow | undefined;
	return row ? noteFromRow(row) : null;
}

/** Notes by id (missing ids are skipped), in the order asked. */
export function getNotes(source: Source, ids: readonly number[]): Note[] {
	const db = dbOf(source);
	const found = new Map<number, Note>();
	// SQLite limits bound parameters; 500 per query stays far below every build's limit.
	for (let start = 0; start < ids.length; start += 500) {
		const chunk = ids.slice(start, start + 500);
		const rows = db
			.prepare(`SELECT ${columns} FROM notes WHERE id IN (${chunk.map(() => '?').join(',')})`)
			.all(...chunk) as NoteRow[];
		for (const row of rows) found.set(row.id, noteFromRow(row));
	}
	return ids.flatMap(id => found.get(id) ?? []);
}

/**
 * Replaces a note's tags (stored as " a b "); sets mod (seconds) and usn -1 as Anki does. Register
 * new tags with `adapter.registerTags` in the same transaction.
 */
export function setNoteTags(source: Source, id: number, tags: readonly string[], nowSecs: number): void {
	dbOf(source).prepare('UPDATE notes SET tags = ?, mod = ?, usn = -1 WHERE id = ?').run(joinTags(tags), nowSecs, id);
}
