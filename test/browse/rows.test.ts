// The browser's cells (search-and-notes.md §3.2-3.3): Sort Field, Card Type / Cards, Due, Deck and
// the row colour, for cards and notes in every state of the generated collection.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cardRows, noteRows, rowLookup} from '../../source/core/browse/rows.js';
import {buildWorld, type World} from '../search/world.js';

process.env['TZ'] = 'UTC';

describe.each([11, 18] as const)('browser rows on schema %i', schema => {
	let world: World;
	beforeAll(() => {
		world = buildWorld(schema);
	});
	afterAll(() => world.close());

	const card = (label: string) => cardRows(world.col, [world.cards.get(label)!], rowLookup(world.context))[0]!;
	const note = (label: string) => noteRows(world.col, [world.notes.get(label)!], rowLookup(world.context))[0]!;

	it('Due: position for new cards, dates for the rest, parentheses when suspended or buried', () => {
		expect(card('dog').due).toBe('New #1');
		expect(card('num').due).toBe('(New #2)');
		expect(card('cat').due).toBe('2026-06-14');
		expect(card('cafe').due).toBe('(2026-06-20)');
		expect(card('uber').due).toBe('(2026-06-18)');
		expect(card('mouse').due).toBe('2026-06-15');
		expect(card('hund').due).toBe('2026-06-15');
		expect(card('moon.2').due).toBe('(filtered)');
	});

	it('Card Type names the template; cloze cards add their number', () => {
		expect(card('sun.2').cardType).toBe('Card 2');
		expect(card('moon.1').cardType).toBe('Cloze 1');
		expect(card('moon.2').cardType).toBe('Cloze 2');
		expect(card('hund').cardType).toBe('Recognition');
	});

	it('Deck shows the home deck of a filtered card', () => {
		expect(card('moon.2').deck).toBe('Cram (Spanish)');
		expect(card('cat').deck).toBe('French::Verbs');
	});

	it('Sort Field is the raw field on one line, HTML stripped, not sfld', () => {
		expect(card('num').sortField).toBe('007');
		expect(card('html').sortField).toBe('a&b <tag>');
		expect(card('dog2').sortField).toBe('dog');
		expect(card('moon.1').sortField).toBe('The {{c1::moon::🌛}} {{c2::orbits}} the earth');
	});

	it('colour: flag beats marked beats suspended beats buried', () => {
		expect(card('cat').color).toBe('flag1');
		expect(card('hund').color).toBe('flag3');
		expect(card('num').color).toBe('marked');
		expect(card('cafe').color).toBe('suspended');
		expect(card('uber').color).toBe('buried');
		expect(card('dog').color).toBeNull();
	});

	it('notes: card count, decks, earliest due date of a studied card', () => {
		expect(note('moon')).toMatchObject({cards: 2, deck: '(2)', due: '', notetype: 'Cloze'});
		expect(note('sun')).toMatchObject({cards: 2, deck: 'Spanish', due: '2026-06-15', tags: ['leech']});
		expect(note('cat')).toMatchObject({cards: 1, due: '2026-06-14'});
		expect(note('num').color).toBe('marked');
	});

	it('keeps the order of the ids given and skips ids that are gone', () => {
		const ids = [world.cards.get('uber')!, 123, world.cards.get('cat')!];
		expect(cardRows(world.col, ids, rowLookup(world.context)).map(row => row.id)).toEqual([ids[0], ids[2]]);
	});
});
