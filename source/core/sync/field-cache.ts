// sfld and csum of a note, recomputed on receipt because the wire carries them as "" (as Anki's
// receiver does): the sort field and the checksum of the first field, both with HTML stripped but
// media file names kept.
import {createHash} from 'node:crypto';

const MEDIA_IMG = /<img[^>]+src=["']?([^"'>]+)["']?[^>]*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const STYLE = /<style[\s\S]*?>[\s\S]*?<\/style>/gi;
const SCRIPT = /<script[\s\S]*?>[\s\S]*?<\/script>/gi;
const TAG = /<[\s\S]*?>/g;

const NAMED_ENTITIES: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' '};

function decodeEntities(text: string): string {
	// Anki turns &nbsp; into a plain space before unescaping the rest.
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, body: string) => {
		if (body[0] === '#') {
			const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
			return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
	});
}

export function stripHtmlKeepMedia(html: string): string {
	const withNames = html.replace(MEDIA_IMG, ' $1 ');
	return decodeEntities(withNames.replace(COMMENT, '').replace(STYLE, '').replace(SCRIPT, '').replace(TAG, ''));
}

/** First 8 hex digits of the SHA-1 of the stripped field, as an integer. */
export function fieldChecksum(field: string): number {
	const digest = createHash('sha1').update(stripHtmlKeepMedia(field), 'utf8').digest('hex');
	return parseInt(digest.slice(0, 8), 16);
}

export function fieldCache(fields: string[], sortIndex: number): {sfld: string; csum: number} {
	const sortField = fields[Math.min(Math.max(sortIndex, 0), fields.length - 1)] ?? '';
	return {sfld: stripHtmlKeepMedia(sortField), csum: fieldChecksum(fields[0] ?? '')};
}
