// The browser's search (parts answered separately against a sorted TEMP universe) finds exactly
// what one whole query finds, in the same order, for cards and notes, before and after writes.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {suspendCards} from '../../source/core/browse/card-actions.js';
import {BrowseSession} from '../../source/core/browse/session.js';
import {searchCards, searchNotes, type SortOrder} from '../../source/core/search/index.js';
import {buildWorld, NOW, type World} from '../search/world.js';

const queries = [
	'', 'dog', 'deck:french', 'deck:french dog', 'tag:animal is:review', 'is:new -tag:none', 'card:2 tag:leech', 'dog or is:suspended',
	'-deck:filtered flag:0 prop:ivl>=0', 'nid:1,2', 'deck:spanish card:cloze', '(tag:animal or tag:vocab) is:learn', 'note:basic -is:new dog', 'deck:nosuch',
	// Parts that match most rows (answered by the rows they leave out), alone and with narrower ones;
	// prop:s is NULL for cards without FSRS data, which neither the part nor its negation finds.
	'-dog', '-is:suspended', '-dog -is:suspended', '-nosuchword is:new', 'prop:s>1', '-prop:s>1', '-prop:s>1 -dog', 'prop:s>1 or -dog', 'deck:* -tag:none', '-dog -cat -mouse', 'a -dog -is:new',
];
const orders: SortOrder[] = [{column: 'noteFld'}, {column: 'cardDue', reverse: true}, {column: 'deck'}];

describe.each([11, 18] as const)('browse session on schema %i', schema => {
	let world: World;
	let session: BrowseSession;
	beforeAll(() => {
		world = buildWorld(schema);
		session = new BrowseSession(world.col, () => NOW);
	});
	afterAll(() => world.close());

	it.each(queries)('%j finds what one query finds, in the same order', query => {
		for (const order of orders) {
			expect([...session.search(query, 'cards', order).ids]).toEqual(searchCards(world.col, query, {now: NOW, order}));
			expect([...session.search(query, 'notes', {column: 'noteFld'}).ids]).toEqual(searchNotes(world.col, query, {now: NOW, order: {column: 'noteFld'}}));
		}
	});

	// Each key press searches again, and which side of a part is asked first follows the parts before
	// it: every prefix of these, typed in one session, must still find exactly what one query finds.
	it.each(['deck:french dog', 'a -dog', '-x o', 'o is:new', 'tag:animal o', 'd'])('typing %j key by key finds what one query finds at every key', typed => {
		const typing = new BrowseSession(world.col, () => NOW);
		const outcome = (find: () => readonly number[] | Float64Array) => {
			try {
				return [...find()];
			} catch (error) {
				return String(error);
			}
		};
		for (let i = 1; i <= typed.length; i++) {
			const query = typed.slice(0, i);
			expect(outcome(() => typing.search(query, 'cards', {column: 'noteFld'}).ids), query).toEqual(outcome(() => searchCards(world.col, query, {now: NOW, order: {column: 'noteFld'}})));
			expect(outcome(() => typing.search(query, 'notes', {column: 'noteFld'}).ids), query).toEqual(outcome(() => searchNotes(world.col, query, {now: NOW, order: {column: 'noteFld'}})));
		}
	});

	it('sees writes after invalidate()', () => {
		expect([...session.search('is:suspended', 'cards', {column: 'noteFld'}).ids]).toEqual([world.cards.get('cafe')]);
		suspendCards(world.col, [world.cards.get('dog')!], {nowMs: NOW});
		session.invalidate();
		expect(world.labels([...session.search('is:suspended', 'cards', {column: 'noteFld'}).ids])).toEqual(['cafe', 'dog']);
	});

	it('keeps the cards and notes orders apart while switching, and drops both after invalidate()', () => {
		const cards = () => world.labels([...session.search('is:suspended', 'cards', {column: 'noteFld'}).ids]);
		const notes = () => [...session.search('is:suspended', 'notes', {column: 'noteFld'}).ids];
		const before = notes();
		expect(cards()).toEqual(['cafe', 'dog']);
		suspendCards(world.col, [world.cards.get('sun.1')!], {nowMs: NOW});
		expect(notes()).toEqual(before);
		session.invalidate();
		expect(cards()).toEqual(['cafe', 'dog', 'sun.1']);
		expect(notes()).toEqual(searchNotes(world.col, 'is:suspended', {now: NOW, order: {column: 'noteFld'}}));
		expect(notes()).toContain(world.notes.get('sun'));
	});

	it('says which names matched nothing', () => {
		expect(session.search('deck:nosuch dog', 'cards', {column: 'noteFld'}).unmatched).toEqual(['no deck matches "nosuch"']);
	});
});
