// Anki's search language, parsed as rslib search/parser.rs does (a hand-written equivalent of its
// nom combinators): the same terms, escapes, implicit AND, and the same error for each mistake.
// A step either matches, declines (null: the next alternative is tried) or throws a SearchError.
import {searchError, type SearchErrorKind} from './errors.js';
import {and, or, type FieldMode, type Node, type Operator, type Property, type Rating, type StateKind, type Term} from './nodes.js';

interface Step<T> {
	rest: string;
	value: T;
}

const fail = (error: SearchErrorKind): never => {
	throw searchError(error);
};

/** Unicode White_Space, as Rust's regex `\s` (JS's `\s` lacks U+0085 and adds U+FEFF). */
const WHITESPACE = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/gu;

type Escaped = {ok: true; matched: string; rest: string} | {ok: false; reason: 'start' | 'trailing-backslash' | 'bad-escape'; at: number};

/**
 * nom's `escaped(normal, '\\', escapable)`: runs of `normal` characters, or a backslash and one
 * `escapable` character; stops at the first other character.
 */
function escaped(s: string, normal: (c: string) => boolean, escapable: (c: string) => boolean): Escaped {
	let i = 0;
	while (i < s.length) {
		const c = String.fromCodePoint(s.codePointAt(i)!);
		if (normal(c)) {
			i += c.length;
			continue;
		}
		if (c === '\\') {
			if (i + 1 >= s.length) return {ok: false, reason: 'trailing-backslash', at: i};
			const next = String.fromCodePoint(s.codePointAt(i + 1)!);
			if (!escapable(next)) return {ok: false, reason: 'bad-escape', at: i + 1};
			i += 1 + next.length;
			continue;
		}
		if (i === 0) return {ok: false, reason: 'start', at: 0};
		return {ok: true, matched: s.slice(0, i), rest: s.slice(i)};
	}
	return {ok: true, matched: s, rest: ''};
}

const notIn = (chars: string) => (c: string) => !chars.includes(c);
const notSpace = notIn(' \u3000');
const anyChar = () => true;

function skipSpaces(s: string): string {
	let i = 0;
	while (s[i] === ' ' || s[i] === '\u3000') i++;
	return s.slice(i);
}

/** Parses a search into its top-level node list (an empty search is the whole collection). */
export function parseSearch(input: string): Node[] {
	const text = input.replace(WHITESPACE, ' ').trim();
	if (text === '') return [{type: 'search', term: {kind: 'whole'}}];
	const {rest, value} = groupInner(text);
	// An unmatched `)` is the only thing no node consumes.
	if (rest !== '') fail({kind: 'UnopenedGroup'});
	return value;
}

/** Zero or more nodes with implicit ANDs, as inside brackets. */
function groupInner(input: string): Step<Node[]> {
	let remaining = input;
	const nodes: Node[] = [];
	for (;;) {
		const step = node(remaining);
		if (!step) break;
		remaining = step.rest;
		const isOperator = step.value.type === 'and' || step.value.type === 'or';
		if (nodes.length % 2 === 0) {
			if (step.value.type === 'and') fail({kind: 'MisplacedAnd'});
			if (step.value.type === 'or') fail({kind: 'MisplacedOr'});
		} else if (!isOperator) {
			nodes.push(and);
		}
		nodes.push(step.value);
	}
	const last = nodes.at(-1);
	if (last?.type === 'and') fail({kind: 'MisplacedAnd'});
	if (last?.type === 'or') fail({kind: 'MisplacedOr'});
	return {rest: skipSpaces(remaining), value: nodes};
}

function node(s: string): Step<Node> | null {
	const input = skipSpaces(s);
	return negatedNode(input) ?? group(input) ?? text(input);
}

function negatedNode(s: string): Step<Node> | null {
	if (!s.startsWith('-')) return null;
	const inner = group(s.slice(1)) ?? text(s.slice(1));
	return inner && {rest: inner.rest, value: {type: 'not', node: inner.value}};
}

function group(s: string): Step<Node> | null {
	if (!s.startsWith('(')) return null;
	const {rest, value} = groupInner(s.slice(1));
	if (!rest.startsWith(')')) return fail({kind: 'UnclosedGroup'});
	if (value.length === 0) return fail({kind: 'EmptyGroup'});
	return {rest: rest.slice(1), value: {type: 'group', nodes: value}};
}

function text(s: string): Step<Node> | null {
	return quotedTerm(s) ?? partiallyQuotedTerm(s) ?? unquotedTerm(s);
}

const searchNode = (term: Term): Node => ({type: 'search', term});

/** `"…"`: the text between unescaped double quotes. */
function quotedString(s: string): Step<string> | null {
	if (!s.startsWith('"')) return null;
	const opened = s.slice(1);
	const inner = escaped(opened, notIn('"\\'), anyChar);
	if (inner.ok) {
		if (!inner.rest.startsWith('"')) return fail({kind: 'UnclosedQuote'});
		return {rest: inner.rest.slice(1), value: inner.matched};
	}
	return fail({kind: opened.startsWith('"') ? 'EmptyQuote' : 'UnclosedQuote'});
}

function quotedTerm(s: string): Step<Node> | null {
	const quoted = quotedString(s);
	return quoted && {rest: quoted.rest, value: searchNode(termForText(quoted.value))};
}

/** `key:"quoted value"`. */
function partiallyQuotedTerm(s: string): Step<Node> | null {
	const key = escaped(s, notIn('"(): \u3000\\'), notSpace);
	if (!key.ok || !key.rest.startsWith(':')) return null;
	const value = quotedString(key.rest.slice(1));
	return value && {rest: value.rest, value: searchNode(termForKeyAndValue(key.matched, value.value))};
}

/** Text up to a space or an unescaped `"`, `(` or `)`; `and`/`or` are operators. */
function unquotedTerm(s: string): Step<Node> | null {
	const term = escaped(s, notIn('"() \u3000\\'), notSpace);
	if (term.ok) {
		if (term.matched === '') return null;
		if (/^and$/i.test(term.matched)) return {rest: term.rest, value: and};
		if (/^or$/i.test(term.matched)) return {rest: term.rest, value: or};
		return {rest: term.rest, value: searchNode(termForText(term.matched))};
	}
	if (term.reason === 'bad-escape') return fail({kind: 'UnknownEscape', provided: `\\${s.slice(term.at)}`});
	if ('"() \u3000'.includes(s[0] ?? '')) return null;
	return fail({kind: 'UnknownEscape', provided: '\\'});
}

/** A term's text: `key:value`, or plain text when there is no unescaped colon. */
function termForText(s: string): Term {
	const head = escaped(s, notIn(':\\'), anyChar);
	if (!head.ok || head.matched === '') return fail({kind: 'MissingKey'});
	if (head.rest === '') return {kind: 'text', text: unescape(head.matched)};
	return termForKeyAndValue(head.matched, head.rest.slice(1));
}

function termForKeyAndValue(key: string, value: string): Term {
	switch (key.replace(/[A-Z]/g, c => c.toLowerCase())) {
		case 'deck':
			return {kind: 'deck', name: unescape(value)};
		case 'note':
			return {kind: 'notetype', name: unescape(value)};
		case 'tag':
			return parseTag(value);
		case 'card':
			return parseTemplate(value);
		case 'flag':
			return parseFlag(value);
		case 'resched':
			return {kind: 'rated', days: parseU32(value, 'resched:'), rating: 'resched'};
		case 'prop':
			return parseProp(value);
		case 'added':
			return {kind: 'added', days: Math.max(parseU32(value, 'added:'), 1)};
		case 'edited':
			return {kind: 'edited', days: Math.max(parseU32(value, 'edited:'), 1)};
		case 'introduced':
			return {kind: 'introduced', days: Math.max(parseU32(value, 'introduced:'), 1)};
		case 'rated':
			return parseRated(value);
		case 'is':
			return parseState(value);
		case 'did':
			return {kind: 'deck-ids', ids: checkIdList(value, key)};
		case 'mid':
			return {kind: 'notetype-id', id: parseI64(value, 'mid:')};
		case 'nid':
			return {kind: 'note-ids', ids: checkIdList(value, key)};
		case 'cid':
			return {kind: 'card-ids', ids: checkIdList(value, key)};
		case 're':
			return {kind: 'regex', pattern: unescapeQuotes(value)};
		case 'nc':
			return {kind: 'nc', text: unescape(value)};
		case 'sc':
			return {kind: 'sc', text: unescape(value)};
		case 'w':
			return {kind: 'word', text: unescape(value)};
		case 'dupe':
			return parseDupe(value);
		case 'has-cd':
			return {kind: 'custom-data', key: unescape(value)};
		case 'preset':
			return {kind: 'preset', name: value};
		default:
			return parseSingleField(key, value);
	}
}

function parseTag(s: string): Term {
	if (s.startsWith('re:')) return {kind: 'tag', tag: unescapeQuotes(s.slice(3)), mode: 'regex'};
	if (s.startsWith('nc:')) return {kind: 'tag', tag: unescape(s.slice(3)), mode: 'nc'};
	return {kind: 'tag', tag: unescape(s), mode: 'normal'};
}

function parseTemplate(s: string): Term {
	const ord = rustUnsigned(s, 0xffff);
	if (ord !== null) return {kind: 'template', ord: Math.max(ord, 1) - 1};
	return {kind: 'template', name: unescape(s)};
}

function parseFlag(s: string): Term {
	const flag = rustUnsigned(s, 0xff);
	if (flag === null || flag > 7) return fail({kind: 'InvalidFlag'});
	return {kind: 'flag', flag};
}

function parseRated(s: string): Term {
	const cut = s.indexOf(':');
	const days = Math.max(parseU32(cut < 0 ? s : s.slice(0, cut), 'rated:'), 1);
	return {kind: 'rated', days, rating: parseAnswerButton(cut < 0 ? undefined : s.slice(cut + 1), s)};
}

const STATES: readonly StateKind[] = ['new', 'review', 'learn', 'due', 'buried', 'buried-manually', 'buried-sibling', 'suspended'];

function parseState(s: string): Term {
	const state = STATES.find(candidate => candidate === s);
	if (!state) return fail({kind: 'InvalidState', provided: s});
	return {kind: 'state', state};
}

function checkIdList(s: string, key: string): string {
	if (!/^([0-9]+,)*[0-9]+$/.test(s)) fail({kind: 'Other', info: `expected only digits and commas in ${key}:`});
	return s;
}

function parseDupe(s: string): Term {
	const cut = s.indexOf(',');
	const notetypeId = parseI64(cut < 0 ? s : s.slice(0, cut), s);
	if (cut < 0) return fail({kind: 'Other', info: "invalid 'dupe:' search"});
	const text = s.slice(cut + 1);
	return {kind: 'dupe', notetypeId, text: text.replaceAll('\\"', '"').replaceAll('\\\\', '\\')};
}

function parseSingleField(key: string, value: string): Term {
	if (value.startsWith('re:')) return {kind: 'field', field: unescape(key), text: unescapeQuotes(value.slice(3)), mode: 'regex'};
	if (value.startsWith('nc:')) return {kind: 'field', field: unescape(key), text: unescapeQuotes(value.slice(3)), mode: 'nc'};
	return {kind: 'field', field: unescape(key), text: unescape(value), mode: 'normal' satisfies FieldMode};
}

const PROPERTIES = ['ivl', 'due', 'reps', 'lapses', 'ease', 'pos', 'rated', 'resched', 's', 'd', 'r'] as const;
const OPERATORS: readonly Operator[] = ['<=', '>=', '!=', '=', '<', '>'];

function parseProp(clause: string): Term {
	let name: string | undefined = PROPERTIES.find(p => clause.startsWith(p));
	if (name === undefined) name = /^(cdn|cds):[A-Za-z0-9]+/.exec(clause)?.[0];
	if (name === undefined) return fail({kind: 'InvalidPropProperty', provided: clause});
	const tail = clause.slice(name.length);
	const op = OPERATORS.find(o => tail.startsWith(o));
	if (!op) return fail({kind: 'InvalidPropOperator', provided: name});
	const num = tail.slice(op.length);
	let property: Property;
	switch (name) {
		case 'ease':
		case 's':
		case 'd':
		case 'r':
			property = {prop: name, value: parseF32(num, clause)};
			break;
		case 'due':
			property = {prop: 'due', days: parseI32(num, clause)};
			break;
		case 'rated': {
			const cut = num.indexOf(':');
			const days = parseNonPositiveI32(cut < 0 ? num : num.slice(0, cut), clause);
			property = {prop: 'rated', days, rating: parseAnswerButton(cut < 0 ? undefined : num.slice(cut + 1), clause)};
			break;
		}
		case 'resched':
			property = {prop: 'rated', days: parseNonPositiveI32(num, clause), rating: 'resched'};
			break;
		case 'ivl':
		case 'reps':
		case 'lapses':
		case 'pos':
			property = {prop: name, value: parseU32(num, clause)};
			break;
		default:
			property = name.startsWith('cdn:')
				? {prop: 'cdn', key: name.slice(4), value: parseF32(num, clause)}
				: {prop: 'cds', key: name.slice(4), value: num};
	}
	return {kind: 'prop', op, property};
}

function parseAnswerButton(num: string | undefined, context: string): Rating {
	if (num === undefined) return 'any';
	const button = rustUnsigned(num, 0xff);
	if (button === null || button < 1 || button > 4) return fail({kind: 'InvalidAnswerButton', context, provided: num});
	return button;
}

// Numbers parse as Rust's str::parse does: ASCII digits, an optional sign (`+` only for unsigned
// types), no spaces, no overflow.

function rustUnsigned(s: string, max: number): number | null {
	if (!/^\+?[0-9]+$/.test(s)) return null;
	const value = Number(s.replace(/^\+/, ''));
	return value <= max ? value : null;
}

function rustSigned(s: string, min: number, max: number): number | null {
	if (!/^[+-]?[0-9]+$/.test(s)) return null;
	const value = Number(s);
	return value >= min && value <= max ? value : null;
}

function parseU32(num: string, context: string): number {
	return rustUnsigned(num, 0xffffffff) ?? fail({kind: 'InvalidPositiveWholeNumber', context, provided: num});
}

function parseI32(num: string, context: string): number {
	return rustSigned(num, -(2 ** 31), 2 ** 31 - 1) ?? fail({kind: 'InvalidWholeNumber', context, provided: num});
}

function parseNonPositiveI32(num: string, context: string): number {
	const value = rustSigned(num, -(2 ** 31), 2 ** 31 - 1);
	if (value === null || value > 0) return fail({kind: 'InvalidNegativeWholeNumber', context, provided: num});
	return value === 0 ? 0 : value; // -0 → 0
}

function parseI64(num: string, context: string): bigint {
	if (/^[+-]?[0-9]+$/.test(num)) {
		const value = BigInt(num);
		if (value >= -(2n ** 63n) && value < 2n ** 63n) return value;
	}
	return fail({kind: 'InvalidWholeNumber', context, provided: num});
}

function parseF32(num: string, context: string): number {
	if (!/^[+-]?(?:inf|infinity|nan|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)$/i.test(num)) {
		return fail({kind: 'InvalidNumber', context, provided: num});
	}
	const body = num.replace(/^[+-]/, '').toLowerCase();
	const sign = num.startsWith('-') ? -1 : 1;
	if (body === 'nan') return Number.NaN;
	if (body === 'inf' || body === 'infinity') return sign * Number.POSITIVE_INFINITY;
	return Math.fround(Number(num));
}

/** `\"` → `"` only (values Anki passes on raw: regexes). */
function unescapeQuotes(s: string): string {
	return s.includes('"') ? s.replaceAll('\\"', '"') : s;
}

const INVALID_ESCAPE = /(?:^|[^\\])(?:\\\\)*(\\(?:[^\\":*_()-]|$))/u;
const PARSER_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\[":()-]/u;

/** Resolves the escapes the parser owns (`\" \: \( \) \-`); keeps `\\ \* \_` for the matchers. */
function unescape(s: string): string {
	const invalid = INVALID_ESCAPE.exec(s);
	if (invalid) return fail({kind: 'UnknownEscape', provided: invalid[1]!});
	if (!PARSER_ESCAPE.test(s)) return s;
	return s.replace(/\\[\\":()-]/g, pair => (pair === '\\\\' ? pair : pair[1]!));
}
