// Cloze deletions as Anki's cloze.rs reads them: `{{cN::text}}`, `{{cN::text::hint}}`, `{{c1,3::…}}`,
// nested up to 10 open levels; an unterminated deletion is dropped and a stray `}}` is text.
import {encodeAttributeLikeAnki, escapeAttribute} from './entities.js';
import {stripHtmlPreservingEntities} from './html-text.js';

type ClozeNode = string | Cloze;
interface Cloze {
	ordinals: number[];
	nodes: ClozeNode[];
	hint?: string;
}

const OPEN = /^\{\{c([\d,]*)::/;

function parseOpen(text: string, at: number): {ordinals: number[]; length: number} | undefined {
	if (text.charCodeAt(at) !== 123 || !text.startsWith('{{c', at)) return undefined;
	const match = OPEN.exec(text.slice(at, at + 64));
	if (!match) return undefined;
	const ordinals = [...new Set(match[1].split(',').filter((s) => s !== '').map((s) => Number.parseInt(s, 10)))]
		.filter((n) => n <= 65535)
		.sort((a, b) => a - b);
	if (ordinals.length === 0) return undefined;
	return {ordinals, length: match[0].length};
}

function parse(text: string): ClozeNode[] {
	const output: ClozeNode[] = [];
	const open: Cloze[] = [];
	const pushText = (chunk: string) => {
		const cloze = open.at(-1);
		if (!cloze) {
			output.push(chunk);
			return;
		}
		// The hint is whatever follows the first `::` of a text run inside the deletion.
		const sep = chunk.indexOf('::');
		if (sep !== -1) {
			cloze.hint = chunk.slice(sep + 2);
			chunk = chunk.slice(0, sep);
		}
		cloze.nodes.push(chunk);
	};
	let textStart = 0;
	let i = 0;
	while (i < text.length) {
		const brace = text.indexOf('{{', i);
		const close = text.indexOf('}}', i);
		let at = brace === -1 ? close : close === -1 ? brace : Math.min(brace, close);
		if (at === -1) break;
		// `}}}` style runs: test each position like Anki's char-by-char scan.
		const opener = parseOpen(text, at);
		if (opener) {
			if (at > textStart) pushText(text.slice(textStart, at));
			if (open.length < 10) open.push({ordinals: opener.ordinals, nodes: []});
			i = at + opener.length;
			textStart = i;
		} else if (text.startsWith('}}', at)) {
			if (at > textStart) pushText(text.slice(textStart, at));
			const done = open.pop();
			if (done) (open.at(-1)?.nodes ?? output).push(done);
			else output.push('}}');
			i = at + 2;
			textStart = i;
		} else {
			i = at + 1;
		}
	}
	if (textStart < text.length) pushText(text.slice(textStart));
	return output;
}

function clozedText(cloze: Cloze): string {
	return cloze.nodes.map((node) => (typeof node === 'string' ? node : clozedText(node))).join('');
}

function imageOcclusion(cloze: Cloze): string | undefined {
	const first = cloze.nodes[0];
	return typeof first === 'string' && first.startsWith('image-occlusion:') ? first.slice('image-occlusion:'.length) : undefined;
}

// `rect:left=.2:top=.3:width=.1:height=.1:oi=1` -> Anki's data attributes (rslib
// image_occlusion/imageocclusion.rs get_image_cloze_data): known keys only, `\:` unescaped, zero
// sizes dropped, `fs` as data-font-size, each followed by a space. Values are attribute-escaped
// where Anki copies some raw: identical for the numbers Anki writes, and no way out of the quotes.
const occlusionShapes = new Set(['rect', 'ellipse', 'polygon', 'text']);
const OCCLUSION_PROPERTY = /^:([^=]+)=((?:[^\\:]|\\:)*)/;

function occlusionAttributes(spec: string): string {
	const colon = spec.indexOf(':');
	if (colon < 0) return '';
	const shape = spec.slice(0, colon);
	let out = occlusionShapes.has(shape) ? `data-shape="${shape}" ` : '';
	let rest = spec.slice(colon);
	for (let match = OCCLUSION_PROPERTY.exec(rest); match; match = OCCLUSION_PROPERTY.exec(rest)) {
		rest = rest.slice(match[0].length);
		const name = match[1];
		const value = match[2].replaceAll('\\:', ':');
		const zero = value === '' || value === '0';
		if (['left', 'top', 'angle', 'fill'].includes(name) && value !== '') out += `data-${name}="${escapeAttribute(value)}" `;
		else if (['width', 'height', 'rx', 'ry', 'scale'].includes(name) && !zero) out += `data-${name}="${escapeAttribute(value)}" `;
		else if (name === 'points') {
			const points = value.split(' ').filter((pair) => pair.includes(','));
			if (points.length > 0) out += `data-points="${escapeAttribute(points.join(' '))}" `;
		} else if (name === 'oi' && value !== '') out += `data-occludeInactive="${escapeAttribute(value)}" `;
		else if (name === 'text' && value !== '') out += `data-text="${encodeAttributeLikeAnki(value)}" `;
		else if (name === 'fs' && value !== '') out += `data-font-size="${escapeAttribute(value)}" `;
	}
	return out;
}

function reveal(cloze: Cloze, ord: number, question: boolean, found: {active: boolean}): string {
	const active = cloze.ordinals.includes(ord);
	found.active ||= active;
	const ordinals = cloze.ordinals.join(',');
	const occlusion = imageOcclusion(cloze);
	if (occlusion !== undefined) {
		const attrs = occlusionAttributes(occlusion);
		if ((question && active) || cloze.ordinals.includes(0)) return `<div class="cloze" data-ordinal="${ordinals}" ${attrs}></div>`;
		if (!active) return `<div class="cloze-inactive" data-ordinal="${ordinals}" ${attrs}></div>`;
		return `<div class="cloze-highlight" data-ordinal="${ordinals}" ${attrs}></div>`;
	}
	const inner = () => cloze.nodes.map((node) => (typeof node === 'string' ? node : reveal(node, ord, question, found))).join('');
	if (question && active) {
		return `<span class="cloze" data-cloze="${encodeAttributeLikeAnki(inner())}" data-ordinal="${ordinals}">[${cloze.hint ?? '...'}]</span>`;
	}
	const cls = active ? 'cloze' : 'cloze-inactive';
	return `<span class="${cls}" data-ordinal="${ordinals}">${inner()}</span>`;
}

/** Anki's reveal_cloze_text: "" when the ordinal does not occur in the text. */
export function revealClozeText(text: string, ord: number, question: boolean): string {
	if (!text.includes('{{c')) return '';
	const found = {active: false};
	const out = parse(text)
		.map((node) => (typeof node === 'string' ? node : reveal(node, ord, question, found)))
		.join('');
	return found.active ? out : '';
}

function collectActive(node: ClozeNode, ord: number, question: boolean, output: string[]): void {
	if (typeof node === 'string') return;
	if (node.ordinals.includes(ord)) output.push(question ? (node.hint ?? '...') : clozedText(node));
	for (const child of node.nodes) collectActive(child, ord, question, output);
}

/** Anki's `cloze-only` filter: the active deletions (hints on the question) joined by ", ". */
export function revealClozeTextOnly(text: string, ord: number, question: boolean): string {
	const output: string[] = [];
	for (const node of parse(text)) collectActive(node, ord, question, output);
	return output.join(', ');
}

/** What `{{type:cloze:F}}` expects: the active texts, collapsed to one if all identical. */
export function extractClozeForTyping(text: string, ord: number): string {
	const output: string[] = [];
	for (const node of parse(text)) collectActive(node, ord, false, output);
	if (output.length === 0) return '';
	if (output.every((s) => s === output[0])) return output[0];
	return output.join(', ');
}

function addNumbers(nodes: ClozeNode[], set: Set<number>): void {
	for (const node of nodes) {
		if (typeof node === 'string') continue;
		for (const n of node.ordinals) if (n !== 0) set.add(n);
		addNumbers(node.nodes, set);
	}
}

/** The cloze numbers (>0) used in the text. */
export function clozeNumbersInString(text: string, set: Set<number> = new Set()): Set<number> {
	if (text.includes('{{c')) addNumbers(parse(text), set);
	return set;
}

export function clozeNumbersInFields(fields: Iterable<string>): Set<number> {
	const set = new Set<number>();
	for (const field of fields) clozeNumbersInString(field, set);
	return set;
}

const MATHJAX = /(\\[([])([\s\S]*?)(\\[)\]])/gi;

/** After reveal Anki strips HTML inside MathJax (escaped brackets survive). */
export function stripHtmlInsideMathjax(text: string): string {
	if (!text.includes('\\(') && !text.includes('\\[')) return text;
	// Only text up to the last closer can match (keeps the lazy pattern linear on odd input).
	const end = Math.max(text.lastIndexOf('\\)'), text.lastIndexOf('\\]')) + 2;
	if (end < 2) return text;
	const head = text.slice(0, end).replace(MATHJAX, (_all, open: string, inner: string, close: string) => open + stripHtmlPreservingEntities(inner) + close);
	return head + text.slice(end);
}

export function clozeFilter(text: string, cardOrd: number, question: boolean): string {
	return stripHtmlInsideMathjax(revealClozeText(text, cardOrd + 1, question));
}

export function clozeOnlyFilter(text: string, cardOrd: number, question: boolean): string {
	return revealClozeTextOnly(text, cardOrd + 1, question);
}
