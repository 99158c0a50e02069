// `dupe:NTID,text` (sqlwriter.rs write_dupe): notes of that notetype whose first field, stripped of
// HTML with media filenames kept, equals the stripped text; found through the checksum column.
import {createHash} from 'node:crypto';
import type {Collection} from '../collection/types.js';
import {stripHtml} from '../render/index.js';

/** text.rs HTML_MEDIA_TAGS: the file named by an img/audio/video/object/source tag's src or data. */
const MEDIA_TAG =
	/<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?\b(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))/gis;

/** text.rs strip_html_preserving_media_filenames. */
export function stripHtmlKeepingMedia(html: string): string {
	return stripHtml(html.replace(MEDIA_TAG, (_all, a?: string, b?: string, c?: string) => ` ${a ?? b ?? c ?? ''} `));
}

/** notes.rs field_checksum: the first 4 bytes of SHA-1, big-endian. */
export function fieldChecksum(text: string): number {
	return createHash('sha1').update(text, 'utf8').digest().readUInt32BE(0);
}

export function findDuplicates(col: Collection, notetypeId: bigint, text: string): number[] {
	const stripped = stripHtmlKeepingMedia(text);
	const rows = col.db
		.prepare('SELECT id, flds FROM notes WHERE mid = ? AND csum = ?')
		.all(notetypeId, fieldChecksum(stripped)) as Array<{id: number; flds: string}>;
	return rows.filter(row => stripHtmlKeepingMedia(row.flds.split('\u001f')[0] ?? '') === stripped).map(row => row.id);
}
