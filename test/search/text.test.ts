// Wildcard translations (rslib text.rs to_sql / to_re / to_custom_re / is_glob, with its own test
// vectors), nc: folding, cloze stripping, and the Rust-regex dialect translated to JS.
import {describe, expect, it} from 'vitest';
import {RegexSyntaxError, rustRegex} from '../../source/core/text/rust-regex.js';
import {globMatcher, isGlob, stripClozes, toCustomRegex, toRegex, toSqlLike, unescapeAll, withoutCombining} from '../../source/core/text/search-text.js';

describe('wildcards (text.rs vectors)', () => {
	it('to_re escapes regex syntax and keeps \\*', () => {
		expect(toRegex('[te\\*st]')).toBe('\\[te\\*st\\]');
		expect(toRegex('a*b_c')).toBe('a.*b.c');
		expect(toRegex('a\\_b')).toBe('a_b');
		expect(toRegex('x-y&z~#')).toBe('x\\-y\\&z\\~\\#');
	});
	it('to_custom_re uses the given wildcard', () => {
		expect(toCustomRegex('f_o*', '\\d')).toBe('f\\do\\d*');
	});
	it('to_sql turns * into %, escapes %, keeps _ and \\_', () => {
		expect(toSqlLike('%f_o*')).toBe('\\%f_o%');
		expect(toSqlLike('te\\*s\\_t')).toBe('te*s\\_t');
		expect(toSqlLike('a\\\\b')).toBe('a\\\\b');
	});
	it('is_glob sees unescaped wildcards only', () => {
		expect(isGlob('\\\\\\\\_')).toBe(true);
		expect(isGlob('\\\\\\_')).toBe(false);
		expect(isGlob('a*')).toBe(true);
		expect(isGlob('plain')).toBe(false);
	});
	it('glob_matcher: regex with wildcards, else unicase equality', () => {
		expect(globMatcher('foo\\*bar*', rustRegex)('foo*bar123')).toBe(true);
		expect(globMatcher('FRONT', rustRegex)('Front')).toBe(true);
		expect(globMatcher('straße', rustRegex)('STRASSE')).toBe(true);
		expect(globMatcher('fr*', rustRegex)('Back')).toBe(false);
	});
	it('unescapes everything for literal names', () => {
		expect(unescapeAll('\\*\\_*_')).toBe('*_*_');
	});
});

describe('nc: folding and cloze stripping', () => {
	it('removes combining marks and folds the extra letters', () => {
		expect(withoutCombining('Über frânçais')).toBe('Uber francais');
		expect(withoutCombining('Straße Æsir łódź Œuvre')).toBe('Strase AEsir lodz OEuvre');
		expect(withoutCombining('plain')).toBe('plain');
	});
	it('strips clozes to their text (cloze.rs vector)', () => {
		expect(stripClozes('The {{c1::moon::🌛}} {{c2::orbits::this hint has "::" in it}} the {{c3::🌏}}.')).toBe('The moon orbits the 🌏.');
	});
});

describe('Rust regex dialect', () => {
	it('maps leading inline flags to JS flags', () => {
		expect(rustRegex('(?i)abc').test('ABC')).toBe(true);
		expect(rustRegex('(?i)(?-i)abc').test('ABC')).toBe(false);
		expect(rustRegex('(?is)^a.b$').test('A\nB')).toBe(true);
		expect(rustRegex('(?i)straße').test('STRASSE')).toBe(false); // simple case folding, as Rust
		expect(rustRegex('(?i)é').test('É')).toBe(true);
	});
	it('gives \\b, \\w and \\d their Unicode meanings', () => {
		expect(rustRegex('\\bcafé\\b').test('un café noir')).toBe(true);
		expect(rustRegex('\\bcaf\\b').test('un café')).toBe(false);
		expect(rustRegex('^\\w+$').test('日本語')).toBe(true);
		expect(rustRegex('^\\d$').test('٣')).toBe(true);
		expect(rustRegex('\\Bé').test('café')).toBe(true);
	});
	it('accepts escapes Rust allows and JS u-mode rejects', () => {
		expect(rustRegex('a\\-b\\&c\\~d\\#e').test('a-b&c~d#e')).toBe(true);
		expect(rustRegex('[\\-x]').test('-')).toBe(true);
		expect(rustRegex('\\x{263A}').test('☺')).toBe(true);
	});
	it('translates named groups, POSIX classes and \\A \\z', () => {
		expect(rustRegex('(?P<y>\\d{4})').exec('in 2024')?.groups?.['y']).toBe('2024');
		expect(rustRegex('^[[:alpha:]]+$').test('abc')).toBe(true);
		expect(rustRegex('^[[:alpha:]]+$').test('ä')).toBe(false);
		expect(rustRegex('\\Aab\\z').test('ab')).toBe(true);
	});
	it('takes script names the way Rust spells them', () => {
		expect(rustRegex('\\p{Greek}').test('λ')).toBe(true);
		expect(rustRegex('\\pL').test('x')).toBe(true);
	});
	it('rejects what neither can run', () => {
		expect(() => rustRegex('a(')).toThrow(RegexSyntaxError);
		expect(() => rustRegex('a(?i)b')).toThrow(/only supported at the start/);
		expect(() => rustRegex('\\q')).toThrow(RegexSyntaxError);
		expect(() => rustRegex('[a')).toThrow(RegexSyntaxError);
	});
});
