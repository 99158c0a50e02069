// Notes mode's rows (core/browse/rows.ts noteRows, searchNoteRows) and `search --notes --json`'s
// lines (core/browse/note-json.ts) against an independent computation on real collections: each
// note's cards read one by one, then Anki's rules applied in plain JavaScript (search-and-notes.md
// §3.2-3.3): Cards is the count; Deck is `(N)` when the cards are in N > 1 decks, else the first card's
// (by ord) deck, with its home deck when filtered; Due is the earliest date among the cards that are
// not filtered, not new, not suspended or buried. The lines must be jsonText of {id, notetype,
// sortField, cards, tags, due, deck}, byte for byte.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {noteJsonLines} from '../../source/core/browse/note-json.js';
import {deckCell, localDate, noteRows, rowLookup, searchNoteRows, splitTags, type NoteRow, type RowLookup} from '../../source/core/browse/rows.js';
import {browserSortOrder} from '../../source/core/browse/settings.js';
import type {Collection} from '../../source/core/collection/types.js';
import {htmlToTextLine} from '../../source/core/render/html-text.js';
import {loadSearchContext, searchNotes, type SearchContext, type SortOrder} from '../../source/core/search/index.js';
import {jsonText} from '../../source/core/text/json-text.js';
import {itOnEveryCollectionFile, withBenchCollection} from '../helpers/collection-files.js';
import {buildWorld, NOW, NOW_SECS, type World} from '../search/world.js';

interface CardFacts {
	ord: number;
	did: number;
	odid: number;
	type: number;
	queue: number;
	due: number;
}

/** A note's row worked out from its cards one by one. */
function expectedRow(col: Collection, lookup: RowLookup, nid: number): Omit<NoteRow, 'notetypeId' | 'color'> {
	const [mid, tags, flds] = col.db.prepare('SELECT mid, tags, flds FROM notes WHERE id = ?').raw(true).get(nid) as [number, string, string];
	const cards = (col.db.prepare('SELECT ord, did, odid, type, queue, due FROM cards WHERE nid = ?').all(nid) as CardFacts[]).sort((a, b) => a.ord - b.ord);
	const notetype = lookup.notetypes.get(mid);
	const decks = new Set(cards.map(card => card.did)).size;
	const first = cards[0];
	const now = Math.trunc(lookup.now);
	const today = Math.trunc(lookup.today);
	const dues = cards
		.filter(card => card.odid === 0 && card.type !== 0 && card.queue > 0)
		.map(card => (card.queue === 1 ? card.due : now + (card.due - today) * 86_400));
	return {
		id: nid,
		notetype: notetype?.name ?? '',
		sortField: htmlToTextLine(flds.split('\u001f')[notetype?.sortFieldIndex ?? 0] ?? ''),
		cards: cards.length,
		tags: splitTags(tags),
		due: dues.length ? localDate(Math.min(...dues)) : '',
		deck: decks > 1 ? `(${decks})` : first ? deckCell(lookup, first.did, first.odid) : '',
	};
}

function noteLines(col: Collection, query: string, options: {context: SearchContext; order: SortOrder}): string[] {
	const lines: string[] = [];
	noteJsonLines(col, query, options, line => lines.push(line));
	return lines;
}

function generatorRows(col: Collection, query: string, options: {context: SearchContext; order: SortOrder}): NoteRow[] {
	const rows: NoteRow[] = [];
	const iterator = searchNoteRows(col, query, options);
	for (let next = iterator.next(); !next.done; next = iterator.next()) rows.push(next.value);
	return rows;
}

/** Checks lines, the browser's rows and the table's rows for each query and order; returns the notes seen. */
function expectSameNotes(col: Collection, queries: readonly string[], orders: readonly SortOrder[], context = loadSearchContext(col)): number {
	const lookup = rowLookup(context);
	let notes = 0;
	for (const query of queries) {
		for (const order of orders) {
			const label = `${query} by ${order.column}${order.reverse ? ' reversed' : ''}`;
			const ids = searchNotes(col, query, {context, order});
			const expected = ids.map(id => expectedRow(col, lookup, id));
			expect(noteLines(col, query, {context, order}), label).toEqual(
				expected.map(row => jsonText({id: row.id, notetype: row.notetype, sortField: row.sortField, cards: row.cards, tags: row.tags, due: row.due, deck: row.deck})),
			);
			expect(noteRows(col, ids, rowLookup(context)), label).toMatchObject(expected);
			expect(generatorRows(col, query, {context, order}), label).toMatchObject(expected);
			notes += ids.length;
		}
	}
	return notes;
}

const ORDERS: SortOrder[] = [{column: 'noteFld'}, {column: 'noteFld', reverse: true}, {column: 'cardDue'}, {column: 'deck'}, {column: 'template'}];

describe('notes mode rows and search --notes --json lines', () => {
	describe.each([11, 18] as const)('the search world, schema %i, with notes of every kind added', schema => {
		let world: World;
		let context: SearchContext;
		const added = new Map<string, number>();
		beforeAll(() => {
			world = buildWorld(schema);
			const {col} = world;
			const deck = (name: string) => world.decks.get(name)!;
			col.transaction(() => {
				const basic = col.adapter.notetypes().find(nt => nt.name === 'Basic (and reversed card)')!;
				const addNote = col.db.prepare("INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (?, ?, ?, 0, -1, ?, ?, '', 0, 0, '')");
				const addCard = col.db.prepare(
					"INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) VALUES (?, ?, ?, ?, 0, -1, ?, ?, ?, 1, 2500, 1, 0, 0, ?, ?, 0, '')",
				);
				// [label, cards as [ord, did, type, queue, due, odue, odid]]; card ids in the order given, so ord and id order differ.
				const notes: Array<[string, Array<[number, number, number, number, number, number, number]>]> = [
					// A filtered deck holding cards from two home decks: the first card's home deck shows.
					['two homes', [[1, deck('Cram'), 2, 2, -100000, world.today + 3, deck('French')], [0, deck('Cram'), 2, 2, -100000, world.today + 2, deck('Spanish')]]],
					// Three cards in two decks; the due of a learning card is its timestamp.
					['three cards', [[0, deck('French'), 2, 2, world.today + 9, 0, 0], [1, deck('Spanish'), 1, 1, NOW_SECS + 7200, 0, 0], [2, deck('French'), 2, -1, world.today - 5, 0, 0]]],
					// Suspended and buried only: no due date.
					['all suspended', [[0, deck('French'), 2, -1, world.today + 1, 0, 0], [1, deck('French'), 2, -2, world.today + 2, 0, 0]]],
					// A day learning card (queue 3) counts; new ones do not.
					['day learning', [[0, deck('Default'), 0, 0, 7, 0, 0], [1, deck('Default'), 3, 3, world.today - 2, 0, 0]]],
					['no cards', []],
				];
				notes.forEach(([label, cards], i) => {
					const nid = NOW_SECS * 1000 + 200 + i * 10;
					addNote.run(nid, `notes${i}`, basic.id, ' added ', `${label}\u001fback`);
					cards.forEach(([ord, did, type, queue, due, odue, odid], j) => addCard.run(nid + 1 + j, nid, did, ord, type, queue, due, odue, odid));
					added.set(label, nid);
				});
			});
			context = loadSearchContext(col, {now: NOW, minutesWest: 0});
		});
		afterAll(() => world.close());

		it('match the independent computation for every kind of note and order', () => {
			expect(expectSameNotes(world.col, ['deck:*', 'tag:added', '-tag:nothing', 'is:suspended', 'deck:Cram', 'is:new'], ORDERS, context)).toBeGreaterThan(40);
		});

		it('show the cases the rules are about', () => {
			const lookup = rowLookup(context);
			const row = (id: number) => noteRows(world.col, [id], lookup)[0]!;
			// Cards in two decks, the second filtered.
			expect(row(world.notes.get('moon')!)).toMatchObject({cards: 2, deck: '(2)', due: ''});
			// One card in a filtered deck.
			expect(row(added.get('two homes')!)).toMatchObject({cards: 2, deck: 'Cram (Spanish)', due: ''});
			expect(row(added.get('three cards')!)).toMatchObject({cards: 3, deck: '(2)', due: localDate(NOW_SECS + 7200)});
			expect(row(added.get('all suspended')!)).toMatchObject({deck: 'French', due: ''});
			// A new-only note has no due date.
			expect(row(world.notes.get('dog')!)).toMatchObject({cards: 1, deck: 'French', due: ''});
			expect(row(added.get('no cards')!)).toMatchObject({cards: 0, deck: '', due: ''});
			const none = noteLines(world.col, 'tag:added', {context, order: {column: 'noteFld'}}).find(line => line.includes('"no cards"'));
			expect(none).toBe(`{"id":${added.get('no cards')},"notetype":"Basic (and reversed card)","sortField":"no cards","cards":0,"tags":["added"],"due":"","deck":""}`);
		});
	});

	it.each([11, 18] as const)('match on a generated bench collection, schema %i', schema => {
		withBenchCollection(schema, 1500, col => {
			const order = browserSortOrder(col, 'notes');
			expect(expectSameNotes(col, ['deck:*', 'tag:tenth', '"what is 42*"'], [order, {column: 'cardDue'}])).toBeGreaterThan(3000);
		});
	});

	itOnEveryCollectionFile('match', col => {
		expect(expectSameNotes(col, ['deck:*', '-tag:nothing'], [browserSortOrder(col, 'notes'), {column: 'cardDue'}, {column: 'deck'}])).toBeGreaterThan(0);
	});
});
