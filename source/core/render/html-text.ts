// HTML to plain text the way Anki's text.rs does it (used by the `text:` filter, type-answer and
// LaTeX): comments, <style> and <script> go with their content, other tags go, entities are decoded.
import {decodeEntities} from './entities.js';

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
