// Wraps styled lines to a width, counting terminal columns (CJK and emoji take two), so the
// review screen knows exactly how many rows a card takes and can scroll it without overflow.
import stringWidth from 'string-width';
import type {ViewLine, ViewSpan} from './view-types.js';

// Made on first use: the first Intl.Segmenter loads ICU's break rules (10-30 ms), which the deck
// list's first paint does not need.
let graphemes: Intl.Segmenter | undefined;
const segmenter = {segment: (text: string) => (graphemes ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text)};

export function textWidth(text: string): number {
	return stringWidth(text);
}

export function lineWidth(line: ViewLine): number {
	return line.reduce((sum, span) => sum + stringWidth(span.text), 0);
}

/** Greedy word wrap; words longer than the width are broken between characters. */
export function wrapLines(lines: readonly ViewLine[], width: number): ViewLine[] {
	const max = Math.max(1, Math.floor(width));
	const out: ViewLine[] = [];
	for (const line of lines) {
		if (line.some((span) => span.slot === 'rule')) {
			out.push([{text: '─'.repeat(max), token: 'border'}]);
			continue;
		}
		// Rows reserved for an inline image are exactly one row each, whatever the width.
		if (line.some((span) => span.slot === 'image')) {
			out.push(line);
			continue;
		}
		for (const row of wrapLine(line, max)) out.push(row);
	}
	return out;
}

interface Piece {
	text: string;
	width: number;
	space: boolean;
	span: ViewSpan;
}

function wrapLine(line: ViewLine, width: number): ViewLine[] {
	const pieces: Piece[] = [];
	for (const span of line) {
		for (const part of span.text.replaceAll('\t', '    ').split(/(\s+)/)) {
			if (part === '') continue;
			pieces.push({text: part, width: stringWidth(part), space: /^\s+$/.test(part), span});
		}
	}
	const rows: ViewLine[] = [];
	let row: ViewLine = [];
	let used = 0;
	const flush = () => {
		trimTrailingSpace(row);
		rows.push(row);
		row = [];
		used = 0;
	};
	const push = (span: ViewSpan, text: string, w: number) => {
		const last = row.at(-1);
		if (last && sameStyle(last, span)) last.text += text;
		else row.push({...span, text});
		used += w;
	};
	for (const piece of pieces) {
		if (piece.space) {
			if (used === 0 && rows.length > 0) continue; // no leading spaces on continuation rows
			if (used + piece.width > width) {
				flush();
				continue;
			}
			push(piece.span, piece.text, piece.width);
			continue;
		}
		if (used + piece.width <= width) {
			push(piece.span, piece.text, piece.width);
			continue;
		}
		if (piece.width <= width && used > 0) {
			flush();
			push(piece.span, piece.text, piece.width);
			continue;
		}
		for (const {segment} of segmenter.segment(piece.text)) {
			const w = stringWidth(segment);
			if (used + w > width && used > 0) flush();
			push(piece.span, segment, w);
		}
	}
	if (row.length > 0 || rows.length === 0) flush();
	return rows;
}

function trimTrailingSpace(row: ViewLine): void {
	while (row.length > 0) {
		const last = row.at(-1)!;
		const trimmed = last.text.replace(/\s+$/, '');
		if (trimmed === '') {
			row.pop();
			continue;
		}
		last.text = trimmed;
		return;
	}
}

function sameStyle(a: ViewSpan, b: ViewSpan): boolean {
	return (
		a.token === b.token &&
		a.color === b.color &&
		a.dim === b.dim &&
		a.bold === b.bold &&
		a.italic === b.italic &&
		a.underline === b.underline &&
		a.strikethrough === b.strikethrough
	);
}

/** Printable ASCII only: one column and one grapheme per character. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Pads or cuts plain text to exactly `width` columns (for aligned tables with wide characters). */
export function fitText(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	let w = stringWidth(text);
	if (w > width && PRINTABLE_ASCII.test(text)) {
		// Cut by characters: the same cut as by graphemes below, without loading ICU's break rules.
		text = `${text.slice(0, Math.max(0, width - 1))}…`;
		w = Math.max(0, width - 1) + 1;
	} else if (w > width) {
		let out = '';
		w = 0;
		for (const {segment} of segmenter.segment(text)) {
			const sw = stringWidth(segment);
			if (w + sw > width - 1) break;
			out += segment;
			w += sw;
		}
		text = `${out}…`;
		w += 1;
	}
	const pad = ' '.repeat(Math.max(0, width - w));
	return align === 'left' ? text + pad : pad + text;
}

export function plainText(line: ViewLine): string {
	return line.map((s) => s.text).join('');
}

/** Plain text wrapped to a width, one string per row. */
export function wrapText(text: string, width: number): string[] {
	return wrapLines([[{text, token: 'text'}]], width).map((row) => plainText(row));
}
