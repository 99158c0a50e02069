// Notes on import (rslib apkg/import/notes.rs): matched by guid. A known note is updated only when
// the incoming one is newer (its mtime is kept, so successive exports import cleanly) and only if
// it still has the same notetype; new notes keep their id unless it is taken (then +999 until free).
// The decisions are made in SQL over the attached package (temp.import_note: package id, collection
// id, action); rows move with INSERT ... SELECT; only fields naming media are read into JavaScript.
import type Database from 'better-sqlite3';
import type {Notetype} from '../model.js';
import type {SchemaAdapter} from '../collection/types.js';
import {derivedColumns} from '../notes/fields.js';
import type {MediaPlan} from './merge-media.js';
import {rewriteMediaRefs} from './merge-media.js';
import {allocateIds, idMapTable, SOURCE} from './merge-tables.js';
import type {ImportSummary} from './merge-summary.js';

/** What happens to each incoming note (temp.import_note.action). */
export const NoteAction = {Add: 1, Update: 2, Unchanged: 3, Conflict: 4} as const;
const {Add, Update, Unchanged, Conflict} = NoteAction;

function splitTags(tags: string): string[] {
	return tags.split(/[\s\u3000]+/).filter(Boolean);
}

/**
 * Decides what happens to each of the attached package's notes, writing only temp.import_note:
 * `sid` (package note id) -> `tid` (collection note id) and the action, for every note added,
 * updated or unchanged; counts them in the summary. Returns whether any note is to be written.
 */
export function planNotes(
	db: Database.Database,
	notetypeRemap: Map<number, number>,
	targetNotetypes: Map<number, Notetype>,
	summary: ImportSummary,
): boolean {
	// Package notetype -> collection notetype, for the notetypes the collection has.
	const sourceMids = db.prepare(`SELECT DISTINCT mid FROM ${SOURCE}.notes`).pluck().all() as number[];
	idMapTable(
		db,
		'import_notetype',
		sourceMids.flatMap((mid): Array<[number, number]> => {
			const mid2 = notetypeRemap.get(mid) ?? mid;
			return targetNotetypes.has(mid2) ? [[mid, mid2]] : [];
		}),
	);
	// a damaged package: the note's notetype is missing (Anki's importer stops with an error)
	for (const note of db
		.prepare(`SELECT id, mid FROM ${SOURCE}.notes WHERE mid NOT IN (SELECT sid FROM temp.import_notetype) ORDER BY id`)
		.iterate() as Iterable<{id: number; mid: number}>) {
		summary.warnings.push(`skipped note ${note.id}: its notetype ${note.mid} is not in the package`);
	}

	db.exec(`
		CREATE TEMP TABLE import_note (
			sid INTEGER PRIMARY KEY, guid TEXT NOT NULL, mid INTEGER NOT NULL, mod,
			tid INTEGER, action INTEGER, first_sid INTEGER, final INTEGER NOT NULL DEFAULT 1
		);
		INSERT INTO temp.import_note (sid, guid, mid, mod)
			SELECT s.id, s.guid, nt.tid, s.mod FROM ${SOURCE}.notes AS s JOIN temp.import_notetype AS nt ON nt.sid = s.mid;
		-- in guid order for the duplicate test and the lookup in the collection below (no sort each)
		CREATE INDEX temp.import_note_guid ON import_note (guid);
		-- a guid the package holds twice: each later note remembers the first one
		UPDATE temp.import_note AS n SET first_sid = f.first
			FROM (SELECT sid, min(sid) OVER (PARTITION BY guid) AS first FROM temp.import_note) AS f
			WHERE f.sid = n.sid AND f.first != n.sid;
		-- the collection's note with each guid (the last one, should it hold a guid twice)
		CREATE TEMP TABLE import_target_guid (guid TEXT PRIMARY KEY, id INTEGER, mid INTEGER, mod) WITHOUT ROWID;
		INSERT INTO temp.import_target_guid
			SELECT guid, max(id), mid, mod FROM main.notes WHERE guid IN (SELECT guid FROM temp.import_note) GROUP BY guid;
		UPDATE temp.import_note AS n
			SET tid = t.id, action = CASE WHEN t.mid != n.mid THEN ${Conflict} WHEN t.mod < n.mod THEN ${Update} ELSE ${Unchanged} END
			FROM temp.import_target_guid AS t WHERE t.guid = n.guid;
		UPDATE temp.import_note SET action = ${Add} WHERE action IS NULL AND first_sid IS NULL;
	`);
	allocateIds(db, 'import_note', `p.action = ${Add}`, 'notes');
	if (db.prepare('SELECT 1 FROM temp.import_note WHERE first_sid IS NOT NULL LIMIT 1').get()) {
		// A guid the package holds twice: the later notes meet the first (added above, when the
		// collection lacked the guid); when several write one collection note, the last one's fields stay.
		db.exec(`
			UPDATE temp.import_note AS n
				SET tid = f.tid, action = CASE WHEN f.mid != n.mid THEN ${Conflict} WHEN f.mod < n.mod THEN ${Update} ELSE ${Unchanged} END
				FROM temp.import_note AS f WHERE n.action IS NULL AND f.sid = n.first_sid;
			UPDATE temp.import_note AS n SET final = 0
				FROM (SELECT sid, max(sid) OVER (PARTITION BY tid) AS last FROM temp.import_note WHERE action IN (${Add}, ${Update})) AS w
				WHERE w.sid = n.sid AND w.last != n.sid;
		`);
	}

	let toWrite = false;
	for (const row of db.prepare('SELECT action, count() AS n FROM temp.import_note GROUP BY action').all() as Array<{action: number; n: number}>) {
		if (row.action === Add) summary.notesAdded += row.n;
		else if (row.action === Update) summary.notesUpdated += row.n;
		else if (row.action === Unchanged) summary.notesUnchanged += row.n;
		else if (row.action === Conflict) summary.notesConflicting += row.n;
		if (row.action === Add || row.action === Update) toWrite = true;
	}
	return toWrite;
}

/** A note whose fields name renamed media: flds, sfld, csum, collection note id. */
export type NoteMediaEdit = [string, string | number, number, number];

/** Writes the notes planNotes chose to add or update, registers their tags, applies `mediaEdits`. */
export function writeNotes(db: Database.Database, target: SchemaAdapter, mediaEdits: readonly NoteMediaEdit[]): void {
	db.exec(`
		INSERT INTO main.notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
			SELECT n.tid, s.guid, n.mid, s.mod, -1, s.tags, s.flds, s.sfld, s.csum, s.flags, s.data
			FROM temp.import_note AS n JOIN ${SOURCE}.notes AS s ON s.id = n.sid WHERE n.action = ${Add} ORDER BY n.sid;
		UPDATE main.notes SET mod = s.mod, usn = -1, tags = s.tags, flds = s.flds, sfld = s.sfld, csum = s.csum
			FROM temp.import_note AS n JOIN ${SOURCE}.notes AS s ON s.id = n.sid
			WHERE n.action = ${Update} AND n.final AND main.notes.id = n.tid;
	`);
	// Tags of the notes added or updated, in the order they first appear.
	const tags = new Set<string>();
	for (const text of db
		.prepare(`SELECT s.tags FROM temp.import_note AS n JOIN ${SOURCE}.notes AS s ON s.id = n.sid WHERE n.action IN (${Add}, ${Update}) GROUP BY s.tags ORDER BY min(n.sid)`)
		.pluck()
		.iterate() as Iterable<string>) {
		for (const t of splitTags(text)) tags.add(t);
	}
	if (tags.size) target.registerTags([...tags]);

	const update = db.prepare('UPDATE main.notes SET flds = ?, sfld = ?, csum = ? WHERE id = ?');
	for (const values of mediaEdits) update.run(...values);
}

/**
 * Marks the media the notes to add or update use (see planNotes) and works out their fields where
 * they name renamed files; reads only, so the copy of the files can start before the notes are
 * written. Only fields that can name a file are read: `src=` and `data=` attributes and `[sound:...]`.
 */
export function planNoteMedia(db: Database.Database, targetNotetypes: Map<number, Notetype>, media: MediaPlan): NoteMediaEdit[] {
	const changed: NoteMediaEdit[] = [];
	if (!media.byName.size) return changed;
	for (const row of db
		.prepare(
			`SELECT n.tid, n.mid, n.final, s.flds FROM temp.import_note AS n JOIN ${SOURCE}.notes AS s ON s.id = n.sid
			WHERE n.action IN (${Add}, ${Update}) AND (s.flds LIKE '%src%' OR s.flds LIKE '%data%' OR instr(s.flds, '[sound:') > 0)
			ORDER BY n.sid`,
		)
		.iterate() as Iterable<{tid: number; mid: number; final: number; flds: string}>) {
		const fields = row.flds.split('\u001f').map(f => rewriteMediaRefs(f, media));
		const flds = fields.join('\u001f');
		if (flds === row.flds || !row.final) continue;
		const sortIndex = targetNotetypes.get(row.mid)?.sortFieldIndex ?? 0;
		const {sfld, csum} = derivedColumns(fields, sortIndex);
		changed.push([flds, sfld, csum, row.tid]);
	}
	return changed;
}
