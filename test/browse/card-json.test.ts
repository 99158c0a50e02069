// `search --json`'s card lines (core/browse/card-json.ts) against the plain way of making them, on
// real collections: each card read whole by id in the search's order, its sort field cut from the
// whole `flds` and turned into text by html_to_text_line's full pipeline, the object
// {id, noteId, deck, ...} written by JSON.stringify with DEL and C1 escaped. The lines must be the
// same bytes, whatever the note type's sort field, HTML, entities, media, controls, numeric fields,
// filtered cards, REAL numbers left by other programs, and sort order.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cardJsonLines} from '../../source/core/browse/card-json.js';
import {cardDue, cardTypeName, deckCell, rowLookup, splitTags} from '../../source/core/browse/rows.js';
import {browserSortOrder} from '../../source/core/browse/settings.js';
import type {Collection} from '../../source/core/collection/types.js';
import type {Deck, Notetype} from '../../source/core/model.js';
import {stripHtmlPreservingMediaFilenames} from '../../source/core/render/html-text.js';
import {stripControlSequences} from '../../source/core/render/sanitize.js';
import {loadSearchContext, searchCards, SORT_COLUMNS, type SearchContext, type SortOrder} from '../../source/core/search/index.js';
import {jsonText} from '../../source/core/text/json-text.js';
import {itOnEveryCollectionFile, withBenchCollection} from '../helpers/collection-files.js';
import {buildWorld, NOW, NOW_SECS, type World} from '../search/world.js';

/** The lines cardJsonLines hands over, in order. */
function searchCardJson(col: Collection, query: string, options: {context: SearchContext; order: SortOrder}): string[] {
	const lines: string[] = [];
	cardJsonLines(col, query, options, line => lines.push(line));
	return lines;
}

/** html_to_text_line step by step, without the shortcut for plain text. */
function textLine(html: string): string {
	const spaced = stripControlSequences(html).replace(/<br\s*\/?>|<div>|\n/gi, ' ').replace(/\[\[type:[^\]]+\]\]/g, '').replace(/\[sound:([^\]]+)\]/g, '$1');
	return stripHtmlPreservingMediaFilenames(spaced).trim();
}

function expectedLines(col: Collection, query: string, context: SearchContext, order: SortOrder): string[] {
	const lookup = rowLookup(context);
	const read = col.db
		.prepare('SELECT c.id, c.nid, c.did, c.odid, c.ord, c.type, c.queue, c.due, c.odue, c.ivl, c.factor, c.reps, c.lapses, c.flags, n.mid, n.tags, n.flds FROM cards c JOIN notes n ON n.id = c.nid WHERE c.id = ?')
		.raw(true);
	return searchCards(col, query, {context, order}).map(cardId => {
		const [id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, reps, lapses, flags, mid, tags, flds] = read.get(cardId) as [
			number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, string, string,
		];
		const notetype = lookup.notetypes.get(mid);
		return jsonText({
			id,
			noteId: nid,
			deck: deckCell(lookup, did, odid),
			deckId: did,
			sortField: textLine(flds.split('\u001f')[notetype?.sortFieldIndex ?? 0] ?? ''),
			due: cardDue({type, queue, due, odue, odid}, lookup),
			cardType: cardTypeName(notetype, ord),
			ord,
			notetype: notetype?.name ?? '',
			tags: splitTags(tags),
			flag: flags & 7,
			type,
			queue,
			interval: ivl,
			factor,
			reps,
			lapses,
		});
	});
}

function expectSameLines(col: Collection, queries: readonly string[], orders: readonly SortOrder[], context = loadSearchContext(col)): number {
	let lines = 0;
	for (const query of queries) {
		for (const order of orders) {
			const actual = searchCardJson(col, query, {context, order});
			expect(actual, `${query} by ${order.column}${order.reverse ? ' reversed' : ''}`).toEqual(expectedLines(col, query, context, order));
			lines += actual.length;
		}
	}
	return lines;
}

// Orders that take a second statement or temp tables of rendered text are left to the order tests.
const ORDERS: SortOrder[] = SORT_COLUMNS.filter(column => !['question', 'answer'].includes(column)).flatMap(column => [{column}, {column, reverse: true}]);

describe('search --json card lines', () => {
	describe.each([11, 18] as const)('the search world, schema %i, with awkward notes added', schema => {
		let world: World;
		let context: SearchContext;
		beforeAll(() => {
			world = buildWorld(schema);
			const {col} = world;
			col.transaction(() => {
				const adapter = col.adapter;
				const basic = adapter.notetypes().find(nt => nt.name === 'Basic')!;
				// Sorts on its second field; a name with a C1 control and a quote.
				const second: Notetype = {...basic, id: 0, name: 'By "back"\u0085', sortFieldIndex: 1};
				const mid = adapter.addNotetype(second, NOW_SECS);
				const template = adapter.decks().find(deck => deck.id === 1)!;
				const did = adapter.addDeck({...template, id: 0, name: 'Odd\u009b deck\u007f::Child'} as Deck, NOW_SECS);
				const addNote = col.db.prepare("INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) VALUES (?, ?, ?, 0, -1, ?, ?, '', 0, 0, '')");
				const addCard = col.db.prepare(
					"INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) VALUES (?, ?, ?, ?, 0, -1, ?, ?, ?, ?, ?, 3, 1, 0, 0, 0, ?, '')",
				);
				const notes: Array<[number, string, string]> = [
					[mid, ' back\u009b ', 'front\u001fsecond <b>sorts</b> &amp; [sound:x.mp3]'],
					[mid, '', 'only one field'],
					[basic.id, ' tag\u0085 ', '\u00a0 spaced\t out \u00a0\u001fb'],
					[basic.id, '', '<div>line</div><br>two\nthree [[type:Back]] &#27;[31mred&nbsp;&lt;\u001fb'],
					[basic.id, '', '12.50\u001fnumeric'],
					[basic.id, '', '\u001fempty first'],
					[basic.id, '', 'del\u007f and \u009b31mcsi \ue001marker<img src="a b.png">'],
				];
				notes.forEach(([ntid, tags, flds], i) => {
					const nid = NOW_SECS * 1000 + 100 + i;
					addNote.run(nid, `odd${i}`, ntid, tags, flds);
					addCard.run(nid, nid, did, 0, 2, 2, world.today + i, 2.5, 2500, i);
				});
			});
			context = loadSearchContext(col, {now: NOW, minutesWest: 0});
		});
		afterAll(() => world.close());

		it('are the plain way\'s lines, byte for byte, for every sort order', () => {
			const lines = expectSameLines(world.col, ['deck:*', 'is:new', 'deck:Odd*', '-tag:none'], ORDERS, context);
			expect(lines).toBeGreaterThan(0);
		});

		it('escape DEL and C1 controls, which JSON.stringify leaves raw', () => {
			const lines = searchCardJson(world.col, 'deck:Odd*', {context, order: {column: 'noteFld'}}).join('\n');
			expect(lines).toContain('"deck":"Odd\\u009b deck\\u007f::Child"');
			expect(lines).toContain('"notetype":"By \\"back\\"\\u0085"');
			expect(lines).toContain('"tags":["tag\\u0085"]');
			expect(lines).toContain('"sortField":"second sorts & x.mp3"');
			expect(lines).toContain('"interval":2.5');
			expect(lines).not.toMatch(/[\u007f-\u009f]/);
		});
	});

	it.each([11, 18] as const)('are the plain way\'s lines on a generated bench collection, schema %i', schema => {
		withBenchCollection(schema, 1500, col => {
			const order = browserSortOrder(col, 'cards');
			expect(expectSameLines(col, ['deck:*', 'tag:tenth', '"what is 42*"', 'deck:"Bench 1" is:due'], [order, {column: 'cardDue'}])).toBeGreaterThan(3000);
		});
	});

	itOnEveryCollectionFile('are the plain way\'s lines', col => {
		expect(expectSameLines(col, ['deck:*'], [browserSortOrder(col, 'cards'), {column: 'noteFld', reverse: true}, {column: 'cardDue'}, {column: 'deck'}])).toBeGreaterThan(0);
	});
});
