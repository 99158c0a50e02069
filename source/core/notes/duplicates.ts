// Notes whose first field matches (rslib notes/mod.rs is_duplicate; sqlwriter.rs write_dupe): same
// notetype, same checksum, and the first field stripped of HTML (media names kept) exactly equal.
import type {Collection} from '../collection/types.js';
import {stripHtmlPreservingMediaFilenames} from '../render/html-text.js';
import {fieldChecksum} from './fields.js';

export function notesWithFirstField(col: Collection, notetypeId: number | bigint, firstField: string): number[] {
	const stripped = stripHtmlPreservingMediaFilenames(firstField);
	const rows = col.db
		.prepare('SELECT id, flds FROM notes WHERE mid = ? AND csum = ?')
		.all(notetypeId, fieldChecksum(stripped)) as Array<{id: number; flds: string}>;
	return rows.filter(row => stripHtmlPreservingMediaFilenames(row.flds.split('\u001f')[0] ?? '') === stripped).map(row => Number(row.id));
}
