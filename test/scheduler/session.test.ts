// The review session over a real schema-11 SQLite file: queue, counts, answer writes, undo, actions.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openReviewSession} from '../../source/core/scheduler/session.js';
import {deckTreeCounts} from '../../source/core/scheduler/deck-counts.js';
import {intersperse} from '../../source/core/scheduler/queue/intersperse.js';
import {fnvHash} from '../../source/core/collection/fnv-hash.js';
import {tempDir} from '../helpers/shared.js';
import {dumpRows} from '../notes/helpers.js';
import {addDeck, addNote, openTestCollection, type TestCollection} from './test-collection.js';
import {defaultConfig} from './helpers.js';

const START = Date.UTC(2026, 0, 10, 12, 0, 0); // noon UTC, rollover 4 am UTC
let col: TestCollection;
let cleanup: () => void;
let clock = START;
let today = 0;

const session = (deckId = 1) => openReviewSession(col, deckId, {now: () => clock, minutesWest: 0, fuzz: false});
const row = (id: number) => col.db.prepare('SELECT * FROM cards WHERE id = ?').get(id) as Record<string, number | string>;
const decksJson = () => JSON.parse((col.db.prepare('SELECT decks FROM col').get() as {decks: string}).decks);

beforeEach(() => {
	const t = tempDir();
	cleanup = t.cleanup;
	clock = START;
	col = openTestCollection(t.dir, START - 30 * 86400_000, 0);
	today = 30;
});
afterEach(() => {
	col.close();
	cleanup();
});

describe('queue and counts', () => {
	it('puts due learning first, then reviews and new cards, with counts as Anki shows them', () => {
		const nowSecs = Math.floor(START / 1000);
		const [learning] = addNote(col, 1, [{type: 1, queue: 1, due: nowSecs - 60, left: 1}]);
		addNote(col, 1, [{type: 2, queue: 2, due: today, ivl: 5, factor: 2500}]);
		addNote(col, 1, [{type: 2, queue: 2, due: today - 2, ivl: 5, factor: 2500}]);
		addNote(col, 1, [{type: 2, queue: 2, due: today + 1, ivl: 5, factor: 2500}]);
		addNote(col, 1, [{}]);
		addNote(col, 1, [{}]);
		addNote(col, 1, [{queue: -1}]);
		const s = session();
		expect(s.counts()).toEqual({new: 2, learn: 1, review: 2});
		expect(s.current()?.card.id).toBe(learning!.id);
		expect(s.current()?.kind).toBe('learn');
		expect(deckTreeCounts(col, new Date(clock), {minutesWest: 0}).get(1)).toEqual({new: 2, learn: 1, review: 2});
	});

	it('applies limits per deck and caps children by the selected parent', () => {
		col.adapter.addDeckConfig(defaultConfig({id: 2, name: 'three a day', newPerDay: 3}), 0);
		addDeck(col, 10, 'Parent', 2);
		addDeck(col, 11, 'Parent::A');
		addDeck(col, 12, 'Parent::B');
		for (let i = 0; i < 5; i++) addNote(col, 11, [{}]);
		for (let i = 0; i < 5; i++) addNote(col, 12, [{}]);
		expect(session(10).counts().new).toBe(3);
		expect(session(11).counts().new).toBe(5);
		const counts = deckTreeCounts(col, new Date(clock), {minutesWest: 0});
		expect(counts.get(10)?.new).toBe(3);
		expect(counts.get(11)?.new).toBe(5);
		expect(counts.get(12)?.new).toBe(5);
	});

	it('counts what was already studied today against the limit', () => {
		col.adapter.addDeckConfig(defaultConfig({id: 2, name: 'two', newPerDay: 2}), 0);
		addDeck(col, 10, 'Two', 2);
		for (let i = 0; i < 4; i++) addNote(col, 10, [{}]);
		const s = session(10);
		expect(s.counts().new).toBe(2);
		s.answer(3, 1000);
		expect(session(10).counts().new).toBe(1);
		expect(deckTreeCounts(col, new Date(clock), {minutesWest: 0}).get(10)?.new).toBe(1);
	});

	it('skips and buries siblings when the preset asks for it', () => {
		col.adapter.addDeckConfig(defaultConfig({id: 2, name: 'bury', buryNew: true}), 0);
		addDeck(col, 10, 'Bury', 2);
		const [first, second] = addNote(col, 10, [{}, {}]);
		const s = session(10);
		expect(s.counts().new).toBe(1);
		s.answer(3, 1000);
		expect(row(second!.id).queue).toBe(-2);
		expect(row(second!.id).usn).toBe(-1);
		expect(row(first!.id).queue).toBe(1);
		s.undo();
		expect(row(second!.id).queue).toBe(0);
	});

	it('gathers new cards deck by deck in position order and spreads them among reviews', () => {
		addDeck(col, 10, 'Top');
		addDeck(col, 11, 'Top::Sub');
		const sub = addNote(col, 11, [{due: 1}])[0]!;
		const top2 = addNote(col, 10, [{due: 9}])[0]!;
		const top1 = addNote(col, 10, [{due: 3}])[0]!;
		const reviews = [0, 1, 2, 3].map(i => addNote(col, 10, [{type: 2, queue: 2, due: today - i, ivl: 3, factor: 2500}])[0]!);
		const s = session(10);
		const order: Array<[number, string]> = [];
		while (s.current()) {
			const entry = s.current()!;
			order.push([entry.card.id, entry.kind]);
			s.answer(4, 0);
		}
		expect(order.map(([, kind]) => kind).join(',')).toBe('review,new,review,new,review,new,review');
		expect(order.filter(([, kind]) => kind === 'new').map(([id]) => id)).toEqual([top1.id, top2.id, sub.id]);
		expect(order.filter(([, kind]) => kind === 'review').map(([id]) => id)).toEqual([reviews[3]!.id, reviews[2]!.id, reviews[1]!.id, reviews[0]!.id]);
	});

	it('intersperses as rslib does', () => {
		expect(intersperse([1, 2, 3], [11, 22, 33])).toEqual([1, 11, 2, 22, 3, 33]);
		expect(intersperse([1, 2, 3, 4], [11])).toEqual([1, 2, 11, 3, 4]);
	});

	it('fnvhash is FNV-1a 64 over little-endian i64s, signed', () => {
		expect(fnvHash()).toBe(BigInt.asIntN(64, 0xcbf29ce484222325n));
		expect(fnvHash(0)).toBe(BigInt.asIntN(64, 0xa8c7f832281a39c5n));
	});
});

describe('answering', () => {
	it('writes card, revlog, deck counters and col.mod in one go', () => {
		const [card] = addNote(col, 1, [{}]);
		const s = session();
		expect(s.buttons().labels).toEqual({1: '<1m', 2: '<6m', 3: '<10m', 4: '4d'});
		s.answer(3, 123_456);
		const after = row(card!.id);
		expect(after).toMatchObject({type: 1, queue: 1, left: 1, reps: 1, usn: -1, mod: Math.floor(clock / 1000), due: Math.floor(clock / 1000) + 600});
		const revlog = col.db.prepare('SELECT * FROM revlog').all() as Array<Record<string, number>>;
		expect(revlog).toEqual([{id: clock, cid: card!.id, usn: -1, ease: 3, ivl: -600, lastIvl: 0, factor: 0, time: 60_000, type: 0}]);
		const deck = decksJson()['1'];
		expect(deck.newToday).toEqual([today, 1]);
		expect(deck.timeToday).toEqual([today, 60_000]);
		expect(deck.usn).toBe(-1);
		expect(col.info().mod).toBe(clock);
		expect(s.summary()).toEqual({studied: 1, again: 0, millisecondsStudied: 60_000});
	});

	it('brings a learning card back when due and graduates it', () => {
		const [card] = addNote(col, 1, [{}]);
		const s = session();
		s.answer(3, 1000);
		expect(s.current()?.card.id).toBe(card!.id); // only card left: shown within the learn-ahead limit
		expect(s.counts()).toEqual({new: 0, learn: 1, review: 0});
		clock += 11 * 60_000;
		s.answer(3, 1000);
		expect(row(card!.id)).toMatchObject({type: 2, queue: 2, ivl: 1, due: today + 1, factor: 2500});
		expect(s.current()).toBeNull();
		expect(s.counts()).toEqual({new: 0, learn: 0, review: 0});
	});

	it('keeps revlog ids unique when two answers share a millisecond', () => {
		addNote(col, 1, [{}]);
		addNote(col, 1, [{}]);
		const s = session();
		s.answer(3, 0);
		s.answer(3, 0);
		const ids = (col.db.prepare('SELECT id FROM revlog ORDER BY id').all() as Array<{id: number}>).map(r => r.id);
		expect(ids).toEqual([clock, clock + 1]);
	});

	it('tags leeches on the note and registers the tag', () => {
		const [card] = addNote(col, 1, [{type: 2, queue: 2, due: today, ivl: 10, factor: 2500, lapses: 7, reps: 20}], ' hard ');
		const s = session();
		s.answer(1, 1000);
		const note = col.db.prepare('SELECT tags, usn FROM notes WHERE id = ?').get(card!.nid) as {tags: string; usn: number};
		expect(note.tags).toBe(' hard leech ');
		expect(note.usn).toBe(-1);
		expect(col.adapter.allTags()).toContain('leech');
		s.undo();
		expect((col.db.prepare('SELECT tags FROM notes WHERE id = ?').get(card!.nid) as {tags: string}).tags).toBe(' hard ');
	});

	it('undo restores the card row, removes the revlog row and restores the counters', () => {
		const [card] = addNote(col, 1, [{type: 2, queue: 2, due: today, ivl: 10, factor: 2500, reps: 3, usn: 5, mod: 77}]);
		const before = row(card!.id);
		const decksBefore = decksJson()['1'];
		const s = session();
		s.answer(4, 5000);
		expect(row(card!.id).ivl).toBeGreaterThan(10);
		expect(s.canUndo()).toBe(true);
		s.undo();
		expect(row(card!.id)).toEqual(before);
		expect(col.db.prepare('SELECT count(*) AS n FROM revlog').get()).toEqual({n: 0});
		expect(decksJson()['1'].revToday).toEqual(decksBefore.revToday);
		expect(s.current()?.card.id).toBe(card!.id);
		expect(s.counts().review).toBe(1);
		expect(s.summary().studied).toBe(0);
	});
});

describe('one undo queue for answers and operations', () => {
	it('undoing an answer leaves every row of the file as it was, byte for byte', () => {
		addNote(col, 1, [{type: 2, queue: 2, due: today, ivl: 10, factor: 2500, reps: 3, usn: 5, mod: 77}], ' hard ');
		const s = session(); // (opening the first session of the day writes lastUnburied)
		const before = dumpRows(col.db);
		s.answer(1, 5000);
		expect(s.undoLabel()).toBe('Answer Card');
		expect(s.undo()).toBe('Answer Card');
		expect(dumpRows(col.db)).toEqual(before);
	});

	it('u reverts the latest of answers and edits, in the order they happened', () => {
		const [a] = addNote(col, 1, [{}]);
		addNote(col, 1, [{}]);
		const s = session();
		s.answer(3, 1000);
		const afterAnswer = dumpRows(col.db);
		clock += 1000;
		col.undo.run('Update Note', () => col.db.prepare("UPDATE notes SET flds = 'edited\x1fback', mod = 1, usn = -1 WHERE id = ?").run(a!.nid), {nowMs: clock});
		s.refresh();
		expect(s.undoLabel()).toBe('Update Note');
		expect(s.undo()).toBe('Update Note');
		expect(dumpRows(col.db)).toEqual(afterAnswer);
		expect(s.undo()).toBe('Answer Card');
		expect(s.current()?.card.id).toBe(a!.id);
		expect(s.summary().studied).toBe(0);
		expect(s.undo()).toBeNull();
	});

	it('after an edit undone elsewhere, the card on screen stays on screen', () => {
		addNote(col, 1, [{}]);
		const [b] = addNote(col, 1, [{}]);
		const s = session();
		s.answer(3, 1000);
		const shown = s.current()!.card.id;
		col.undo.run('Update Note', () => col.db.prepare("UPDATE notes SET tags = ' x ' WHERE id = ?").run(b!.nid), {nowMs: clock});
		s.refresh();
		expect(s.current()?.card.id).toBe(shown);
		s.undo();
		expect(s.current()?.card.id).toBe(shown);
	});
});

describe('actions', () => {
	it('flags toggle, keep other bits, and undo', () => {
		const [card] = addNote(col, 1, [{flags: 0b1000}]);
		const s = session();
		s.setFlag(3);
		expect(row(card!.id)).toMatchObject({flags: 0b1011, usn: -1});
		s.setFlag(3);
		expect(row(card!.id).flags).toBe(0b1000);
		s.setFlag(7);
		s.undo();
		expect(row(card!.id).flags).toBe(0b1000);
	});

	it('mark toggles the marked tag', () => {
		const [card] = addNote(col, 1, [{}]);
		const s = session();
		s.toggleMark();
		expect((col.db.prepare('SELECT tags FROM notes WHERE id = ?').get(card!.nid) as {tags: string}).tags).toBe(' marked ');
		s.toggleMark();
		expect((col.db.prepare('SELECT tags FROM notes WHERE id = ?').get(card!.nid) as {tags: string}).tags).toBe('');
	});

	it("mark writes the note's tags as Anki's update_note does: in unicase order, the registry's spelling", () => {
		const [card] = addNote(col, 1, [{}]);
		col.adapter.registerTags(['Marked']);
		col.db.prepare("UPDATE notes SET tags = ' zoo Alpha ' WHERE id = ?").run(card!.nid);
		session().toggleMark();
		expect(col.db.prepare('SELECT tags FROM notes WHERE id = ?').pluck().get(card!.nid)).toBe(' Alpha Marked zoo ');
	});

	it('bury and suspend leave the queue and undo brings the card back', () => {
		const [a, b] = addNote(col, 1, [{}, {}]);
		const [c] = addNote(col, 1, [{}]);
		const s = session();
		expect(s.counts().new).toBe(3);
		s.buryNote();
		expect([row(a!.id).queue, row(b!.id).queue]).toEqual([-3, -3]);
		expect(s.counts().new).toBe(1);
		s.suspendCard();
		expect(row(c!.id).queue).toBe(-1);
		expect(s.current()).toBeNull();
		s.undo();
		expect(row(c!.id).queue).toBe(0);
		expect(s.current()?.card.id).toBe(c!.id);
		s.undo();
		expect(s.counts().new).toBe(3);
	});

	it('buried cards come back on the next day without touching mod/usn', () => {
		const [a] = addNote(col, 1, [{}]);
		const s = session();
		s.buryCard();
		const buried = row(a!.id);
		expect(deckTreeCounts(col, new Date(clock), {minutesWest: 0}).get(1)?.new).toBe(0);
		clock += 86400_000;
		expect(deckTreeCounts(col, new Date(clock), {minutesWest: 0}).get(1)?.new).toBe(1);
		expect(row(a!.id).queue).toBe(-3);
		expect(s.counts().new).toBe(1);
		const after = row(a!.id);
		expect(after.queue).toBe(0);
		expect([after.mod, after.usn]).toEqual([buried.mod, buried.usn]);
	});
});

describe('FSRS and filtered decks through the session', () => {
	it('writes FSRS memory, retention and decay when the collection enables FSRS', () => {
		col.adapter.setConfig('fsrs', true, 0);
		const [card] = addNote(col, 1, [{}]);
		const [old] = addNote(col, 1, [{type: 2, queue: 2, due: today, ivl: 10, factor: 2500, reps: 4}]);
		col.db.prepare('INSERT INTO revlog VALUES (?, ?, 0, 3, 10, 3, 2500, 5000, 1)').run(START - 10 * 86400_000, old!.id);
		const s = session();
		while (s.current() && s.current()!.card.id !== card!.id && s.current()!.card.id !== old!.id) s.answer(3, 1000);
		s.answer(3, 1000);
		s.answer(3, 1000);
		for (const id of [card!.id, old!.id]) {
			const data = JSON.parse(String(row(id).data));
			expect(data.s).toBeGreaterThan(0);
			expect(data.d).toBeGreaterThanOrEqual(1);
			expect(data.dr).toBe(0.9);
			expect(data.decay).toBe(0.154);
		}
		const factors = (col.db.prepare('SELECT factor FROM revlog WHERE id >= ?').all(START) as Array<{factor: number}>).map(r => r.factor);
		for (const f of factors) expect(f).toBeGreaterThanOrEqual(100);
		for (const f of factors) expect(f).toBeLessThanOrEqual(1100);
	});

	it('counts answers in a filtered deck against that deck and sends reviews home', () => {
		col.adapter.addDeck(
			{
				id: 50, name: 'Cram', mtimeSecs: 0, usn: 0, collapsed: false, browserCollapsed: false, description: '',
				today: {day: 0, newStudied: 0, reviewStudied: 0, learningStudied: 0, millisecondsStudied: 0},
				filtered: {reschedule: true, searchTerms: [], previewDelayMins: 0, previewAgainSecs: 60, previewHardSecs: 600, previewGoodSecs: 0},
			},
			0,
		);
		const [card] = addNote(col, 50, [{type: 2, queue: 2, due: -100000, odue: today, odid: 1, ivl: 10, factor: 2500, reps: 3}]);
		const s = session(50);
		expect(s.counts().review).toBe(1);
		s.answer(3, 2000);
		expect(row(card!.id)).toMatchObject({did: 1, odid: 0, odue: 0, queue: 2, ivl: 25, due: today + 25});
		expect(decksJson()['50'].revToday).toEqual([today, 1]);
	});
});
