// Anki's load balancer (rslib states/load_balancer.rs) over real SQLite files: the weighted pick,
// the preset's day counts, sibling spacing, easy days, and its use by a review session.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {LoadBalancer, siblingModifiers, weightedIndex} from '../../source/core/scheduler/load-balancer.js';
import {easyDaysModifiers, parseEasyDays, weekdayOfInterval} from '../../source/core/scheduler/easy-days.js';
import {fuzzFactorFromSeed, fuzzSeed} from '../../source/core/scheduler/rng.js';
import {withReviewFuzz} from '../../source/core/scheduler/fuzz.js';
import {openReviewSession} from '../../source/core/scheduler/session.js';
import {tempDir} from '../helpers/shared.js';
import {addDeck, addNote, openTestCollection, type TestCollection} from './test-collection.js';
import {defaultConfig} from './helpers.js';

const START = Date.UTC(2026, 0, 10, 12, 0, 0); // a Saturday, noon UTC; rollover 4 am UTC
const TODAY = 30;
const NEXT_DAY_AT = Math.floor(Date.UTC(2026, 0, 11, 4, 0, 0) / 1000);
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

/** `n` review cards (one note each) due `day` days from today in deck `did`. */
function fillDay(did: number, day: number, n: number): void {
	for (let i = 0; i < n; i++) addNote(col, did, [{type: 2, queue: 2, due: TODAY + day, ivl: 10, factor: 2500}]);
}

function balancer(easyDays?: number[]): LoadBalancer {
	return LoadBalancer.build({
		db: col.db,
		today: TODAY,
		nextDayAt: NEXT_DAY_AT,
		configIdByDeck: new Map([[1, 1], [20, 2]]),
		easyDaysByConfig: new Map([[1, easyDays], [2, undefined]]),
		minutesWest: 0,
	});
}

/** Seeds whose fuzz factor keeps clear of the extremes, so a near-certain pick is certain. */
const SEEDS = [...Array.from({length: 30}, (_, i) => BigInt(i + 1)), 1700000000002n].filter(seed => {
	const f = fuzzFactorFromSeed(seed);
	return f > 0.01 && f < 0.99;
});

describe('weighted pick (rand 0.9 WeightedIndex with the fuzz draw)', () => {
	it('takes the first item whose running total exceeds unit * total, skipping zero weights', () => {
		expect(weightedIndex([1, 1], 0.25)).toBe(0);
		expect(weightedIndex([1, 1], 0.5)).toBe(1); // a draw equal to a running total goes past it
		expect(weightedIndex([1, 1], 0.99)).toBe(1);
		expect(weightedIndex([0.5, 0, 0.5], 0.5)).toBe(2);
		expect(weightedIndex([0, 0], 0.5)).toBeNull();
		expect(weightedIndex([3], 0.7)).toBe(0);
	});

	it('spreads siblings: the day itself nearly zero, neighbours 0.2, 0.4, ...', () => {
		const m = siblingModifiers([7], 5, 9);
		expect(m[2]).toBeCloseTo(0.000001, 9);
		expect(m[1]).toBeCloseTo(0.2, 6);
		expect(m[3]).toBeCloseTo(0.2, 6);
		expect(m[0]).toBeCloseTo(0.4, 6);
		// Anki's comment example: siblings on days 2 and 8 give day 5 0.6 * 0.6 = 0.36
		expect(siblingModifiers([2, 8], 0, 10)[5]).toBeCloseTo(0.36, 6);
		expect(siblingModifiers(null, 5, 9)).toEqual([1, 1, 1, 1, 1]);
	});
});

describe('easy days', () => {
	it('reads 1 as normal, 0 as minimum, anything else as reduced; empty means all normal', () => {
		expect(parseEasyDays([1, 0, 0.5, 1, 1, 1, 1])).toEqual(['normal', 'minimum', 'reduced', 'normal', 'normal', 'normal', 'normal']);
		expect(parseEasyDays([])).toEqual(Array(7).fill('normal'));
		expect(parseEasyDays(undefined)).toEqual(Array(7).fill('normal'));
	});

	it('closes a reduced day once its share exceeds half of a normal day', () => {
		const kinds = parseEasyDays([0.5, 1, 1, 1, 1, 1, 1]);
		// other days hold 4 cards over 2.0 "days", so the reduced day may hold 2 / 0.5 = 4 before closing
		expect(easyDaysModifiers(kinds, [0, 1, 2], [4, 2, 2])[0]).toBeCloseTo(0.0001, 8);
		expect(easyDaysModifiers(kinds, [0, 1, 2], [1, 2, 2])).toEqual([1, 1, 1]);
	});

	it('counts weekdays from the next rollover, Monday first', () => {
		// next rollover is Sunday 11 Jan 2026 04:00 UTC: interval 1 lands on Sunday (6), 2 on Monday (0)
		expect(weekdayOfInterval(1, NEXT_DAY_AT, 0)).toBe(6);
		expect(weekdayOfInterval(2, NEXT_DAY_AT, 0)).toBe(0);
		expect(weekdayOfInterval(8, NEXT_DAY_AT, 0)).toBe(6);
	});
});

describe('load balancer over a collection', () => {
	it('counts the preset cards per day with one query and leans hard toward an empty day', () => {
		for (const day of [5, 6, 8, 9]) fillDay(1, day, 3);
		const lb = balancer();
		expect(lb.countOn(1, 5)).toBe(3);
		expect(lb.countOn(1, 7)).toBe(0);
		expect(SEEDS.length).toBeGreaterThan(4);
		for (const seed of SEEDS) expect(lb.findInterval(7, 1, 36500, 1, seed, null)).toBe(7);
	});

	it('declines (plain fuzz applies) past 90 days, for a minimum past 90, and for a preset with no cards in range', () => {
		fillDay(1, 50, 1);
		const lb = balancer();
		expect(lb.findInterval(91, 1, 36500, 1, 1n, null)).toBeNull();
		expect(lb.findInterval(50, 91, 36500, 1, 1n, null)).toBeNull();
		expect(lb.findInterval(90.5, 1, 36500, 1, 1n, null)).not.toBeNull();
		expect(lb.findInterval(7, 1, 36500, 2, 1n, null)).toBeNull();
		expect(lb.context(1, null, null)).toBeNull(); // no fuzz seed, no balancing
	});

	it('counts only the decks of the same preset, and not cards in filtered decks', () => {
		col.adapter.addDeckConfig(defaultConfig({id: 2, name: 'other'}), 0);
		addDeck(col, 20, 'Other', 2);
		fillDay(20, 7, 4);
		addNote(col, 99, [{type: 2, queue: 2, due: TODAY + 7, ivl: 1}]); // a deck without a preset
		const lb = balancer();
		expect(lb.countOn(1, 7)).toBe(0);
		expect(lb.countOn(2, 7)).toBe(4);
	});

	it('avoids days holding a sibling when asked to', () => {
		for (const day of [5, 6, 7, 8, 9]) fillDay(1, day, 2);
		const [sibling] = addNote(col, 1, [{type: 2, queue: 2, due: TODAY + 5, ivl: 5, factor: 2500}, {type: 2, queue: 2, due: TODAY, ivl: 3}]);
		const lb = balancer();
		for (const seed of SEEDS) expect(lb.context(1, sibling!.nid, seed)!.find(7, 1, 36500)).not.toBe(5);
		// the same draws without sibling spacing do land on day 5 sometimes
		expect(SEEDS.some(seed => lb.context(1, null, seed)!.find(7, 1, 36500) === 5)).toBe(true);
	});

	it('keeps cards off easy days (minimum) when every day in range has cards', () => {
		for (const day of [5, 6, 7, 8, 9]) fillDay(1, day, 2);
		// only the weekday of interval 8 stays normal
		const open = weekdayOfInterval(8, NEXT_DAY_AT, 0);
		const lb = balancer([0, 1, 2, 3, 4, 5, 6].map(w => (w === open ? 1 : 0)));
		for (const seed of SEEDS) expect(lb.findInterval(7, 1, 36500, 1, seed, null)).toBe(8);
	});

	it('adds answered cards to their new day for the preset only when it had cards', () => {
		fillDay(1, 5, 1);
		const lb = balancer();
		lb.addCard(123, 1, 1, 9);
		lb.addCard(124, 1, 2, 9);
		expect(lb.countOn(1, 9)).toBe(1);
		expect(lb.countOn(2, 9)).toBe(0);
	});

	it('an answered card stays on its old day; undoing takes it off every day, as Anki does', () => {
		const [card] = addNote(col, 1, [{type: 2, queue: 2, due: TODAY + 3, ivl: 3, factor: 2500}]);
		fillDay(1, 3, 1);
		const lb = balancer();
		expect(lb.countOn(1, 3)).toBe(2);
		lb.noteAnswering(card!);
		lb.addCard(card!.id, card!.nid, 1, 8);
		expect([lb.countOn(1, 3), lb.countOn(1, 8)]).toEqual([2, 1]);
		lb.removeCard(card!.id);
		expect([lb.countOn(1, 3), lb.countOn(1, 8)]).toEqual([1, 0]);
	});
});

describe('a session answers and labels through the balancer', () => {
	const clock = () => START;

	/** A review card (ivl 3, due today: Good's fuzz range is 6..9 days) and five cards on every day 1..13 but `emptyDay`. */
	function setup(emptyDay: number): number {
		for (let day = 1; day <= 13; day++) if (day !== emptyDay) fillDay(1, day, 5);
		const [card] = addNote(col, 1, [{type: 2, queue: 2, due: TODAY, ivl: 3, factor: 2500, reps: 3}]);
		return card!.id;
	}

	/** Good's interval under the plain fuzz for this card. */
	function plainGood(id: number): number {
		const f = fuzzFactorFromSeed(fuzzSeed(id, 3));
		const hard = withReviewFuzz(3.6, 4, 36500, f);
		return withReviewFuzz(7.5, hard + 1, 36500, f);
	}

	it('Good lands on the empty day in its fuzz range (not where plain fuzz goes), and the button shows it', () => {
		// The empty day is chosen after the card exists, so it always differs from the plain-fuzz day.
		const id = setup(0);
		const emptyDay = plainGood(id) === 8 ? 7 : 8;
		col.db.prepare('DELETE FROM cards WHERE due = ?').run(TODAY + emptyDay);
		const f = fuzzFactorFromSeed(fuzzSeed(id, 3));
		expect(f > 0.01 && f < 0.99).toBe(true);
		const s = openReviewSession(col, 1, {now: clock, minutesWest: 0});
		expect(s.current()?.card.id).toBe(id);
		expect(s.buttons().labels[3]).toBe(`${emptyDay}d`);
		s.answer(3, 1000);
		const row = col.db.prepare('SELECT ivl, due FROM cards WHERE id = ?').get(id) as {ivl: number; due: number};
		expect(row).toEqual({ivl: emptyDay, due: TODAY + emptyDay});
	});

	it('with loadBalancerEnabled false the plain fuzz applies', () => {
		const id = setup(8);
		col.adapter.setConfig('loadBalancerEnabled', false, 0);
		const good = plainGood(id);
		const s = openReviewSession(col, 1, {now: clock, minutesWest: 0});
		s.answer(3, 1000);
		expect((col.db.prepare('SELECT ivl FROM cards WHERE id = ?').get(id) as {ivl: number}).ivl).toBe(good);
	});
});

describe('sibling spacing in a session (preset buries review siblings)', () => {
	const clock = () => START;

	/** A review card whose fuzz draw sits mid-range, a sibling due in 8 days, five cards on every other day 1..13. */
	function setup(buryReviews: boolean): number {
		col.adapter.addDeckConfig(defaultConfig({id: 1, name: 'Default', buryReviews}), 0);
		const candidates = Array.from({length: 20}, () => addNote(col, 1, [{type: 2, queue: 2, due: TODAY, ivl: 3, factor: 2500, reps: 3}])[0]!);
		const card = candidates.find(c => {
			const f = fuzzFactorFromSeed(fuzzSeed(c.id, 3));
			return f > 0.15 && f < 0.95;
		})!;
		col.db.prepare('DELETE FROM cards WHERE id != ?').run(card.id);
		col.db
			.prepare("INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data) VALUES (?, ?, 1, 1, 0, 0, 2, 2, ?, 8, 2500, 3, 0, 0, 0, 0, 0, '')")
			.run(card.id + 100_000, card.nid, TODAY + 8);
		for (let day = 1; day <= 13; day++) if (day !== 8) fillDay(1, day, 5);
		return card.id;
	}

	it('without burying, the lightly loaded day wins', () => {
		const id = setup(false);
		openReviewSession(col, 1, {now: clock, minutesWest: 0}).answer(3, 1000);
		expect((col.db.prepare('SELECT ivl FROM cards WHERE id = ?').get(id) as {ivl: number}).ivl).toBe(8);
	});

	it('with burying, the day holding the sibling is avoided', () => {
		const id = setup(true);
		const s = openReviewSession(col, 1, {now: clock, minutesWest: 0});
		expect(s.buttons().labels[3]).not.toBe('8d');
		s.answer(3, 1000);
		const ivl = (col.db.prepare('SELECT ivl FROM cards WHERE id = ?').get(id) as {ivl: number}).ivl;
		expect(ivl).not.toBe(8);
		expect(ivl).toBeGreaterThanOrEqual(6);
		expect(ivl).toBeLessThanOrEqual(9);
	});
});
