// Notes on import (rslib apkg/import/notes.rs): matched by guid. A known note is updated only when
// the incoming one is newer (its mtime is kept, so successive exports import cleanly) and only if
// it still has the same notetype; new notes keep their id unless it is taken (then +999 until free).
import {createHash} from 'node:crypto';
import type Database from 'better-sqlite3';
import type {Notetype} from '../model.js';
import type {SchemaAdapter} from '../collection/types.js';
import type {MediaPlan} from './merge-media.js';
import {rewriteMediaRefs} from './merge-media.js';
import type {NoteRow} from './merge-source.js';
import type {ImportSummary} from './merge-summary.js';

/** Sort-field text as Anki stores it: HTML stripped, media file names kept. */
export function stripHtmlKeepingMedia(html: string): string {
	return html
		.replace(/<img[^>]*?\bsrc\s*=\s*["']?([^"'>\s]+)["']?[^>]*>/gi, ' $1 ')
		.replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]*>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.trim();
}

export function fieldChecksum(firstField: string): number {
	return Number.parseInt(createHash('sha1').update(stripHtmlKeepingMedia(firstField)).digest('hex').slice(0, 8), 16);
}

function sortFieldValue(text: string): string | number {
	// sfld is declared integer so numbers sort numerically; SQLite stores numeric text as a number
	return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

function splitTags(tags: string): string[] {
	return tags.split(/[\s\u3000]+/).filter(Boolean);
}

export function mergeNotes(
	db: Database.Database,
	target: SchemaAdapter,
	notes: NoteRow[],
	notetypeRemap: Map<number, number>,
	targetNotetypes: Map<number, Notetype>,
	media: MediaPlan,
	summary: ImportSummary,
	onNote?: () => void,
): Map<number, number> {
	const existing = new Map<string, {id: number; mid: number; mod: number}>();
	for (const row of db.prepare('SELECT guid, id, mid, mod FROM notes').iterate() as Iterable<{guid: string; id: number; mid: number; mod: number}>) {
		existing.set(row.guid, row);
	}
	const takenIds = new Set(db.prepare('SELECT id FROM notes').pluck().all() as number[]);
	const insert = db.prepare(
		'INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?)',
	);
	const update = db.prepare('UPDATE notes SET mod = ?, usn = -1, tags = ?, flds = ?, sfld = ?, csum = ? WHERE id = ?');
	const idMap = new Map<number, number>();
	const tags = new Set<string>();

	const prepared = (note: NoteRow, mid: number) => {
		const fields = note.flds.split('\u001f').map(f => rewriteMediaRefs(f, media));
		const flds = fields.join('\u001f');
		if (flds === note.flds) return {flds, sfld: note.sfld, csum: note.csum};
		const sortIndex = targetNotetypes.get(mid)?.sortFieldIndex ?? 0;
		return {flds, sfld: sortFieldValue(stripHtmlKeepingMedia(fields[sortIndex] ?? '')), csum: fieldChecksum(fields[0] ?? '')};
	};

	for (const note of notes) {
		onNote?.();
		const mid = notetypeRemap.get(note.mid) ?? note.mid;
		if (!targetNotetypes.has(mid)) {
			// a damaged package: the note's notetype is missing (Anki's importer stops with an error)
			summary.warnings.push(`skipped note ${note.id}: its notetype ${note.mid} is not in the package`);
			continue;
		}
		const known = existing.get(note.guid);
		if (known) {
			if (known.mid !== mid) {
				summary.notesConflicting++;
			} else if (known.mod < note.mod) {
				const p = prepared(note, mid);
				update.run(note.mod, note.tags, p.flds, p.sfld, p.csum, known.id);
				for (const t of splitTags(note.tags)) tags.add(t);
				idMap.set(note.id, known.id);
				summary.notesUpdated++;
			} else {
				idMap.set(note.id, known.id);
				summary.notesUnchanged++;
			}
			continue;
		}
		let id = note.id;
		while (takenIds.has(id)) id += 999;
		takenIds.add(id);
		const p = prepared(note, mid);
		insert.run(id, note.guid, mid, note.mod, note.tags, p.flds, p.sfld, p.csum, note.flags, note.data);
		existing.set(note.guid, {id, mid, mod: note.mod});
		for (const t of splitTags(note.tags)) tags.add(t);
		idMap.set(note.id, id);
		summary.notesAdded++;
	}
	if (tags.size) target.registerTags([...tags]);
	return idMap;
}
