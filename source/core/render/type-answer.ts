// "Type in the answer": the [[type:Field]] marker the template leaves (Anki's reviewer turns it into
// an input on the question and a comparison on the answer), and the comparison itself.
import type {Notetype} from '../model.js';
import {extractClozeForTyping} from './cloze.js';
import {escapeHtml} from './entities.js';
import {stripHtml} from './html-text.js';
import {lazyModule} from './lazy-module.js';
import {stripAvTags} from './media-tags.js';
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
	const expected = stripExpected(raw);
	return ignoreCombining ? {field: name, expected, cloze, ignoreCombining} : {field: name, expected, cloze};
}

/** rslib `strip_expected`: sound and TTS tags go, runs of line breaks become a space, HTML is stripped, ends trimmed. */
export function stripExpected(raw: string): string {
	return stripHtml(stripAvTags(raw).replace(/(?:\n|<br\s?\/?>|<\/?div>)+/gi, ' ')).trim();
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

/** good/bad/missing as Anki's typeGood/typeBad/typeMissed; plain: nothing was typed. */
export type DiffKind = 'good' | 'bad' | 'missing' | 'plain';
export interface DiffSegment {
	kind: DiffKind;
	text: string;
}
export interface TypeAnswerComparison {
	correct: boolean;
	/** What was typed, each part good or bad, with a `-` (missing) per character left out. */
	typed: DiffSegment[];
	/** What was expected, each part good or missing. */
	expected: DiffSegment[];
}

type Opcode = ['replace' | 'delete' | 'insert' | 'equal', number, number, number, number];
const difflib = lazyModule<{SequenceMatcher: new (isjunk: null, a: string[], b: string[]) => {getOpcodes(): Opcode[]}}>('difflib');

const MARK = /^\p{M}/u;

/**
 * A part that starts with a combining mark gets a no-break space in front, so the mark does not
 * join the previous part's last character (rslib `isolate_leading_mark`).
 */
function isolateLeadingMark(segment: DiffSegment): DiffSegment {
	return MARK.test(segment.text) ? {kind: segment.kind, text: `\u00a0${segment.text}`} : segment;
}

/**
 * What is compared, as rslib typeanswer.rs: NFC code points; or, for `{{type:nc:...}}`, NFKD
 * with combining marks dropped, the expected side keeping each base character's marks for display
 * (the accents are still what the card teaches).
 */
function prepare(expected: string, typed: string, ignoreCombining: boolean) {
	if (!ignoreCombining) {
		const expectedChars = [...expected.normalize('NFC')];
		return {typed: [...typed.normalize('NFC')], expected: expectedChars, display: expectedChars, original: expectedChars.join('')};
	}
	const typedChars = [...typed.normalize('NFKD')].filter((c) => !MARK.test(c));
	const expectedChars: string[] = [];
	const display: string[] = [];
	for (const c of expected.normalize('NFKD')) {
		if (MARK.test(c)) {
			if (display.length > 0) display[display.length - 1] += c;
		} else {
			expectedChars.push(c);
			display.push(c);
		}
	}
	return {typed: typedChars, expected: expectedChars, display, original: expected};
}

/**
 * Anki's type-answer comparison (rslib typeanswer.rs): Python difflib's SequenceMatcher over
 * characters, typed against expected. `expected` is the field as findTypeAnswer stripped it.
 */
export function typeAnswerCompare(expected: string, typed: string, options: {ignoreCombining?: boolean} = {}): TypeAnswerComparison {
	// Nothing typed: the expected text alone, unmarked.
	if (typed === '') return {correct: false, typed: [], expected: [{kind: 'plain', text: expected}]};
	const chars = prepare(expected, typed, options.ignoreCombining === true);
	if (chars.typed.join('\0') === chars.expected.join('\0')) {
		return {correct: true, typed: [], expected: [{kind: 'good', text: chars.original}]};
	}
	const typedOut: DiffSegment[] = [];
	const expectedOut: DiffSegment[] = [];
	const matcher = new (difflib().SequenceMatcher)(null, chars.typed, chars.expected);
	for (const [tag, i1, i2, j1, j2] of matcher.getOpcodes()) {
		const typedPart = chars.typed.slice(i1, i2).join('');
		// In nc mode the expected side shows the base characters with their marks.
		const expectedPart = chars.display.slice(j1, j2).join('');
		if (tag === 'equal') {
			typedOut.push({kind: 'good', text: typedPart});
			expectedOut.push({kind: 'good', text: expectedPart});
		} else if (tag === 'delete') {
			typedOut.push({kind: 'bad', text: typedPart});
		} else if (tag === 'insert') {
			typedOut.push({kind: 'missing', text: '-'.repeat(j2 - j1)});
			expectedOut.push({kind: 'missing', text: expectedPart});
		} else {
			typedOut.push({kind: 'bad', text: typedPart});
			expectedOut.push({kind: 'missing', text: expectedPart});
		}
	}
	const isolateExpected = options.ignoreCombining !== true;
	return {
		correct: false,
		typed: typedOut.map(isolateLeadingMark),
		expected: isolateExpected ? expectedOut.map(isolateLeadingMark) : expectedOut,
	};
}

/** The comparison as styled lines: typed, an arrow, expected (Anki's layout). */
export function typeAnswerStyled(comparison: TypeAnswerComparison): StyledText {
	const line = (segments: DiffSegment[]) => segments.map((s) => ({text: s.text, style: s.kind === 'plain' ? {} : {color: s.kind}}));
	if (comparison.typed.length === 0) return [line(comparison.expected)];
	return [line(comparison.typed), [{text: '↓', style: {dim: true}}], line(comparison.expected)];
}
