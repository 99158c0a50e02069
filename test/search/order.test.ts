// The Browse window's sort orders (search-and-notes.md §3.4) on the generated collections.
import {copyFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {compileSearch, isSortable, searchCards, searchNotes, SORT_COLUMNS, type SortOrder} from '../../source/core/search/index.js';
import {tempDir} from '../helpers/shared.js';
import {buildWorld, NOW, type World} from './world.js';

describe.each([11, 18] as const)('sort orders on schema %i', schema => {
	let world: World;
	beforeAll(() => {
		world = buildWorld(schema);
	});
	afterAll(() => world.close());

	const cards = (order: SortOrder, query = '') => searchCards(world.col, query, {now: NOW, minutesWest: 0, order}).map(id => world.labels([id])[0]);
	const notes = (order: SortOrder, query = '') => searchNotes(world.col, query, {now: NOW, minutesWest: 0, order}).map(id => world.noteLabels([id])[0]);

	it('Sort Field: numbers before text, ASCII case folded, then card ord', () => {
		// (dog2's sort field is "dog" too: the tie is left out.)
		const query = `-nid:${world.notes.get('dog2')}`;
		expect(cards({column: 'noteFld'}, query)).toEqual(['num', 'html', 'cafe', 'cat', 'dog', 'hund', 'mouse', 'sun.1', 'sun.2', 'moon.1', 'moon.2', 'uber']);
	});

	it('reversing reverses the secondary key too', () => {
		const query = `-nid:${world.notes.get('dog2')}`;
		expect(cards({column: 'noteFld', reverse: true}, query)).toEqual(['uber', 'moon.2', 'moon.1', 'sun.2', 'sun.1', 'mouse', 'hund', 'dog', 'cat', 'cafe', 'html', 'num']);
	});

	it('Due: new by position, learning by time, reviews by day, from due (not odue)', () => {
		expect(cards({column: 'cardDue'})).toEqual(['moon.2', 'dog', 'num', 'sun.2', 'moon.1', 'html', 'dog2', 'cat', 'mouse', 'sun.1', 'hund', 'uber', 'cafe']);
	});

	it('Deck: by the deck names in native order', () => {
		const rank = ['Cram', 'Default', 'French', 'French::Nouns', 'French::Verbs', 'Frenchy', 'Spanish', 'Ünïcode Deck'];
		const deckOf = new Map(
			(world.col.db.prepare('SELECT id, did FROM cards').all() as Array<{id: number; did: number}>).map(r => [r.id, [...world.decks].find(([, id]) => id === r.did)![0]]),
		);
		const sequence = searchCards(world.col, '', {now: NOW, order: {column: 'deck'}}).map(id => rank.indexOf(deckOf.get(id)!));
		expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
		expect(sequence[0]).toBe(0);
	});

	it('Card Type: template names across notetypes (cloze cards rank as their ord 0), then ord', () => {
		expect(cards({column: 'template'}, 'card:2 or note:cloze or note:vocab')).toEqual(['sun.2', 'moon.1', 'moon.2', 'hund']);
	});

	it('Ease puts new cards last; Interval, Reviews and Lapses are column orders', () => {
		expect(cards({column: 'cardEase'}, 'is:review -card:2 -sun')).toEqual(['hund', 'uber', 'cafe', 'cat']);
		expect(cards({column: 'cardEase'}, 'tag:animal or tag:wildanimal')).toEqual(['mouse', 'cat', 'dog']);
		expect(cards({column: 'cardIvl', reverse: true}, 'is:review')[0]).toBe('moon.2');
		expect(cards({column: 'cardLapses', reverse: true}, 'prop:lapses>0')).toEqual(['hund', 'cat']);
	});

	it('notes mode: Sort Field, and Due with notes lacking a due card first', () => {
		expect(notes({column: 'noteFld'}, `-nid:${world.notes.get('dog2')}`)).toEqual(['num', 'html', 'cafe', 'cat', 'dog', 'hund', 'mouse', 'sun', 'moon', 'uber']);
		const due = notes({column: 'cardDue'});
		// Only unfiltered, non-new, unsuspended, unburied cards give a note a due date.
		expect(due.slice(-4)).toEqual(['cat', 'mouse', 'sun', 'hund']);
		expect(new Set(due.slice(0, 7))).toEqual(new Set(['dog', 'dog2', 'html', 'moon', 'num', 'cafe', 'uber']));
	});

	it('notes mode: Cards counts cards, Reviews sums them', () => {
		expect(notes({column: 'template', reverse: true}).slice(0, 2).sort()).toEqual(['moon', 'sun']);
		expect(notes({column: 'cardReps', reverse: true})[0]).toBe('cat');
		expect(notes({column: 'cardReps'}, 'is:new').slice(0, 4).sort()).toEqual(['dog', 'dog2', 'html', 'num']);
	});

	it('a search only on notes joins from the notes, with the cards and order of the join from the cards', () => {
		const cardsFirst = 'cards c JOIN notes n ON n.id = c.nid';
		let compared = 0;
		for (const query of ['tag:animal', 'dog', '-tag:animal', 'note:Basic*', 'front:c*', 'cat or mouse']) {
			for (const column of SORT_COLUMNS) {
				if (!isSortable(column, 'cards')) continue;
				for (const reverse of [false, true]) {
					const compiled = compileSearch(world.col, query, 'cards', {now: NOW, minutesWest: 0, order: {column, reverse}});
					expect(compiled.sql).toContain('FROM notes n CROSS JOIN cards c ON c.nid = n.id');
					// The outer loop (the first table the plan reads) is the notes.
					const plan = (world.col.db.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.params) as Array<{detail: string}>).map((row) => row.detail);
					expect(plan.map((step) => /^(?:SCAN|SEARCH) (\w+)/.exec(step)?.[1]).find(Boolean), plan.join(' | ')).toBe('n');
					const got = world.col.db.prepare(compiled.sql).pluck().all(...compiled.params);
					const want = world.col.db.prepare(compiled.sql.replace('notes n CROSS JOIN cards c ON c.nid = n.id', cardsFirst)).pluck().all(...compiled.params);
					expect(got, `${query} by ${column}${reverse ? ' reversed' : ''}`).toEqual(want);
					if (got.length > 1) compared++;
				}
			}
		}
		expect(compared).toBeGreaterThan(50);
		// Terms on cards, or no order (rows in the statement's own order): the join stays as it was.
		expect(compileSearch(world.col, 'tag:animal is:review', 'cards', {now: NOW, order: {column: 'noteFld'}}).sql).toContain(cardsFirst);
		expect(compileSearch(world.col, 'dog', 'cards', {now: NOW, columns: 'c.id'}).sql).toContain(cardsFirst);
	});

	it('every sortable column runs in both modes', () => {
		for (const column of SORT_COLUMNS) {
			for (const itemType of ['cards', 'notes'] as const) {
				const run = () => (itemType === 'cards' ? searchCards : searchNotes)(world.col, '', {now: NOW, order: {column}});
				if (isSortable(column, itemType)) expect(run().length).toBe(itemType === 'cards' ? 13 : 11);
				else expect(run).toThrow('Sorting on this column is not supported. Please choose another.');
			}
		}
	});

	it('sorts on a read-only open without writing the file', () => {
		const temp = tempDir();
		const copy = path.join(temp.dir, 'copy.anki2');
		world.col.idle();
		copyFileSync(world.file, copy);
		const before = world.col.db.prepare('SELECT mod FROM col').pluck().get();
		const readOnly = openCollection(copy, {readOnly: true});
		try {
			expect(searchNotes(readOnly, '', {order: {column: 'deck'}}).length).toBe(11);
			expect(readOnly.db.pragma('query_only', {simple: true})).toBe(1);
			expect(() => readOnly.db.exec('UPDATE col SET mod = 1')).toThrow();
			expect(readOnly.db.prepare('SELECT mod FROM col').pluck().get()).toBe(before);
		} finally {
			readOnly.close();
			temp.cleanup();
		}
	});
});
