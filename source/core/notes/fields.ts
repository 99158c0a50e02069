// What Anki derives from a note's fields when it saves one (rslib notes/mod.rs prepare_for_update,
// text.rs): control characters removed and NFC applied to every field, the sort field text `sfld`
// and the first-field checksum `csum`, both from the field with HTML stripped and media file names kept.
import {createHash} from 'node:crypto';
import {namedEntity} from '../render/entities.js';
import {stripHtmlPreservingEntities} from '../render/html-text.js';

/** ASCII control characters other than tab and newline (U+001F, the field separator, included). */
const INVALID_IN_FIELD = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Anki's normalize_field: invalid characters removed, then NFC unless the collection turned that off. */
export function normalizeField(text: string, nfc = true): string {
	const cleaned = text.replace(INVALID_IN_FIELD, '');
	return nfc ? cleaned.normalize('NFC') : cleaned;
}

/**
 * Entity decoding as the Rust `htmlescape` crate does it, which Anki uses: all or nothing. Named
 * entities need their `;` and must be one of HTML 4's 252 (so `&apos;` is unknown), numeric ones
 * must be `&#123;` or `&#x7b;` (lower-case x) and name a real character; any bad or unclosed
 * entity anywhere leaves the whole text undecoded. No-break spaces become plain spaces.
 */
export function decodeEntitiesAllOrNothing(text: string): string {
	if (!text.includes('&')) return text;
	let out = '';
	let i = 0;
	while (i < text.length) {
		const amp = text.indexOf('&', i);
		if (amp < 0) {
			out += text.slice(i);
			break;
		}
		out += text.slice(i, amp);
		const semi = text.indexOf(';', amp + 1);
		if (semi < 0) return text;
		const body = text.slice(amp + 1, semi);
		let char: string | undefined;
		if (body.startsWith('#x')) char = /^[0-9a-fA-F]+$/.test(body.slice(2)) ? codePoint(Number.parseInt(body.slice(2), 16)) : undefined;
		else if (body.startsWith('#')) char = /^[0-9]+$/.test(body.slice(1)) ? codePoint(Number.parseInt(body.slice(1), 10)) : undefined;
		else char = body === 'apos' ? undefined : namedEntity(body);
		if (char === undefined) return text;
		out += char;
		i = semi + 1;
	}
	return out.replace(/\u00a0/g, ' ');
}

/** A Rust `char` from a u32: no surrogates, nothing past U+10FFFF, no overflow. */
function codePoint(value: number): string | undefined {
	if (!Number.isSafeInteger(value) || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
	return String.fromCodePoint(value);
}

// Anki's HTML_MEDIA_TAGS: <img|audio|video|object|source ...> with a src or data attribute, quoted or
// not; the tag becomes " filename ". The `\b` before src/data is Unicode-aware in Rust.
const MEDIA_TAG =
	/<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?(?<![\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}])(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))/gisu;

/** Anki's strip_html_preserving_media_filenames: media tags become their file names, other HTML goes, entities are decoded. Not trimmed. */
export function stripHtmlKeepingMediaNames(html: string): string {
	const withNames = html.includes('<') ? html.replace(MEDIA_TAG, (_m, a?: string, b?: string, c?: string) => ` ${a ?? b ?? c ?? ''} `) : html;
	return decodeEntitiesAllOrNothing(stripHtmlPreservingEntities(withNames));
}

/** csum: the first 4 bytes of SHA-1 of the stripped first field, as a big-endian unsigned number. */
export function fieldChecksum(strippedFirstField: string): number {
	return createHash('sha1').update(strippedFirstField, 'utf8').digest().readUInt32BE(0);
}

export interface DerivedColumns {
	/** Bound as TEXT: SQLite's INTEGER affinity of `sfld` turns "12" into 12 and "1e3" into 1000, as in Anki. */
	sfld: string;
	csum: number;
}

/** sfld and csum of already normalized fields. */
export function derivedColumns(fields: readonly string[], sortFieldIndex: number): DerivedColumns {
	const first = stripHtmlKeepingMediaNames(fields[0] ?? '');
	const sfld = sortFieldIndex === 0 ? first : stripHtmlKeepingMediaNames(fields[sortFieldIndex] ?? '');
	return {sfld, csum: fieldChecksum(first)};
}

/** Anki's "first field is empty" test for adding: nothing left once stripped and trimmed. */
export function firstFieldIsEmpty(fields: readonly string[], nfc = true): boolean {
	const first = nfc ? (fields[0] ?? '').normalize('NFC') : (fields[0] ?? '');
	return stripHtmlKeepingMediaNames(first).trim() === '';
}
