// Media file names from a package are untrusted: they become paths inside the media folder.
// The rules follow Anki (anki_io filename_is_safe + rslib media/files.rs normalize_filename).

/** Longest name Anki keeps, in UTF-8 bytes (rslib MAX_MEDIA_FILENAME_LENGTH). */
export const maxMediaNameBytes = 120;

/**
 * A name that could escape the media folder or is not a plain file name: separators, ".", "..",
 * absolute paths, NUL or other control characters. Anki reports such packages as corrupt.
 * (A Windows drive prefix such as "C:x" is harmless here: normalising removes the colon.)
 */
export function isUnsafeMediaName(name: string): boolean {
	if (name === '' || name === '.' || name === '..') return true;
	if (name.includes('/') || name.includes('\\')) return true;
	// eslint-disable-next-line no-control-regex
	return /[\u0000-\u001f\u007f]/.test(name);
}

const disallowed = /[[\]<>:"/?*^\\|\u0000-\u001f\u007f]|\p{Cn}/gu;
const windowsDevice = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\.|$)/i;
const windowsTrailing = /[ .]$/;

/** The name Anki would store: NFC, problem characters removed, device names and length fixed. */
export function normalizeMediaName(name: string): string {
	let out = name.normalize('NFC').replace(disallowed, '').replaceAll('\u00a0', ' ');
	out = out.replace(windowsDevice, '$1_$2');
	if (windowsTrailing.test(out)) out += '_';
	return truncateName(out, maxMediaNameBytes);
}

function truncateName(name: string, maxBytes: number): string {
	if (Buffer.byteLength(name) <= maxBytes) return name;
	const dot = name.lastIndexOf('.');
	let stem = dot >= 0 ? name.slice(0, dot) : name;
	let ext = dot >= 0 ? name.slice(dot + 1) : '';
	ext = truncateUtf8(ext, 10);
	// Room for the dot and a possible trailing "_".
	stem = truncateUtf8(stem, maxBytes - Buffer.byteLength(ext) - 2);
	let out = ext ? `${stem}.${ext}` : stem;
	if (windowsTrailing.test(out)) out += '_';
	return out;
}

function truncateUtf8(text: string, maxBytes: number): string {
	if (Buffer.byteLength(text) <= maxBytes) return text;
	let out = '';
	let bytes = 0;
	for (const char of text) {
		const size = Buffer.byteLength(char);
		if (bytes + size > maxBytes) break;
		out += char;
		bytes += size;
	}
	return out;
}
