// The converters produce one string with private-use markers for styles and layout; layout() turns
// layout markers into lines and buildStyled() turns style markers into spans. Field content can
// never contain these characters (sanitize.ts removes them first).
import {sameStyle, type ColorToken, type HexColor, type SpanStyle, type StyledLine, type StyledSpan, type StyledText} from './styled.js';

export const OPEN = '\ue000';
export const CODE_END = '\ue001';
export const CLOSE = '\ue002';
/** Start a new line unless already at the start of one (block boundary). */
export const BLOCK = '\ue003';
/** A block boundary with a blank line (paragraphs, headings). */
export const PARA = '\ue004';
/** A hard line break (<br>). */
export const BR = '\ue005';
/** A separator rule on its own line (<hr>). */
export const RULE = '\ue006';

/**
 * Style codes: b i u s d (dim), c<token> (colour: a render token or the card's '#rrggbb'),
 * g<#hex> (background), T (type-answer slot). Typed, so a colour the UI's themes do not know
 * (`wrap('cnope', ...)`) does not compile.
 */
export type StyleCode = 'b' | 'i' | 'u' | 's' | 'd' | 'T' | `c${ColorToken}` | `g${HexColor}`;

export function wrap(code: StyleCode, text: string): string {
	return text === '' ? '' : OPEN + code + CODE_END + text + CLOSE;
}

export function openMark(code: StyleCode): string {
	return OPEN + code + CODE_END;
}

const LAYOUT_SPECIAL = /[\ue000\ue002-\ue006\n]/g;
const VISIBLE = /[^ \t\u00a0]/;

/** Removes whitespace from a line that has no content yet (style markers stay). */
function keepMarkersOnly(line: string): string {
	return line.replace(/[ \t\u00a0]+/g, '');
}

/** Resolves BLOCK/PARA/BR/RULE into newlines; style markers are kept in place. */
export function layout(stream: string): string {
	const done: string[] = [];
	let line = '';
	let lineVisible = false;
	let anyVisible = false;
	let pendingBlank = false;
	const newline = () => {
		done.push(line);
		line = '';
		lineVisible = false;
	};
	const block = () => {
		if (lineVisible) newline();
		else if (line !== '') line = keepMarkersOnly(line);
	};
	let i = 0;
	for (;;) {
		LAYOUT_SPECIAL.lastIndex = i;
		const match = LAYOUT_SPECIAL.exec(stream);
		const end = match ? match.index : stream.length;
		if (end > i) {
			let run = stream.slice(i, end);
			if (VISIBLE.test(run)) {
				if (pendingBlank && anyVisible) {
					newline();
					run = run.trimStart();
				}
				pendingBlank = false;
				lineVisible = true;
				anyVisible = true;
			}
			line += run;
		}
		if (!match) break;
		const c = stream[end];
		i = end + 1;
		switch (c) {
			case OPEN: {
				const codeEnd = stream.indexOf(CODE_END, end);
				line += stream.slice(end, codeEnd + 1);
				i = codeEnd + 1;
				break;
			}
			case CLOSE:
				line += c;
				break;
			case BLOCK:
				block();
				break;
			case PARA:
				block();
				pendingBlank = true;
				break;
			case RULE:
				block();
				if (pendingBlank && anyVisible) newline();
				pendingBlank = false;
				line += RULE;
				lineVisible = true;
				anyVisible = true;
				block();
				break;
			default:
				// BR or a newline from turndown's own output (lists, tables, code)
				if (pendingBlank && anyVisible) newline();
				pendingBlank = false;
				newline();
		}
	}
	done.push(line);
	return done.join('\n');
}

const RULE_TEXT = '─'.repeat(32);

function styleFor(stack: string[]): {style: SpanStyle; slot?: StyledSpan['slot']} {
	const style: SpanStyle = {};
	let slot: StyledSpan['slot'];
	for (const code of stack) {
		switch (code[0]) {
			case 'b':
				style.bold = true;
				break;
			case 'i':
				style.italic = true;
				break;
			case 'u':
				style.underline = true;
				break;
			case 's':
				style.strike = true;
				break;
			case 'd':
				style.dim = true;
				break;
			case 'c':
				// Only colorCode() writes this code, so what follows the 'c' is a ColorToken.
				style.color = code.slice(1) as ColorToken;
				break;
			case 'g':
				style.background = code.slice(1);
				break;
			case 'T':
				slot = 'type-answer';
				break;
		}
	}
	return {style, slot};
}

const STYLED_SPECIAL = /[\ue000-\ue00f\n]/g;

/** Turns laid-out marked text into styled lines: trailing spaces trimmed, at most one blank line. */
export function buildStyled(text: string): StyledText {
	const lines: StyledText = [];
	let line: StyledLine = [];
	const stack: string[] = [];
	let current = styleFor(stack);
	const add = (raw: string) => {
		const chunk = raw.includes('\u00a0') ? raw.replace(/\u00a0/g, ' ') : raw;
		const last = line.at(-1);
		if (last && !last.slot && !current.slot && sameStyle(last.style, current.style)) last.text += chunk;
		else line.push(current.slot ? {text: chunk, style: current.style, slot: current.slot} : {text: chunk, style: current.style});
	};
	let i = 0;
	for (;;) {
		STYLED_SPECIAL.lastIndex = i;
		const match = STYLED_SPECIAL.exec(text);
		const end = match ? match.index : text.length;
		if (end > i) add(text.slice(i, end));
		if (!match) break;
		i = end + 1;
		switch (text[end]) {
			case OPEN: {
				const codeEnd = text.indexOf(CODE_END, end);
				stack.push(text.slice(end + 1, codeEnd));
				current = styleFor(stack);
				i = codeEnd + 1;
				break;
			}
			case CLOSE:
				stack.pop();
				current = styleFor(stack);
				break;
			case '\n':
				lines.push(line);
				line = [];
				break;
			case RULE:
				line.push({text: RULE_TEXT, style: {color: 'separator'}, slot: 'rule'});
				break;
			// other markers cannot remain after layout; drop them
		}
	}
	lines.push(line);
	return tidyLines(lines);
}

function isBlank(line: StyledLine): boolean {
	return line.every((span) => span.text.trim() === '' && !span.slot);
}

function trimLineEnd(line: StyledLine): StyledLine {
	while (line.length > 0) {
		const last = line[line.length - 1];
		if (last.slot) break;
		const trimmed = last.text.trimEnd();
		if (trimmed === '') line.pop();
		else {
			if (trimmed !== last.text) line[line.length - 1] = {...last, text: trimmed};
			break;
		}
	}
	return line;
}

function tidyLines(lines: StyledText): StyledText {
	const out: StyledText = [];
	for (const raw of lines) {
		const line = trimLineEnd(raw);
		if (isBlank(line)) {
			if (out.length > 0 && out.at(-1)!.length > 0) out.push([]);
		} else out.push(line);
	}
	while (out.length > 0 && out.at(-1)!.length === 0) out.pop();
	return out;
}
