// What Anki derives from a note's fields when it saves one (rslib notes/mod.rs prepare_for_update,
// text.rs): control characters removed and NFC applied to every field, the sort field text `sfld`
// and the first-field checksum `csum`, both from the field with HTML stripped and media file names kept.
import {nodeCrypto} from '../lazy-crypto.js';
import {stripHtmlPreservingMediaFilenames} from '../render/html-text.js';

/** ASCII control characters other than tab and newline (U+001F, the field separator, included). */
const INVALID_IN_FIELD = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Anki's normalize_field: invalid characters removed, then NFC unless the collection turned that off. */
export function normalizeField(text: string, nfc = true): string {
	const cleaned = text.replace(INVALID_IN_FIELD, '');
	return nfc ? cleaned.normalize('NFC') : cleaned;
}

/** csum: the first 4 bytes of SHA-1 of the stripped first field, as a big-endian unsigned number. */
export function fieldChecksum(strippedFirstField: string): number {
	return nodeCrypto().createHash('sha1').update(strippedFirstField, 'utf8').digest().readUInt32BE(0);
}

export interface DerivedColumns {
	/** Bound as TEXT: SQLite's INTEGER affinity of `sfld` turns "12" into 12 and "1e3" into 1000, as in Anki. */
	sfld: string;
	csum: number;
}

/** sfld and csum of already normalized fields. */
export function derivedColumns(fields: readonly string[], sortFieldIndex: number): DerivedColumns {
	const first = stripHtmlPreservingMediaFilenames(fields[0] ?? '');
	const sfld = sortFieldIndex === 0 ? first : stripHtmlPreservingMediaFilenames(fields[sortFieldIndex] ?? '');
	return {sfld, csum: fieldChecksum(first)};
}
