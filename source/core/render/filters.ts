// Anki's built-in template filters (rslib template_filters.rs), applied in order (right to left as
// written). Like desktop Anki without add-ons, the first unknown filter stops filtering and the text
// so far is shown unchanged.
import {clozeFilter, clozeOnlyFilter} from './cloze.js';
import {furiganaFilter, kanaFilter, kanjiFilter} from './furigana.js';
import {stripHtml} from './html-text.js';

export interface FilterContext {
	cardOrd: number;
	questionSide: boolean;
}

function hintFilter(text: string, fieldName: string): string {
	if (text.trim() === '') return text;
	const id = hintId(text + fieldName);
	// Same shape as Anki's: a link revealing a hidden div.
	return `
<a class=hint href="#"
onclick="this.style.display='none';
document.getElementById('hint${id}').style.display='block';
return false;" draggable=false>
${fieldName}</a>
<div id="hint${id}" class=hint style="display: none">${text}</div>
`;
}

function hintId(text: string): string {
	// Any stable id works: it only links the button to its div (Anki hashes the same inputs).
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
	return String(h);
}

function ttsFilter(filterName: string, text: string): string {
	const space = filterName.indexOf(' ');
	const args = space === -1 ? '' : filterName.slice(space + 1);
	return `[anki:tts lang=${args}]${text}[/anki:tts]`;
}

/** Returns undefined for a filter Anki does not know. */
function applyFilter(name: string, text: string, fieldName: string, context: FilterContext): string | undefined {
	switch (name) {
		case 'text':
			return stripHtml(text);
		case 'furigana':
			return furiganaFilter(text);
		case 'kanji':
			return kanjiFilter(text);
		case 'kana':
			return kanaFilter(text);
		case 'type':
			return `[[type:${fieldName}]]`;
		case 'type-cloze':
			return `[[type:cloze:${fieldName}]]`;
		case 'type-nc':
			return `[[type:nc:${fieldName}]]`;
		case 'hint':
			return hintFilter(text, fieldName);
		case 'cloze':
			return clozeFilter(text, context.cardOrd, context.questionSide);
		case 'cloze-only':
			return clozeOnlyFilter(text, context.cardOrd, context.questionSide);
		case '':
			// `{{text::Field}}`: an empty segment is ignored.
			return text;
		default:
			return name.startsWith('tts ') ? ttsFilter(name, text) : undefined;
	}
}

/** filters in application order; returns the filtered text. */
export function applyFilters(text: string, filters: string[], fieldName: string, context: FilterContext): string {
	if (filters.length === 0) return text;
	let chain = filters;
	if (filters.length === 2 && filters[1] === 'type') {
		if (filters[0] === 'cloze') chain = ['type-cloze'];
		else if (filters[0] === 'nc') chain = ['type-nc'];
	}
	let out = text;
	for (const name of chain) {
		const next = applyFilter(name, out, fieldName, context);
		if (next === undefined) break;
		out = next;
	}
	return out;
}
