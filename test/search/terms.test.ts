// Every search term run as SQL on a generated collection of schema 11 and of schema 18, against the
// set of cards Anki's meaning of the term selects (search-and-notes.md §1.5-1.8; the collection
// is described in world.ts).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {searchCards, searchNotes, type SearchOptions} from '../../source/core/search/index.js';
import {buildWorld, NEXT_DAY_AT, NOW, type World} from './world.js';

const ALL = ['cafe', 'cat', 'dog', 'dog2', 'html', 'hund', 'moon.1', 'moon.2', 'mouse', 'num', 'sun.1', 'sun.2', 'uber'];
const except = (...labels: string[]) => ALL.filter(label => !labels.includes(label));

/** Queries whose ids depend on the world are written with {placeholders}. */
const cases: Array<[string, string[]]> = [
	['', ALL],
	// plain text: LIKE on sort field and fields, ASCII case folding only
	['dog', ['dog', 'dog2', 'hund']],
	['DOG', ['dog', 'dog2', 'hund']],
	['big', ['dog']],
	['über', []],
	['Über', ['uber']],
	['caf_', ['cafe']],
	['d*g', ['dog', 'dog2', 'hund']],
	['a&b', ['html']],
	['"a dog"', []],
	['"big</b> dog"', ['dog']],
	['secretword', []],
	['hund', ['hund']],
	['nc:uber', ['uber']],
	['nc:CAFE', ['cafe']],
	['sc:"moon orbits"', ['moon.1', 'moon.2']],
	['"moon orbits"', []],
	// fields
	['front:dog', ['dog']],
	['FRONT:DOG', ['dog']],
	['front:*dog*', ['dog', 'dog2']],
	['front:d_g', ['dog']],
	['back:', ['num']],
	['back:_*', ['cafe', 'cat', 'dog', 'dog2', 'html', 'mouse', 'sun.1', 'sun.2', 'uber']],
	['back:*', except('hund', 'moon.1', 'moon.2')],
	['fr*:dog', ['dog']],
	['meaning:DOG', ['hund']],
	['notes:secretword', ['hund']],
	['nosuchfield:x', []],
	['front:re:^d', ['dog']],
	['front:re:(?-i)^c', []],
	['front:re:^C', ['cafe', 'cat']],
	['front:nc:cafe', ['cafe']],
	['*:dog', ['dog', 'hund']],
	['*:re:^s', ['mouse', 'sun.1', 'sun.2', 'hund']],
	['re:^dog', ['dog', 'hund']],
	['"re:g$"', ['dog', 'hund']],
	['w:dog', ['dog', 'dog2', 'hund']],
	['w:do', []],
	['w:orbit*', ['moon.1', 'moon.2']],
	['w:*ouse', ['mouse']],
	// tags
	['tag:animal', ['cat', 'dog']],
	['tag:ANIMAL::Mammal', ['dog']],
	['tag:anim*', ['cat', 'dog']],
	['tag:*animal', ['cat', 'dog', 'mouse']],
	['tag:none', ['dog2', 'uber']],
	['tag:*', ALL],
	['tag:café', ['cafe']],
	['tag:CAFÉ::drink', ['cafe']],
	['tag:nc:cafe', ['cafe']],
	['tag:re:^animal$', ['cat']],
	['tag:re:mal$', ['cat', 'dog', 'mouse']],
	['tag:marked', ['num']],
	['"tag:a b"', []],
	// decks
	['deck:french', ['cat', 'dog', 'hund']],
	['deck:french*', ['cat', 'dog', 'hund', 'mouse']],
	['deck:french::*', ['cat', 'hund']],
	['deck:french -deck:french::*', ['dog']],
	['deck:"ünïcode deck"', ['cafe']],
	['deck:ÜNÏCODE*', ['cafe']],
	['deck:filtered', ['moon.2']],
	['-deck:filtered', except('moon.2')],
	['deck:cram', ['moon.2']],
	['deck:spanish', ['moon.1', 'moon.2', 'sun.1', 'sun.2']],
	['-deck:spanish', except('moon.1', 'moon.2', 'sun.1', 'sun.2')],
	['deck:current', ['cat', 'dog', 'hund']],
	['deck:*', ALL],
	['deck:nosuch', []],
	['did:{deck:French}', ['dog']],
	['did:{deck:Spanish}', ['moon.1', 'moon.2', 'sun.1', 'sun.2']],
	['-did:{deck:Spanish}', except('moon.1', 'moon.2', 'sun.1', 'sun.2')],
	['preset:intense', ['moon.1', 'moon.2', 'sun.1', 'sun.2']],
	['preset:nosuch', []],
	// notetypes and templates
	['note:basic', ['cafe', 'cat', 'dog', 'dog2', 'html', 'mouse', 'num', 'uber']],
	['note:basic*', ['cafe', 'cat', 'dog', 'dog2', 'html', 'mouse', 'num', 'sun.1', 'sun.2', 'uber']],
	['note:CLOZE', ['moon.1', 'moon.2']],
	['mid:{notetype:Vocab}', ['hund']],
	['card:1', except('sun.2', 'moon.2')],
	['card:2', ['moon.2', 'sun.2']],
	['"card:card 2"', ['sun.2']],
	['card:cloze', ['moon.1']],
	['card:recog*', ['hund']],
	// states
	['is:new', ['dog', 'dog2', 'html', 'moon.1', 'num', 'sun.2']],
	['is:learn', ['hund', 'mouse']],
	['is:review', ['cafe', 'cat', 'hund', 'moon.2', 'sun.1', 'uber']],
	['is:learn is:review', ['hund']],
	['-is:learn is:review', ['cafe', 'cat', 'moon.2', 'sun.1', 'uber']],
	['is:learn -is:review', ['mouse']],
	['is:suspended', ['cafe']],
	['is:buried', ['num', 'uber']],
	['is:buried-manually', ['uber']],
	['is:buried-sibling', ['num']],
	['is:due', ['cat', 'moon.2', 'mouse', 'sun.1']],
	['flag:1', ['cat']],
	['flag:3', ['hund']],
	['flag:0', except('cat', 'hund')],
	// properties
	['prop:ivl>=10', ['cafe', 'cat', 'moon.2']],
	['prop:ivl=5', ['uber']],
	['prop:due=0', ['hund', 'mouse', 'sun.1']],
	['prop:due=-1', ['cat']],
	['prop:due>20', ['moon.2']],
	['prop:due<=-1', ['cat']],
	['prop:pos<=1', ['dog']],
	['prop:pos>4', ['dog2', 'html']],
	['prop:ease<2', ['dog', 'dog2', 'html', 'hund', 'moon.1', 'mouse', 'num', 'sun.2']],
	['prop:ease=2.5', ['cat', 'moon.2']],
	['prop:reps>3', ['cat']],
	['prop:lapses>0', ['cat', 'hund']],
	['prop:lapses!=0', ['cat', 'hund']],
	['prop:s>10', ['hund']],
	['-prop:s>10', ['cat']],
	['prop:d>0.4', ['cat', 'hund']],
	['prop:d>0.5', []],
	['prop:r<0.9', ['cat']],
	['has-cd:r', ['html']],
	['prop:cdn:n>4', ['html']],
	['prop:cds:r=x', ['html']],
	// days, from the rollover
	['added:1', ['dog']],
	['added:11', ALL],
	['edited:1', ['dog']],
	['edited:6', ALL],
	['rated:1', ['cat', 'hund']],
	['rated:2', ['cat', 'hund', 'sun.1']],
	['rated:7:1', ['cat']],
	['rated:1:3', ['cat']],
	['resched:1', ['sun.1']],
	['resched:0', []],
	['introduced:1', ['hund']],
	['introduced:2', ['hund', 'sun.1']],
	['introduced:30', ['cat', 'hund', 'sun.1']],
	['prop:rated=-1', ['sun.1']],
	['prop:rated=-3:1', ['cat']],
	['prop:rated!=0', ['cat', 'sun.1']],
	['prop:rated>-2', ['cat', 'hund', 'sun.1']],
	['prop:rated<-2', ['cat']],
	['prop:resched=0', ['sun.1']],
	// ids
	['nid:{note:dog},{note:cat}', ['cat', 'dog']],
	['cid:{card:sun.2}', ['sun.2']],
	['cid:99999999999999999999999', []],
	['dupe:{notetype:Basic},dog', ['dog', 'dog2']],
	['dupe:{notetype:Basic},cat', []],
	// combinations and precedence
	['dog or cat', ['cat', 'dog', 'dog2', 'hund']],
	['tag:marked or tag:leech deck:spanish', ['num', 'sun.1', 'sun.2']],
	['(tag:marked or tag:leech) deck:spanish', ['sun.1', 'sun.2']],
	['-(tag:marked or tag:leech)', except('num', 'sun.1', 'sun.2')],
	['-cat -mouse', except('cat', 'mouse')],
	['is:due -deck:filtered flag:0', ['mouse', 'sun.1']],
];

const schemas = [11, 18] as const;

describe.each(schemas)('terms on a schema %i collection', schema => {
	let world: World;
	beforeAll(() => {
		world = buildWorld(schema);
	});
	afterAll(() => world.close());

	const resolve = (query: string) =>
		query.replace(/\{(\w+):([^}]+)\}/g, (_all, kind: string, name: string) => {
			const map = {deck: world.decks, notetype: world.notetypes, note: world.notes, card: world.cards}[kind]!;
			return String(map.get(name));
		});
	const options = (): SearchOptions => ({now: NOW, minutesWest: 0});

	it('has the day the cases assume', () => {
		expect(world.context.nextDayAt).toBe(NEXT_DAY_AT);
		expect(world.context.today).toBe(world.today);
	});

	it.each(cases.map(([query, expected]) => ({query, expected})))('$query', ({query, expected}) => {
		expect(world.labels(searchCards(world.col, resolve(query), options()))).toEqual([...expected].sort());
	});

	it('notes mode returns a note when any of its cards matches', () => {
		expect(world.noteLabels(searchNotes(world.col, '-is:suspended', options()))).toEqual(
			['cat', 'dog', 'dog2', 'html', 'hund', 'moon', 'mouse', 'num', 'sun', 'uber'],
		);
		expect(world.noteLabels(searchNotes(world.col, 'is:new', options()))).toEqual(['dog', 'dog2', 'html', 'moon', 'num', 'sun']);
		expect(world.noteLabels(searchNotes(world.col, `nid:${world.notes.get('sun')}`, options()))).toEqual(['sun']);
		expect(world.noteLabels(searchNotes(world.col, 'card:2 tag:leech', options()))).toEqual(['sun']);
	});

	it('ignoreAccentsInSearch makes plain text fold like nc:', () => {
		const context = {...world.context, ignoreAccents: true};
		expect(world.labels(searchCards(world.col, 'uber', {context}))).toEqual(['uber']);
		expect(world.labels(searchCards(world.col, 'w:cafe', {context}))).toEqual(['cafe']);
	});
});
