// Review sort orders 5/6 under FSRS, 7/11 (retrievability) and 12 (relative overdueness), through
// the SQL functions registered on a real SQLite connection, as Anki orders its due cards.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {dueDayCards} from '../../source/core/collection/cards.js';
import {
	currentRetrievability,
	extractRelativeRetrievability,
	extractRetrievability,
} from '../../source/core/collection/sql-functions.js';
import {openReviewSession} from '../../source/core/scheduler/session.js';
import {tempDir} from '../helpers/shared.js';
import {addNote, openTestCollection, type TestCollection} from './test-collection.js';
import {defaultConfig} from './helpers.js';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);
const NOW = Math.floor(START / 1000);
const TODAY = 30;
const DAY = 86400;
let col: TestCollection;
let cleanup: () => void;

beforeEach(() => {
	const t = tempDir();
	cleanup = t.cleanup;
	col = openTestCollection(t.dir, START - TODAY * 86400_000, 0);
});
afterEach(() => {
	col.close();
	cleanup();
});

const fsrsData = (s: number, d: number, daysAgo: number, dr = 0.9) => JSON.stringify({s, d, dr, decay: 0.5, lrt: NOW - daysAgo * DAY});
const review = (due: number, ivl: number, data = '') => addNote(col, 1, [{type: 2, queue: 2, due, ivl, factor: 2500, data}])[0]!.id;
const order = (reviewOrder: number, fsrs = false) =>
	[...dueDayCards(col.db, [1], 2, TODAY, reviewOrder, {nowSecs: NOW, nextDayAt: NOW + 16 * 3600, fsrs})].map(c => c.id);

describe('the SQL functions', () => {
	it('retrievability is 0.9 after exactly one stability, and null without FSRS memory', () => {
		expect(currentRetrievability(10, 10, 0.5)).toBeCloseTo(0.9, 6);
		expect(extractRetrievability(fsrsData(10, 5, 10), TODAY, 10, TODAY, 0, NOW)).toBeCloseTo(0.9, 6);
		expect(extractRetrievability('', TODAY, 10, TODAY, 0, NOW)).toBeNull();
		expect(extractRetrievability('{"lrt":1}', TODAY, 10, TODAY, 0, NOW)).toBeNull();
		// no lrt: elapsed = today - (due - ivl) days; 20 days on S 20 is again 0.9
		expect(extractRetrievability(JSON.stringify({s: 20, d: 5}), TODAY + 5, 25, TODAY, 0, NOW)).toBeCloseTo(0.9, 6);
	});

	it('relative overdueness: -1 at the desired retention, SM-2 fallback -(days + 0.001) / ivl', () => {
		expect(extractRelativeRetrievability(fsrsData(10, 5, 10), TODAY, 10, TODAY, 0, NOW)).toBeCloseTo(-1, 5);
		// R after 3 stabilities (decay 0.5): R^-2 - 1 = 3 * (1/0.81 - 1), so the ratio is -3
		expect(extractRelativeRetrievability(fsrsData(10, 5, 30), TODAY, 10, TODAY, 0, NOW)).toBeCloseTo(-3, 4);
		expect(extractRelativeRetrievability('', TODAY - 1, 1, TODAY, 0, NOW)).toBeCloseTo(-2.001, 5);
		expect(extractRelativeRetrievability('', TODAY, 0, TODAY, 0, NOW)).toBeCloseTo(-0.001, 6); // ivl 0 counts as 1
	});
});

describe('review orders', () => {
	it('7 and 11: retrievability ascending and descending, cards without memory as NULL', () => {
		const low = review(TODAY - 2, 5, fsrsData(10, 5, 20));
		const high = review(TODAY - 1, 5, fsrsData(100, 5, 20));
		const sm2 = review(TODAY, 5);
		expect(order(7)).toEqual([sm2, low, high]);
		expect(order(11)).toEqual([high, low, sm2]);
		expect(order(0)).toEqual([low, high, sm2]);
	});

	it('12 without FSRS: -(1 + (today - due + 0.001) / ivl) ascending', () => {
		const y = review(TODAY - 10, 20); // -1.50005
		const x = review(TODAY - 5, 5); // -2.0002
		const z = review(TODAY - 1, 1); // -2.001
		expect(order(12)).toEqual([z, x, y]);
	});

	it('12 with FSRS: relative retrievability, SM-2 cards by their overdueness', () => {
		const onTime = review(TODAY, 10, fsrsData(10, 5, 10)); // -1
		const late = review(TODAY - 20, 10, fsrsData(10, 5, 30)); // -3
		const sm2 = review(TODAY - 1, 1); // -2.001
		expect(order(12, true)).toEqual([late, sm2, onTime]);
	});

	it('5 and 6 under FSRS sort by difficulty (ease ascending = hardest first)', () => {
		const easy = review(TODAY, 5, fsrsData(10, 2, 5));
		const hard = review(TODAY, 5, fsrsData(10, 9, 5));
		expect(order(5, true)).toEqual([hard, easy]);
		expect(order(6, true)).toEqual([easy, hard]);
	});

	it('a session gathers reviews in the preset order (12: most overdue first)', () => {
		col.adapter.addDeckConfig(defaultConfig({id: 1, name: 'Default', reviewOrder: 12}), 0);
		const y = review(TODAY - 10, 20);
		const z = review(TODAY - 1, 1);
		const s = openReviewSession(col, 1, {now: () => START, minutesWest: 0, fuzz: false});
		expect(s.current()?.card.id).toBe(z);
		s.answer(3, 1000);
		expect(s.current()?.card.id).toBe(y);
	});
});

describe('deck orders', () => {
	it('1 and 2 rank decks as Anki\u2019s active_decks does (selected deck, then subdecks by name), not by id', () => {
		col.adapter.addDeck({id: 50, name: 'Default::B', mtimeSecs: 0, usn: 0, collapsed: false, browserCollapsed: false, description: '', today: {day: 0, newStudied: 0, reviewStudied: 0, learningStudied: 0, millisecondsStudied: 0}, normal: {configId: 1, extendNew: 0, extendReview: 0, reviewLimit: null, newLimit: null, reviewLimitToday: null, newLimitToday: null, desiredRetention: null}}, 0);
		col.adapter.addDeck({id: 40, name: 'Default::C', mtimeSecs: 0, usn: 0, collapsed: false, browserCollapsed: false, description: '', today: {day: 0, newStudied: 0, reviewStudied: 0, learningStudied: 0, millisecondsStudied: 0}, normal: {configId: 1, extendNew: 0, extendReview: 0, reviewLimit: null, newLimit: null, reviewLimitToday: null, newLimitToday: null, desiredRetention: null}}, 0);
		const inC = addNote(col, 40, [{type: 2, queue: 2, due: TODAY, ivl: 5}])[0]!.id;
		const inB = addNote(col, 50, [{type: 2, queue: 2, due: TODAY, ivl: 5}])[0]!.id;
		const inRoot = addNote(col, 1, [{type: 2, queue: 2, due: TODAY - 1, ivl: 5}])[0]!.id;
		const byDeck = [...dueDayCards(col.db, [1, 50, 40], 2, TODAY, 2)].map(c => c.id);
		expect(byDeck).toEqual([inRoot, inB, inC]);
		const byDay = [...dueDayCards(col.db, [1, 50, 40], 2, TODAY, 1)].map(c => c.id);
		expect(byDay).toEqual([inRoot, inB, inC]);
	});
});
