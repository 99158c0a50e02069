// Styled terminal text: lines of spans with semantic styles. The UI maps colour tokens to its theme;
// toAnsi() does the same for human output and toPlainText() for JSON.
import {stripControlSequences} from './sanitize.js';

/**
 * Every colour token the renderer emits: what a span means, never a colour. Typed end to end: the
 * renderer can emit only these (`colorMark`), and the UI must map each to a token of its theme
 * (ui/styled-view.ts) and the ANSI output each to a colour (TOKEN_SGR below), or it does not compile.
 */
export const RENDER_TOKENS = [
	'cloze', 'code', 'code-keyword', 'code-string', 'code-comment', 'code-number', 'code-title', 'code-type', 'code-meta',
	'link', 'separator', 'marker', 'error', 'hint', 'furigana', 'math', 'type-answer', 'heading', 'good', 'bad', 'missing',
] as const;

export type RenderToken = (typeof RENDER_TOKENS)[number];

/** A colour taken from the card itself (inline style or <font color>), as '#rrggbb'. */
export type HexColor = `#${string}`;

/** A span's colour: a render token, or a colour the card asks for. */
export type ColorToken = RenderToken | HexColor;

export function isRenderToken(name: string): name is RenderToken {
	return (RENDER_TOKENS as readonly string[]).includes(name);
}

export interface SpanStyle {
	bold?: boolean;
	italic?: boolean;
	underline?: boolean;
	strike?: boolean;
	dim?: boolean;
	color?: ColorToken;
	/** '#rrggbb' highlight from the card (Anki's editor highlighter sets a background colour). */
	background?: string;
}

export interface StyledSpan {
	text: string;
	style: SpanStyle;
	/**
	 * Where the UI may put something of its own: 'type-answer' (the input on the question, the
	 * comparison on the answer; text holds a fallback), 'rule' (a separator to stretch to the width).
	 */
	slot?: 'type-answer' | 'rule';
}

export type StyledLine = StyledSpan[];
export type StyledText = StyledLine[];

export function toPlainText(styled: StyledText): string {
	return styled.map((line) => line.map((span) => span.text).join('')).join('\n');
}

// 16-colour SGR codes for the semantic tokens (readable on dark and light backgrounds).
const TOKEN_SGR: Record<RenderToken, string> = {
	cloze: '34',
	code: '36',
	'code-keyword': '35',
	'code-string': '32',
	'code-comment': '2',
	'code-number': '33',
	'code-title': '34',
	'code-type': '33',
	'code-meta': '2',
	link: '4;34',
	separator: '2',
	marker: '36',
	error: '31',
	hint: '2;3',
	furigana: '2',
	math: '3',
	'type-answer': '4',
	heading: '1',
	good: '32',
	bad: '31',
	missing: '33',
};

function colorSgr(color: ColorToken): string | undefined {
	if (isRenderToken(color)) return TOKEN_SGR[color];
	const hex = /^#([0-9a-f]{6})$/i.exec(color);
	if (hex) {
		const n = Number.parseInt(hex[1], 16);
		return `38;2;${(n >> 16) & 255};${(n >> 8) & 255};${n & 255}`;
	}
	return undefined;
}

function sgrFor(style: SpanStyle): string {
	const codes: string[] = [];
	if (style.bold) codes.push('1');
	if (style.dim) codes.push('2');
	if (style.italic) codes.push('3');
	if (style.underline) codes.push('4');
	if (style.strike) codes.push('9');
	if (style.color) {
		const c = colorSgr(style.color);
		if (c) codes.push(c);
	}
	const bg = style.background && /^#([0-9a-f]{6})$/i.exec(style.background);
	if (bg) {
		const n = Number.parseInt(bg[1], 16);
		// Dark text on the highlight keeps it readable on any terminal theme.
		if (!style.color) codes.push('30');
		codes.push(`48;2;${(n >> 16) & 255};${(n >> 8) & 255};${n & 255}`);
	}
	return codes.join(';');
}

/** ANSI text for human output; with color false (NO_COLOR, --no-color) no escape is written. */
export function toAnsi(styled: StyledText, options: {color: boolean}): string {
	return styled
		.map((line) =>
			line
				.map((span) => {
					const text = stripControlSequences(span.text);
					if (!options.color) return text;
					const sgr = sgrFor(span.style);
					return sgr && text ? `\u001b[${sgr}m${text}\u001b[0m` : text;
				})
				.join(''),
		)
		.join('\n');
}

/** Colour is on unless NO_COLOR is set (any non-empty value) or --no-color was given. */
export function colorEnabled(options: {noColorFlag?: boolean; env?: Record<string, string | undefined>; isTTY?: boolean} = {}): boolean {
	const env = options.env ?? process.env;
	if (options.noColorFlag) return false;
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
	return options.isTTY ?? true;
}

export function sameStyle(a: SpanStyle, b: SpanStyle): boolean {
	return (
		!!a.bold === !!b.bold &&
		!!a.italic === !!b.italic &&
		!!a.underline === !!b.underline &&
		!!a.strike === !!b.strike &&
		!!a.dim === !!b.dim &&
		a.color === b.color &&
		a.background === b.background
	);
}

/** Builds styled text from plain strings (used for error messages and simple content). */
export function styledFromString(text: string, style: SpanStyle = {}): StyledText {
	return text.split('\n').map((line) => (line ? [{text: line, style: {...style}}] : []));
}
