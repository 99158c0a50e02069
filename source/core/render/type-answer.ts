// "Type in the answer": the [[type:Field]] marker the template leaves (Anki's reviewer turns it into
// an input on the question and a comparison on the answer), and the comparison itself.
import type {Notetype} from '../model.js';
import {extractClozeForTyping} from './cloze.js';
import {escapeHtml} from './entities.js';
import {stripHtml} from './html-text.js';
import {wrap} from './marks.js';
import type {StyledText} from './styled.js';

export interface TypeAnswer {
	field: string;
	/** The text to type: HTML stripped, sound tags removed. */
	expected: string;
	cloze: boolean;
	/** `{{type:nc:Field}}`: compare ignoring combining characters (accents). */
	ignoreCombining?: boolean;
}

const MARKER = /\[\[type:(.+?)\]\]/;

export function findTypeAnswer(html: string, fields: Map<string, string>, notetype: Notetype, cardOrd: number): TypeAnswer | {error: string} | undefined {
	const m = MARKER.exec(html);
	if (!m) return undefined;
	let name = m[1];
	let cloze = false;
	let ignoreCombining = false;
	if (name.startsWith('cloze:')) {
		cloze = true;
		name = name.slice('cloze:'.length);
	} else if (name.startsWith('nc:')) {
		ignoreCombining = true;
		name = name.slice('nc:'.length);
	}
	if (!notetype.fields.some((f) => f.name === name)) return {error: `Type answer: unknown field ${name}`};
	let raw = fields.get(name) ?? '';
	if (cloze) raw = extractClozeForTyping(raw, cardOrd + 1);
	// As Anki's reviewer: sound tags go, line breaks become spaces, then HTML is stripped.
	const flat = raw.replace(/\[sound:[^\]]+\]/g, '').replace(/(\n|<br ?\/?>|<\/?div>)+/gi, ' ');
	const expected = stripHtml(flat).replace(/\u00a0/g, ' ').trim();
	return ignoreCombining ? {field: name, expected, cloze, ignoreCombining} : {field: name, expected, cloze};
}

/** Replaces the marker with the input slot (question) or the expected answer slot (answer). */
export function replaceTypeMarker(html: string, side: 'question' | 'answer', info: TypeAnswer | {error: string} | undefined): string {
	// Without a marker on the question there is nothing to compare: Anki removes stray markers.
	if (!info) return html.includes('[[type:') ? html.replace(/\[\[type:.+?\]\]/g, '') : html;
	return html.replace(/\[\[type:.+?\]\]/g, () => {
		if ('error' in info) return escapeHtml(info.error);
		const text = side === 'question' ? '[type answer]' : info.expected || ' ';
		return escapeHtml(wrap('T', wrap('ctype-answer', text)));
	});
}

export type DiffKind = 'good' | 'bad' | 'missing';
export interface DiffSegment {
	kind: DiffKind;
	text: string;
}
export interface TypeAnswerComparison {
	correct: boolean;
	/** What was typed, each part marked good or bad. */
	typed: DiffSegment[];
	/** What was expected, each part marked good or missing. */
	expected: DiffSegment[];
}

function push(list: DiffSegment[], kind: DiffKind, text: string): void {
	const last = list.at(-1);
	if (last && last.kind === kind) last.text += text;
	else list.push({kind, text});
}

function normalize(text: string, ignoreCombining: boolean): string {
	const nfc = text.normalize('NFC').trim();
	return ignoreCombining ? nfc.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC') : nfc;
}

/** Anki-like comparison: longest common subsequence over characters. */
export function typeAnswerCompare(expected: string, typed: string, options: {ignoreCombining?: boolean} = {}): TypeAnswerComparison {
	const a = [...normalize(typed, !!options.ignoreCombining)];
	const b = [...normalize(expected, !!options.ignoreCombining)];
	if (a.join('') === b.join('')) return {correct: true, typed: a.length ? [{kind: 'good', text: a.join('')}] : [], expected: b.length ? [{kind: 'good', text: b.join('')}] : []};
	// LCS table (answers are short; cap the work for pathological input).
	const n = Math.min(a.length, 2000);
	const m = Math.min(b.length, 2000);
	const table: Uint16Array[] = Array.from({length: n + 1}, () => new Uint16Array(m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
		}
	}
	const typedOut: DiffSegment[] = [];
	const expectedOut: DiffSegment[] = [];
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (a[i] === b[j]) {
			push(typedOut, 'good', a[i++]);
			push(expectedOut, 'good', b[j++]);
		} else if (table[i + 1][j] >= table[i][j + 1]) push(typedOut, 'bad', a[i++]);
		else push(expectedOut, 'missing', b[j++]);
	}
	while (i < a.length) push(typedOut, 'bad', a[i++]);
	while (j < b.length) push(expectedOut, 'missing', b[j++]);
	return {correct: false, typed: typedOut, expected: expectedOut};
}

/** The comparison as styled lines: typed, an arrow, expected (Anki's layout). */
export function typeAnswerStyled(comparison: TypeAnswerComparison): StyledText {
	const line = (segments: DiffSegment[]) => segments.map((s) => ({text: s.text, style: {color: s.kind}}));
	if (comparison.correct || comparison.typed.length === 0) return [line(comparison.expected)];
	return [line(comparison.typed), [{text: '↓', style: {dim: true}}], line(comparison.expected)];
}
