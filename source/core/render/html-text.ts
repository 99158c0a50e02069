// HTML to plain text the way Anki's text.rs does it (used by the `text:` filter, type-answer and
// LaTeX): comments, <style> and <script> go with their content, other tags go, entities are decoded.
import {decodeEntities, decodeEntitiesAllOrNothing} from './entities.js';
import {stripControlSequences} from './sanitize.js';

const HTML = /<!--[\s\S]*?-->|<style[\s\S]*?>[\s\S]*?<\/style>|<script[\s\S]*?>[\s\S]*?<\/script>|<[\s\S]*?>/gi;

export function stripHtmlPreservingEntities(html: string): string {
	if (!html.includes('<')) return html;
	// No tag can start after the last `>`: keep that tail out of the lazy pattern's reach.
	const end = html.lastIndexOf('>') + 1;
	return html.slice(0, end).replace(HTML, '') + html.slice(end);
}

/** Anki's strip_html: tags removed, entities decoded, no-break spaces made plain. */
export function stripHtml(html: string): string {
	const text = decodeEntities(stripHtmlPreservingEntities(html));
	return html.includes('&') ? text.replace(/\u00a0/g, ' ') : text;
}

// Anki's HTML_MEDIA_TAGS: <img|audio|video|object|source ...> with a src or data attribute, quoted or
// not; the tag becomes " filename ". The `\b` before src/data is Unicode-aware in Rust.
const MEDIA_TAG =
	/<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?(?<![\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}])(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))/gisu;

/**
 * Anki's strip_html_preserving_media_filenames (sfld, csum, duplicates): media tags become
 * " filename ", other HTML goes, entities are decoded all or nothing as Anki's decoder does. Not trimmed.
 */
export function stripHtmlPreservingMediaFilenames(html: string): string {
	const withNames = html.includes('<') ? html.replace(MEDIA_TAG, (_m, a?: string, b?: string, c?: string) => ` ${a ?? b ?? c ?? ''} `) : html;
	return decodeEntitiesAllOrNothing(stripHtmlPreservingEntities(withNames));
}

const LINE_MARKUP = /[\u0000-\u001f\u007f-\u009f\ue000-\ue00f<&[]/;

/**
 * text.rs html_to_text_line (media names kept), how the browser shows a field on one line:
 * `<br>`, `<div>` and newlines become spaces, `[[type:…]]` goes, `[sound:x]` becomes `x`.
 */
export function htmlToTextLine(html: string): string {
	// Nothing below changes text without a control, render marker, tag, entity, bracket or line
	// break but the final trim (most sort fields: the browser and search make one per note).
	if (!LINE_MARKUP.test(html)) return html.trim();
	// Controls go first, with the sequences they start, before tags and [sound:] split a sequence.
	const spaced = stripControlSequences(html).replace(/<br\s*\/?>|<div>|\n/gi, ' ').replace(/\[\[type:[^\]]+\]\]/g, '').replace(/\[sound:([^\]]+)\]/g, '$1');
	return stripHtmlPreservingMediaFilenames(spaced).trim();
}
