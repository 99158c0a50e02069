// `dupe:NTID,text` (sqlwriter.rs write_dupe): notes of that notetype whose first field, stripped of
// HTML with media filenames kept, equals the stripped text; found through the checksum column.
import {createHash} from 'node:crypto';
import type {Collection} from '../collection/types.js';
import {stripHtmlPreservingMediaFilenames} from '../render/html-text.js';

/** notes.rs field_checksum: the first 4 bytes of SHA-1, big-endian. */
export function fieldChecksum(text: string): number {
	return createHash('sha1').update(text, 'utf8').digest().readUInt32BE(0);
}

export function findDuplicates(col: Collection, notetypeId: bigint, text: string): number[] {
	const stripped = stripHtmlPreservingMediaFilenames(text);
	const rows = col.db
		.prepare('SELECT id, flds FROM notes WHERE mid = ? AND csum = ?')
		.all(notetypeId, fieldChecksum(stripped)) as Array<{id: number; flds: string}>;
	return rows.filter(row => stripHtmlPreservingMediaFilenames(row.flds.split('\u001f')[0] ?? '') === stripped).map(row => row.id);
}
