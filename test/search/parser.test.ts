// The search grammar, term by term, with Anki's meaning for each (search-and-notes.md §1.2-1.5,
// §1.8, and rslib search/parser.rs's own examples), and Anki's message for each malformed query (§1.9).
import {describe, expect, it} from 'vitest';
import {parseSearch} from '../../source/core/search/parser.js';
import type {Node, Term} from '../../source/core/search/nodes.js';
import {SearchError} from '../../source/core/errors.js';

const s = (term: Term): Node => ({type: 'search', term});
const text = (value: string) => s({kind: 'text', text: value});
const AND: Node = {type: 'and'};
const OR: Node = {type: 'or'};
const not = (node: Node): Node => ({type: 'not', node});
const group = (...nodes: Node[]): Node => ({type: 'group', nodes});

describe('parser: structure', () => {
	const table: Array<[string, Node[], string]> = [
		['', [s({kind: 'whole'})], 'an empty search is the whole collection'],
		['   ', [s({kind: 'whole'})], 'a blank search is the whole collection'],
		['dog cat', [text('dog'), AND, text('cat')], 'implicit AND'],
		['dog and cat', [text('dog'), AND, text('cat')], 'explicit and'],
		['dog AnD cat', [text('dog'), AND, text('cat')], 'operators in any case'],
		['dog or cat', [text('dog'), OR, text('cat')], 'or'],
		['a or b c', [text('a'), OR, text('b'), AND, text('c')], 'kept in written order: SQL makes it a OR (b AND c)'],
		['dog (cat or mouse)', [text('dog'), AND, group(text('cat'), OR, text('mouse'))], 'groups'],
		['-cat -mouse', [not(text('cat')), AND, not(text('mouse'))], 'negation'],
		['-(cat or mouse)', [not(group(text('cat'), OR, text('mouse')))], 'negated group'],
		['--a', [not(text('-a'))], '-- is NOT(text -a), not a double negation'],
		['-', [text('-')], 'a lone - is text'],
		['a-b', [text('a-b')], 'a - inside a word is text'],
		['\\-free', [text('-free')], '\\- makes the - literal'],
		['"-free"', [text('-free')], 'a quoted leading - is literal'],
		['"and"', [text('and')], 'quoted and is text'],
		['"a dog"', [text('a dog')], 'quotes keep spaces'],
		['a"b"(c)', [text('a'), AND, text('b'), AND, group(text('c'))], 'spaces are optional where the split is clear'],
		['foo\u00a0bar', [text('foo'), AND, text('bar')], 'NBSP is a space'],
		['foo\tbar\nbaz', [text('foo'), AND, text('bar'), AND, text('baz')], 'tabs and newlines are spaces'],
		['foo\u3000bar', [text('foo'), AND, text('bar')], 'U+3000 separates terms'],
		['(  t   t2  )', [group(text('t'), AND, text('t2'))], 'spaces inside groups'],
		[
			'hello  -(world and "foo:bar baz") OR test',
			[text('hello'), AND, not(group(text('world'), AND, s({kind: 'field', field: 'foo', text: 'bar baz', mode: 'normal'}))), OR, text('test')],
			"rslib's own example",
		],
	];
	it.each(table.map(([input, expected, why]) => ({input, expected, why})))('$input: $why', ({input, expected}) => {
		expect(parseSearch(input)).toEqual(expected);
	});
});

describe('parser: escapes (§1.3)', () => {
	const table: Array<[string, Node[], string]> = [
		['\\"\\:\\(\\)\\-', [text('":()-')], 'the parser removes the backslash before " : ( ) -'],
		['\\\\\\*\\_', [text('\\\\\\*\\_')], '\\\\ \\* \\_ are kept for the matcher'],
		['"\\)\\("', [text(')(')], 'escaping brackets inside quotes is optional'],
		['")("', [text(')(')], 'brackets inside quotes are literal'],
		['3\\:30', [text('3:30')], 'an escaped colon is text'],
		['C\\:\\\\Users', [text('C:\\\\Users')], 'C\\:\\\\Users is C:\\Users (the \\\\ is resolved by the matcher)'],
		['field:val:ue', [s({kind: 'field', field: 'field', text: 'val:ue', mode: 'normal'})], 'later colons need no escape'],
		['field:val\\:ue', [s({kind: 'field', field: 'field', text: 'val:ue', mode: 'normal'})], 'an escaped later colon is the same'],
		['"field:va\\"lue"', [s({kind: 'field', field: 'field', text: 'va"lue', mode: 'normal'})], 'escaped quote inside a quoted term'],
		['field:"va\\"lue"', [s({kind: 'field', field: 'field', text: 'va"lue', mode: 'normal'})], 'escaped quote in a quoted value'],
		['field:va\\"lue', [s({kind: 'field', field: 'field', text: 'va"lue', mode: 'normal'})], 'escaped quote unquoted'],
		['"re:\\btest\\%"', [s({kind: 'regex', pattern: '\\btest\\%'})], 're: passes escapes through'],
		['re:te\\"st', [s({kind: 'regex', pattern: 'te"st'})], 're: still unescapes \\"'],
		['"re:(a|b)"', [s({kind: 'regex', pattern: '(a|b)'})], 'a quoted regex may hold brackets'],
		['re:(a|b)', [s({kind: 'regex', pattern: ''}), AND, group(text('a|b'))], 'unquoted, a regex splits at the bracket'],
		['tag:re:\\\\', [s({kind: 'tag', tag: '\\\\', mode: 'regex'})], 'tag:re: is raw'],
		['dupe:123,a\\\\b\\"c', [s({kind: 'dupe', notetypeId: 123n, text: 'a\\b"c'})], 'dupe: unescapes \\\\ and \\"'],
		['preset:a\\*b', [s({kind: 'preset', name: 'a\\*b'})], 'preset: is verbatim'],
		['w:3:30', [s({kind: 'word', text: '3:30'})], 'w: with a colon in the value'],
	];
	it.each(table.map(([input, expected, why]) => ({input, expected, why})))('$input: $why', ({input, expected}) => {
		expect(parseSearch(input)).toEqual(expected);
	});
});

describe('parser: every term (§1.5)', () => {
	const table: Array<[string, Term, string]> = [
		['dog', {kind: 'text', text: 'dog'}, 'plain text'],
		['d_g', {kind: 'text', text: 'd_g'}, 'wildcards stay for the matcher'],
		['d*g', {kind: 'text', text: 'd*g'}, 'star'],
		['front:dog', {kind: 'field', field: 'front', text: 'dog', mode: 'normal'}, 'field search'],
		['"animal front:a dog"', {kind: 'field', field: 'animal front', text: 'a dog', mode: 'normal'}, 'a field name with a space, quoted whole'],
		['front:', {kind: 'field', field: 'front', text: '', mode: 'normal'}, 'empty field'],
		['front:*', {kind: 'field', field: 'front', text: '*', mode: 'normal'}, 'any content'],
		['front:re:te.*st', {kind: 'field', field: 'front', text: 'te.*st', mode: 'regex'}, 'field regex'],
		['front:nc:frânçais', {kind: 'field', field: 'front', text: 'frânçais', mode: 'nc'}, 'field without combining'],
		['*:v', {kind: 'field', field: '*', text: 'v', mode: 'normal'}, 'all fields'],
		['sf:x', {kind: 'field', field: 'sf', text: 'x', mode: 'normal'}, 'there is no sf: keyword: a field named sf'],
		['DECK:x', {kind: 'deck', name: 'x'}, 'keys are case-insensitive'],
		['deck:default', {kind: 'deck', name: 'default'}, 'deck'],
		['deck:"default one"', {kind: 'deck', name: 'default one'}, 'deck with a space'],
		['"deck:a b"', {kind: 'deck', name: 'a b'}, 'the whole term quoted'],
		['deck:filtered', {kind: 'deck', name: 'filtered'}, 'filtered decks'],
		['deck:current', {kind: 'deck', name: 'current'}, 'the current deck'],
		['note:basic', {kind: 'notetype', name: 'basic'}, 'notetype'],
		['card:front', {kind: 'template', name: 'front'}, 'template by name'],
		['card:3', {kind: 'template', ord: 2}, 'template by number'],
		['card:0', {kind: 'template', ord: 0}, 'card:0 = card:1'],
		['card:+2', {kind: 'template', ord: 1}, 'Rust integers take a +'],
		['card:70000', {kind: 'template', name: '70000'}, 'beyond u16: a name'],
		['tag:hard', {kind: 'tag', tag: 'hard', mode: 'normal'}, 'tag'],
		['tag:none', {kind: 'tag', tag: 'none', mode: 'normal'}, 'no tags'],
		['tag:nc:cafe', {kind: 'tag', tag: 'cafe', mode: 'nc'}, 'tag without combining'],
		['tag:re:^p$', {kind: 'tag', tag: '^p$', mode: 'regex'}, 'tag regex'],
		['is:due', {kind: 'state', state: 'due'}, 'is:due'],
		['is:new', {kind: 'state', state: 'new'}, 'is:new'],
		['is:learn', {kind: 'state', state: 'learn'}, 'is:learn'],
		['is:review', {kind: 'state', state: 'review'}, 'is:review'],
		['is:suspended', {kind: 'state', state: 'suspended'}, 'is:suspended'],
		['is:buried', {kind: 'state', state: 'buried'}, 'is:buried'],
		['is:buried-manually', {kind: 'state', state: 'buried-manually'}, 'is:buried-manually'],
		['is:buried-sibling', {kind: 'state', state: 'buried-sibling'}, 'is:buried-sibling'],
		['flag:3', {kind: 'flag', flag: 3}, 'flag'],
		['flag:0', {kind: 'flag', flag: 0}, 'no flag'],
		['added:3', {kind: 'added', days: 3}, 'added'],
		['added:0', {kind: 'added', days: 1}, 'added:0 = added:1'],
		['edited:2', {kind: 'edited', days: 2}, 'edited'],
		['introduced:0', {kind: 'introduced', days: 1}, 'introduced clamps to 1'],
		['rated:2', {kind: 'rated', days: 2, rating: 'any'}, 'rated'],
		['rated:0:3', {kind: 'rated', days: 1, rating: 3}, 'rated with a button, days clamp to 1'],
		['resched:0', {kind: 'rated', days: 0, rating: 'resched'}, 'resched does not clamp'],
		['nid:1237123712,2,3', {kind: 'note-ids', ids: '1237123712,2,3'}, 'note ids'],
		['cid:5', {kind: 'card-ids', ids: '5'}, 'card ids'],
		['did:1,2', {kind: 'deck-ids', ids: '1,2'}, 'deck ids'],
		['mid:-5', {kind: 'notetype-id', id: -5n}, 'notetype id (i64)'],
		['"re:(?i)x"', {kind: 'regex', pattern: '(?i)x'}, 'regex'],
		['nc:uber', {kind: 'nc', text: 'uber'}, 'without combining'],
		['sc:moon', {kind: 'sc', text: 'moon'}, 'clozes stripped'],
		['w:dog*', {kind: 'word', text: 'dog*'}, 'word boundary'],
		['has-cd:r', {kind: 'custom-data', key: 'r'}, 'custom data key'],
		['preset:default', {kind: 'preset', name: 'default'}, 'preset'],
		['dupe:123,hello', {kind: 'dupe', notetypeId: 123n, text: 'hello'}, 'duplicates'],
		['prop:ivl>3', {kind: 'prop', op: '>', property: {prop: 'ivl', value: 3}}, 'interval'],
		['prop:ivl>=3', {kind: 'prop', op: '>=', property: {prop: 'ivl', value: 3}}, 'operators tried longest first'],
		['prop:due=-1', {kind: 'prop', op: '=', property: {prop: 'due', days: -1}}, 'due'],
		['prop:reps!=0', {kind: 'prop', op: '!=', property: {prop: 'reps', value: 0}}, 'reps'],
		['prop:lapses<3', {kind: 'prop', op: '<', property: {prop: 'lapses', value: 3}}, 'lapses'],
		['prop:pos<=10', {kind: 'prop', op: '<=', property: {prop: 'pos', value: 10}}, 'new position'],
		['prop:ease<=3.3', {kind: 'prop', op: '<=', property: {prop: 'ease', value: Math.fround(3.3)}}, 'ease (f32)'],
		['prop:rated=-1', {kind: 'prop', op: '=', property: {prop: 'rated', days: -1, rating: 'any'}}, 'rated day'],
		['prop:rated>-3:1', {kind: 'prop', op: '>', property: {prop: 'rated', days: -3, rating: 1}}, 'rated day and button'],
		['prop:resched=0', {kind: 'prop', op: '=', property: {prop: 'rated', days: 0, rating: 'resched'}}, 'resched day'],
		['prop:s>21', {kind: 'prop', op: '>', property: {prop: 's', value: 21}}, 'FSRS stability'],
		['prop:d>0.3', {kind: 'prop', op: '>', property: {prop: 'd', value: Math.fround(0.3)}}, 'FSRS difficulty'],
		['prop:r<0.9', {kind: 'prop', op: '<', property: {prop: 'r', value: Math.fround(0.9)}}, 'FSRS retrievability'],
		['prop:ease>1e0', {kind: 'prop', op: '>', property: {prop: 'ease', value: 1}}, 'f32 takes exponents'],
		['prop:s>.5', {kind: 'prop', op: '>', property: {prop: 's', value: 0.5}}, 'f32 takes a bare fraction'],
		['prop:cdn:abc<=1', {kind: 'prop', op: '<=', property: {prop: 'cdn', key: 'abc', value: 1}}, 'custom number'],
		['prop:cds:abc=foo', {kind: 'prop', op: '=', property: {prop: 'cds', key: 'abc', value: 'foo'}}, 'custom string'],
		['"prop:cds:abc=foo bar"', {kind: 'prop', op: '=', property: {prop: 'cds', key: 'abc', value: 'foo bar'}}, 'custom string with a space'],
	];
	it.each(table.map(([input, term, why]) => ({input, term, why})))('$input: $why', ({input, term}) => {
		expect(parseSearch(input)).toEqual([s(term)]);
	});
});

function errorOf(input: string): SearchError {
	try {
		parseSearch(input);
	} catch (error) {
		if (error instanceof SearchError) return error;
		throw error;
	}
	throw new Error(`${input} parsed`);
}

describe('parser: errors (§1.9), with Anki\'s message', () => {
	const kinds: Array<[string, string]> = [
		['foo and', 'MisplacedAnd'],
		['and foo', 'MisplacedAnd'],
		['and', 'MisplacedAnd'],
		['a and or b', 'MisplacedOr'],
		['foo or', 'MisplacedOr'],
		['or foo', 'MisplacedOr'],
		['()', 'EmptyGroup'],
		['( )', 'EmptyGroup'],
		['(foo () bar)', 'EmptyGroup'],
		[')', 'UnopenedGroup'],
		['foo ) bar', 'UnopenedGroup'],
		['(foo) bar)', 'UnopenedGroup'],
		['(', 'UnclosedGroup'],
		['foo ( bar', 'UnclosedGroup'],
		['(foo (bar)', 'UnclosedGroup'],
		['""', 'EmptyQuote'],
		['foo:""', 'EmptyQuote'],
		[' " ', 'UnclosedQuote'],
		['" foo', 'UnclosedQuote'],
		['"\\', 'UnclosedQuote'],
		['foo:"bar', 'UnclosedQuote'],
		['foo:"bar\\"', 'UnclosedQuote'],
		[':', 'MissingKey'],
		[':foo', 'MissingKey'],
		[':"foo"', 'MissingKey'],
		['is:foo', 'InvalidState'],
		['is:DUE', 'InvalidState'],
		['is:New', 'InvalidState'],
		['is:', 'InvalidState'],
		['"is:learn "', 'InvalidState'],
		['is:leech', 'InvalidState'],
		['"flag: "', 'InvalidFlag'],
		['flag:-0', 'InvalidFlag'],
		['flag:', 'InvalidFlag'],
		['flag:8', 'InvalidFlag'],
		['flag:1.1', 'InvalidFlag'],
		['prop:', 'InvalidPropProperty'],
		['prop:=1', 'InvalidPropProperty'],
		['prop:DUE<5', 'InvalidPropProperty'],
		['prop:cdn=5', 'InvalidPropProperty'],
		['prop:cdn:=5', 'InvalidPropProperty'],
		['prop:cds=s', 'InvalidPropProperty'],
		['prop:cds:=s', 'InvalidPropProperty'],
		['prop:lapses', 'InvalidPropOperator'],
		['prop:pos~1', 'InvalidPropOperator'],
		['prop:reps10', 'InvalidPropOperator'],
		['prop:due>', 'InvalidWholeNumber'],
		['prop:due=0.5', 'InvalidWholeNumber'],
		['mid:x', 'InvalidWholeNumber'],
		['dupe:', 'InvalidWholeNumber'],
		['dupe:1.1', 'InvalidWholeNumber'],
		['dupe:foo', 'InvalidWholeNumber'],
		['prop:ease>', 'InvalidNumber'],
		['prop:ease!=one', 'InvalidNumber'],
		['prop:ease<1,3', 'InvalidNumber'],
		['prop:rated>1', 'InvalidNegativeWholeNumber'],
		['prop:resched=2', 'InvalidNegativeWholeNumber'],
		['rated:1:', 'InvalidAnswerButton'],
		['rated:2:-1', 'InvalidAnswerButton'],
		['rated:3:1.1', 'InvalidAnswerButton'],
		['rated:0:foo', 'InvalidAnswerButton'],
		['rated:1:5', 'InvalidAnswerButton'],
		['dupe:123', 'Other'],
		['\\', 'UnknownEscape'],
		['\\%', 'UnknownEscape'],
		['foo\\', 'UnknownEscape'],
		['\\foo', 'UnknownEscape'],
		['"\\ "', 'UnknownEscape'],
		['\\n', 'UnknownEscape'],
	];
	for (const term of ['added', 'edited', 'rated', 'resched', 'introduced']) {
		for (const value of ['1.1', '-1', '', 'foo']) kinds.push([`${term}:${value}`, 'InvalidPositiveWholeNumber']);
	}
	for (const term of ['ivl', 'reps', 'lapses', 'pos']) {
		for (const value of ['>', '=0.5', '!=-1', '<foo']) kinds.push([`prop:${term}${value}`, 'InvalidPositiveWholeNumber']);
	}
	for (const term of ['nid:1_2,3', 'nid:1,2,x', 'nid:,2,3', 'nid:1,2,', 'cid:1_2,3', 'cid:1,2,x', 'cid:,2,3', 'cid:1,2,', 'did:x']) {
		kinds.push([term, 'Other']);
	}
	it.each(kinds)('%j is %s', (input, kind) => {
		expect(errorOf(input).kind).toBe(kind);
		expect(errorOf(input).exitCode).toBe(64);
	});

	const messages: Array<[string, string]> = [
		['foo and', 'Invalid search: an `and` was found but it is not connecting two search terms. If you want to search for the word itself, wrap it in double quotes: `"and"`.'],
		['or', 'Invalid search: an `or` was found but it is not connecting two search terms. If you want to search for the word itself, wrap it in double quotes: `"or"`.'],
		['()', 'Invalid search: a group `(...)` was found, but there was nothing between the brackets to search for. If you want to search for literal brackets, wrap them in double quotes: `"( )"`.'],
		[')', 'Invalid search: a closing bracket `)` was found, but there was no opening bracket `(` preceding it. If you want to search for a literal `)`, wrap it in double quotes or prepend a backslash: `")"` or `\\)`.'],
		['(', 'Invalid search: an opening bracket `(` was found, but there was no closing bracket `)` following it. If you want to search for a literal `(`, wrap it in double quotes or prepend a backslash: `"("` or `\\(` .'],
		['""', 'Invalid search: a pair of double quotes `""` was found, but there was nothing between them to search for. If you want to search for literal double quotes, prepend backslashes: `\\"\\"`.'],
		['"foo', 'Invalid search: an opening double quote `"` was found, but there was no second one to close it. If you want to search for a literal `"`, prepend a backslash: `\\"`.'],
		[':foo', 'Invalid search: a colon `:` was found, but there was no keyword preceding it. If you want to search for a literal `:`, prepend a backslash: `\\:`.'],
		['\\%', 'Invalid search: the escape sequence `\\%` is not defined. If you want to search for a literal backslash `\\`, prepend another one: `\\\\`.'],
		['foo\\', 'Invalid search: the escape sequence `\\` is not defined. If you want to search for a literal backslash `\\`, prepend another one: `\\\\`.'],
		['\\foo', 'Invalid search: the escape sequence `\\f` is not defined. If you want to search for a literal backslash `\\`, prepend another one: `\\\\`.'],
		['is:foo', "Invalid search: `is:` was given an invalid argument '`foo`'."],
		['flag:8', 'Invalid search: `flag:` must be followed by a valid flag number: `1` (red), `2` (orange), `3` (green), `4` (blue), `5` (pink), `6` (turquoise), `7` (purple) or `0` (no flag).'],
		['prop:DUE<5', "Invalid search: `prop:` was given an invalid argument '`DUE<5`'."],
		['prop:pos~1', 'Invalid search: `prop:pos` must be followed by one of the following comparison operators: `=`, `!=`, `<`, `>`, `<=` or `>=`.'],
		['added:1.1', 'Invalid search: expected a positive whole number in "`added:`", but found "`1.1`".'],
		['prop:ivl>x', 'Invalid search: expected a positive whole number in "`ivl>x`", but found "`x`".'],
		['prop:due=0.5', 'Invalid search: expected a whole number in "`due=0.5`", but found "`0.5`".'],
		['mid:x', 'Invalid search: expected a whole number in "`mid:`", but found "`x`".'],
		['dupe:foo', 'Invalid search: expected a whole number in "`foo`", but found "`foo`".'],
		['prop:rated>1', 'Invalid search: expected a whole number less than or equal to 0 in "`rated>1`", but found "`1`".'],
		['prop:ease<1,3', 'Invalid search: expected a number in "`ease<1,3`", but found "`1,3`".'],
		['rated:1:5', 'Invalid search: expected an answer button between 1-4 in "`1:5`", but found "`5`".'],
		['nid:1,x', 'Invalid search: expected only digits and commas in nid:'],
		['NID:x', 'Invalid search: expected only digits and commas in NID:'],
		['dupe:123', "Invalid search: invalid 'dupe:' search"],
	];
	it.each(messages)('%j → %s', (input, message) => {
		expect(errorOf(input).message).toBe(message);
	});
});
