// Adding and removing one tag on a note (leech, marked). notes.tags is space-separated with a
// leading and trailing space, as Anki writes it; matching is case-insensitive like Anki's.
import type Database from 'better-sqlite3';
import {cached} from './cards.js';

export function noteTags(db: Database.Database, nid: number): string[] | null {
	const row = cached(db, 'SELECT tags FROM notes WHERE id = ?').get(nid) as {tags: string} | undefined;
	return row ? row.tags.split(/\s+/).filter(Boolean) : null;
}

export function hasNoteTag(tags: readonly string[], tag: string): boolean {
	const lower = tag.toLowerCase();
	return tags.some(t => t.toLowerCase() === lower);
}

export function formatTags(tags: readonly string[]): string {
	return tags.length === 0 ? '' : ` ${tags.join(' ')} `;
}

/** Raw `tags`, `mod`, `usn` of a note (for undo). */
export function noteTagState(db: Database.Database, nid: number): {tags: string; mod: number; usn: number} | null {
	const row = cached(db, 'SELECT tags, mod, usn FROM notes WHERE id = ?').get(nid) as {tags: string; mod: number; usn: number} | undefined;
	return row ? {tags: row.tags, mod: Number(row.mod), usn: Number(row.usn)} : null;
}

/** Sets the note's tags (mod secs, usn -1). */
export function setNoteTags(db: Database.Database, nid: number, tags: readonly string[], nowSecs: number): void {
	cached(db, 'UPDATE notes SET tags = ?, mod = ?, usn = -1 WHERE id = ?').run(formatTags(tags), nowSecs, nid);
}
