// Text helpers of Anki's search (rslib text.rs): how `*`, `_` and backslash escapes become SQL LIKE
// patterns or regexes, glob tests on names, `nc:` folding (without_combining) and cloze stripping.
// They sit below core/collection so the SQL functions registered at open can use them too.
import {escapeRustRegex} from './rust-regex.js';

/** LIKE pattern (ESCAPE '\'): `*` → `%`, `%` → `\%`, `\*` → `*`, `\\` and `\_` kept; `_` is LIKE's one character. */
export function toSqlLike(text: string): string {
	return text.replace(/\\[\\*]|[*%]/g, s => (s === '\\\\' ? '\\\\' : s === '\\*' ? '*' : s === '*' ? '%' : '\\%'));
}

/** Rust regex with Anki wildcards: `*` → `<wildcard>*`, `_` → `<wildcard>`, `\_` → `_`, others escaped. */
export function toCustomRegex(text: string, wildcard: string): string {
	return text.replace(/\\?[\s\S]/gu, s => {
		if (s === '\\\\' || s === '\\*') return s;
		if (s === '\\_') return '_';
		if (s === '*') return `${wildcard}*`;
		if (s === '_') return wildcard;
		return escapeRustRegex(s);
	});
}

export function toRegex(text: string): string {
	return toCustomRegex(text, '.');
}

/** True when the text has an unescaped `*` or `_`. */
export function isGlob(text: string): boolean {
	return /(?:^|[^\\])(?:\\\\)*[*_]/.test(text);
}

/** Every backslash escape resolved (`\*` → `*`, `\\` → `\`). */
export function unescapeAll(text: string): string {
	return text.replace(/\\([\s\S])/g, '$1');
}

/**
 * Case folding as Anki's `unicase` crate compares names (Unicode full case folding). JS has no
 * casefold; upper-then-lower gives the full folding for everything names realistically hold
 * (ß → ss, ﬁ → fi, final sigma), which is what matching a deck, notetype or preset name needs.
 */
export function foldCase(text: string): string {
	return text.toUpperCase().toLowerCase();
}

export function unicaseEquals(a: string, b: string): boolean {
	return a === b || foldCase(a) === foldCase(b);
}

/** Anki's glob_matcher: a case-insensitive regex when the name has wildcards, else unicase equality. */
export function globMatcher(search: string, compile: (pattern: string) => RegExp): (name: string) => boolean {
	if (isGlob(search)) {
		const re = compile(`(?i)^${toRegex(search)}$`);
		return name => re.test(name);
	}
	const wanted = unescapeAll(search);
	return name => unicaseEquals(name, wanted);
}

/** text.rs EXTRA_NO_COMBINING_REPLACEMENTS: letters NFKD does not decompose, folded by hand. */
const EXTRA_REPLACEMENTS: Record<string, string> = {
	'€': 'E', 'Æ': 'AE', 'Ð': 'D', 'Ø': 'O', 'Þ': 'TH', 'ß': 's', 'æ': 'ae', 'ð': 'd', 'ø': 'o', 'þ': 'th',
	'Đ': 'D', 'đ': 'd', 'Ħ': 'H', 'ħ': 'h', 'ı': 'i', 'ĸ': 'k', 'Ł': 'L', 'ł': 'l', 'Ŋ': 'N', 'ŋ': 'n',
	'Œ': 'OE', 'œ': 'oe', 'Ŧ': 'T', 'ŧ': 't', 'Ə': 'E', 'ǝ': 'e', 'ɑ': 'a',
};
const EXTRA = new RegExp(`[${Object.keys(EXTRA_REPLACEMENTS).join('')}]`, 'gu');
const NEEDS_FOLDING = new RegExp(`[^\\x00-\\x7f]`, 'u');

/** `nc:` folding (text.rs without_combining): NFKD, combining marks removed, a few letters replaced. */
export function withoutCombining(text: string): string {
	if (!NEEDS_FOLDING.test(text)) return text;
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(EXTRA, c => EXTRA_REPLACEMENTS[c]!);
}

const CLOZE = /\{\{c[\p{Nd},]+::([\s\S]*?)(::[\s\S]*?)?\}\}/gu;

/** `sc:` (cloze.rs strip_clozes): `{{c1::text::hint}}` → `text`. */
export function stripClozes(text: string): string {
	return text.includes('{{') ? text.replace(CLOZE, '$1') : text;
}
