// Reference vectors from rslib states/*.rs, pylib test_schedv3.py and the fact sheet's worked example.
import {describe, expect, it} from 'vitest';
import {answerCard, previewAnswers, type AnswerInput} from '../../source/core/scheduler/answer.js';
import {leechThresholdMet} from '../../source/core/scheduler/leech.js';
import {reviewNextStates} from '../../source/core/scheduler/states/review.js';
import {relearningNextStates} from '../../source/core/scheduler/states/relearning.js';
import {LearningSteps} from '../../source/core/scheduler/states/steps.js';
import type {CardState, ReviewState, StateContext} from '../../source/core/scheduler/states/types.js';
import type {Card, DeckConfig} from '../../source/core/model.js';
import {defaultConfig, newCard} from './helpers.js';

const DAY = 86400;
// A fixed day: day 100 of the collection, next day starts 10 hours after "now".
const NOW = 1_750_000_000;
const timing = {today: 100, nextDayAt: NOW + 10 * 3600};

function input(card: Card, config: DeckConfig = defaultConfig(), fuzz = false, nowSecs = NOW): AnswerInput {
	return {card, config, timing, nowMs: nowSecs * 1000, fsrs: null, filtered: null, fuzz};
}

function ctx(overrides: Partial<StateContext> = {}, config: Partial<DeckConfig> = {}): StateContext {
	return {
		config: defaultConfig(config),
		fuzzFactor: null,
		fsrs: null,
		fsrsAllowShortTerm: false,
		fsrsShortTermWithSteps: false,
		preview: null,
		...overrides,
	};
}

function days(state: CardState): number {
	if (state.kind === 'review') return state.scheduledDays;
	throw new Error(`not a review state: ${state.kind}`);
}

function secs(state: CardState): number {
	if (state.kind === 'learning') return state.scheduledSecs;
	if (state.kind === 'relearning') return state.learning.scheduledSecs;
	throw new Error(`not a learning state: ${state.kind}`);
}

describe('learning steps (rslib steps.rs)', () => {
	it('[1 10]', () => {
		const s = new LearningSteps([1, 10]);
		expect([s.againDelaySecs(), s.hardDelaySecs(2), s.goodDelaySecs(2)]).toEqual([60, 330, 600]);
		expect([s.againDelaySecs(), s.hardDelaySecs(1), s.goodDelaySecs(1)]).toEqual([60, 600, null]);
		expect(s.remainingForGood(2)).toBe(1);
	});
	it('[10] and [1 10 100]', () => {
		const one = new LearningSteps([10]);
		expect([one.againDelaySecs(), one.hardDelaySecs(1), one.goodDelaySecs(1)]).toEqual([600, 900, null]);
		const three = new LearningSteps([1, 10, 100]);
		expect([three.hardDelaySecs(3), three.goodDelaySecs(3)]).toEqual([330, 600]);
		expect([three.hardDelaySecs(2), three.goodDelaySecs(2)]).toEqual([600, 6000]);
		expect([three.hardDelaySecs(1), three.goodDelaySecs(1)]).toEqual([6000, null]);
		// v2 packed left as today*1000 + remaining
		expect(three.goodDelaySecs(2002)).toBe(6000);
	});
	it('rounds first-step hard delays over a day to whole days', () => {
		const s = new LearningSteps([1440, 5760]);
		expect(s.hardDelaySecs(2)).toBe(3 * DAY);
		const single = new LearningSteps([2000]);
		expect(single.hardDelaySecs(1)).toBe(2 * DAY);
	});
});

describe('new and learning cards', () => {
	it('test_nextIvl: [0.5 3 10] gives 30 s / 105 s / 180 s / 4 d', () => {
		const states = previewAnswers(input(newCard(), defaultConfig({learnSteps: [0.5, 3, 10]})));
		expect([secs(states.again), secs(states.hard), secs(states.good), days(states.easy)]).toEqual([30, 105, 180, 4]);
	});

	it('test_learn: left 3/2/1 and revlog -180 / -30', () => {
		const config = defaultConfig({learnSteps: [0.5, 3, 10]});
		let r = answerCard(input(newCard(), config), 1, 1000);
		expect(r.card.left).toBe(3);
		expect(r.revlog).toMatchObject({ivl: -30, lastIvl: 0, type: 0, factor: 0});
		r = answerCard(input(r.card, config), 3, 1000);
		expect(r.card.left).toBe(2);
		expect(r.revlog).toMatchObject({ivl: -180, lastIvl: -30});
		r = answerCard(input(r.card, config), 3, 1000);
		expect(r.card.left).toBe(1);
		r = answerCard(input(r.card, config), 3, 1000);
		expect(r.card).toMatchObject({type: 2, queue: 2, ivl: 1, due: 101, factor: 2500, left: 0});
		expect(r.revlog).toMatchObject({ivl: 1, lastIvl: -600, factor: 2500, type: 0});
	});

	it('no steps: Again/Hard/Good graduate with the graduating interval, Easy with the easy one', () => {
		const states = previewAnswers(input(newCard(), defaultConfig({learnSteps: []})));
		expect([days(states.again), days(states.hard), days(states.good), days(states.easy)]).toEqual([1, 1, 1, 4]);
	});

	it('interday steps go to queue 3 by day number', () => {
		const config = defaultConfig({learnSteps: [1, 10, 1440, 2880]});
		let r = answerCard(input(newCard(), config), 3, 0);
		expect(r.card).toMatchObject({queue: 1, left: 3, due: NOW + 600});
		r = answerCard(input(r.card, config), 3, 0);
		expect(r.card).toMatchObject({type: 1, queue: 3, left: 2, due: 101});
		expect(r.revlog.ivl).toBe(1);
	});

	it('a 10 minute step 5 minutes before the rollover becomes tomorrow', () => {
		const late = {...input(newCard()), timing: {today: 100, nextDayAt: NOW + 300}};
		const r = answerCard(late, 3, 0);
		expect(r.card).toMatchObject({queue: 3, due: 101});
	});
});

describe('worked example (fact sheet 4.11)', () => {
	it('runs the SM-2 lifecycle with Anki fuzz', () => {
		const config = defaultConfig();
		const card0 = newCard();
		// 1: new -> Good
		const r1 = answerCard(input(card0, config, true), 3, 5000);
		expect(r1.card).toMatchObject({type: 1, queue: 1, left: 1, ivl: 0, factor: 0, reps: 1, due: NOW + 612});
		expect(JSON.parse(r1.card.data)).toEqual({pos: 5, lrt: NOW});
		expect(r1.revlog).toMatchObject({ease: 3, ivl: -600, lastIvl: 0, factor: 0, type: 0, time: 5000});
		// 2: ten minutes later -> Good graduates
		const r2 = answerCard(input(r1.card, config, true, NOW + 600), 3, 0);
		expect(r2.card).toMatchObject({type: 2, queue: 2, ivl: 1, due: 101, factor: 2500, left: 0, reps: 2});
		expect(r2.revlog).toMatchObject({ease: 3, ivl: 1, lastIvl: -600, factor: 2500, type: 0});
		// 3: a day later, on time
		const day1 = {today: 101, nextDayAt: timing.nextDayAt + DAY};
		const at = (card: Card, t: typeof timing, fuzz: boolean) => ({...input(card, config, fuzz), timing: t});
		const nofuzz = previewAnswers(at(r2.card, day1, false));
		expect([days(nofuzz.hard), days(nofuzz.good), days(nofuzz.easy)]).toEqual([2, 3, 4]);
		const fuzzed = previewAnswers(at(r2.card, day1, true));
		expect([days(fuzzed.hard), days(fuzzed.good), days(fuzzed.easy)]).toEqual([2, 4, 6]);
		const r3 = answerCard(at(r2.card, day1, false), 3, 0);
		expect(r3.revlog).toMatchObject({ease: 3, ivl: 3, lastIvl: 1, factor: 2500, type: 1});
		// 4: review ivl 3 due today
		const day4 = {today: 104, nextDayAt: timing.nextDayAt + 4 * DAY};
		const s4 = previewAnswers(at(r3.card, day4, false));
		expect([days(s4.hard), days(s4.good), days(s4.easy)]).toEqual([4, 8, 10]);
		const r4 = answerCard(at(r3.card, day4, false), 3, 0);
		expect(r4.revlog).toMatchObject({ease: 3, ivl: 8, lastIvl: 3, factor: 2500, type: 1});
		// 5: lapse
		const day12 = {today: 112, nextDayAt: timing.nextDayAt + 12 * DAY};
		const r5 = answerCard(at(r4.card, day12, false), 1, 0);
		expect(r5.card).toMatchObject({type: 3, queue: 1, ivl: 1, factor: 2300, lapses: 1, left: 1});
		expect(r5.revlog).toMatchObject({ease: 1, ivl: -600, lastIvl: 8, factor: 2300, type: 1});
		// 6: relearn
		const s6 = previewAnswers(at(r5.card, day12, false));
		expect(secs(s6.hard)).toBe(900);
		expect(days(s6.good)).toBe(1);
		expect(days(s6.easy)).toBe(2);
		const r6 = answerCard(at(r5.card, day12, false), 3, 0);
		expect(r6.card).toMatchObject({type: 2, queue: 2, ivl: 1, due: 113});
		expect(r6.revlog).toMatchObject({ease: 3, ivl: 1, lastIvl: -600, factor: 2300, type: 2});
	});
});

function review(overrides: Partial<ReviewState> = {}): ReviewState {
	return {kind: 'review', scheduledDays: 100, elapsedDays: 100, ease: 2.5, lapses: 0, leeched: false, memory: null, ...overrides};
}

describe('review cards', () => {
	it('test_reviews: 8 days late gives 120 / 260 / 351 and factors 2350 / 2500 / 2650', () => {
		const card = newCard({type: 2, queue: 2, ivl: 100, due: timing.today - 8, factor: 2500, reps: 3});
		const results = ([2, 3, 4] as const).map(rating => answerCard(input(card), rating, 0).card);
		expect(results.map(c => c.ivl)).toEqual([120, 260, 351]);
		expect(results.map(c => c.factor)).toEqual([2350, 2500, 2650]);
		expect(results.map(c => c.due)).toEqual([220, 360, 451]);
	});

	it('test_nextIvl review: 120 / 250 / 325 days', () => {
		const s = reviewNextStates(review(), ctx());
		expect([days(s.hard), days(s.good), days(s.easy)]).toEqual([120, 250, 325]);
	});

	it('test_button_spacing: 2d/3d/4d, and 1d hard with hardFactor 1', () => {
		const s = reviewNextStates(review({scheduledDays: 1, elapsedDays: 1}), ctx());
		expect([days(s.hard), days(s.good), days(s.easy)]).toEqual([2, 3, 4]);
		const flat = reviewNextStates(review({scheduledDays: 1, elapsedDays: 1}), ctx({}, {hardMultiplier: 1}));
		expect(days(flat.hard)).toBe(1);
	});

	it('extreme_multiplier_fuzz', () => {
		const state = review({scheduledDays: 1, elapsedDays: 1, ease: 1.3});
		const triple = (c: StateContext) => {
			const s = reviewNextStates(state, c);
			return [days(s.hard), days(s.good), days(s.easy)];
		};
		expect(triple(ctx({fuzzFactor: 0}))).toEqual([2, 3, 4]);
		expect(triple(ctx({fuzzFactor: 0}, {intervalMultiplier: 0.1}))).toEqual([2, 3, 4]);
		expect(triple(ctx({fuzzFactor: 0.99}, {intervalMultiplier: 0.1}))).toEqual([2, 4, 6]);
		expect(triple(ctx({fuzzFactor: 0.99}, {intervalMultiplier: 10, maximumReviewInterval: 5}))).toEqual([5, 5, 5]);
	});

	it('low_hard_multiplier_does_not_pull_good_down', () => {
		const s = reviewNextStates(review({scheduledDays: 2, elapsedDays: 2, ease: 1.3}), ctx({fuzzFactor: 0}, {hardMultiplier: 0.1}));
		expect([days(s.hard), days(s.good), days(s.easy)]).toEqual([1, 3, 4]);
	});

	it('early review in a filtered deck (test_filt_reviewing_early_normal)', () => {
		const early = (elapsed: number) => {
			const s = reviewNextStates(review({elapsedDays: elapsed}), ctx());
			return [days(s.hard), days(s.good), days(s.easy)];
		};
		expect(early(75)).toEqual([90, 188, 216]);
		expect(early(25)).toEqual([60, 100, 115]);
	});

	it('lapse with a new-interval multiplier compounds during relearning', () => {
		const c = ctx({}, {lapseMultiplier: 0.5});
		const lapse = reviewNextStates(review(), c).again;
		expect(lapse.kind).toBe('relearning');
		if (lapse.kind !== 'relearning') return;
		expect(lapse.review.scheduledDays).toBe(50);
		const again = relearningNextStates(lapse, c).again;
		expect(again.kind === 'relearning' && again.review.scheduledDays).toBe(25);
	});

	it('test_nextIvl relearn: 60 s / 100 d / 101 d with [1] and mult 1', () => {
		const c = ctx({}, {relearnSteps: [1], lapseMultiplier: 1});
		const lapse = reviewNextStates(review(), c).again;
		if (lapse.kind !== 'relearning') throw new Error('expected relearning');
		const s = relearningNextStates(lapse, c);
		expect([secs(s.again), days(s.good), days(s.easy)]).toEqual([60, 100, 101]);
	});

	it('relearning: lapse penalty 3 -> 1, hard 900 s, easy ivl+1', () => {
		const c = ctx();
		const state = {
			kind: 'relearning' as const,
			learning: {kind: 'learning' as const, remainingSteps: 1, scheduledSecs: 600, memory: null},
			review: review({scheduledDays: 3, elapsedDays: 3, lapses: 1}),
		};
		const s = relearningNextStates(state, c);
		expect(s.again.kind === 'relearning' && s.again.review.scheduledDays).toBe(1);
		expect(secs(s.hard)).toBe(900);
		expect(days(s.good)).toBe(3);
		expect(days(s.easy)).toBe(4);
		const noSteps = relearningNextStates(state, ctx({}, {relearnSteps: []}));
		expect(noSteps.again.kind).toBe('review');
	});

	it("FSRS: the previous interval is kept as a minimum only inside a fuzz range cut at the preset's maximum", () => {
		const item = (interval: number) => ({memory: {stability: interval, difficulty: 5}, interval});
		const fsrs = {again: item(5), hard: item(100), good: item(100.4), easy: item(101)};
		// Previous 104: 100's fuzz range reaches 107 without a cap, so 104 stays the minimum (capped to 102).
		// With a 102-day maximum the range ends at 102: 104 is out of reach, and the fuzz picks from 93.
		const s = reviewNextStates(review({scheduledDays: 104, elapsedDays: 104}), ctx({fsrs, fuzzFactor: 0}, {maximumReviewInterval: 102}));
		expect(days(s.hard)).toBe(93);
		const uncapped = reviewNextStates(review({scheduledDays: 104, elapsedDays: 104}), ctx({fsrs, fuzzFactor: 0}, {maximumReviewInterval: 36500}));
		expect(days(uncapped.hard)).toBe(104);
	});

	it('no relearn steps: a lapse goes straight back to review', () => {
		const s = reviewNextStates(review(), ctx({}, {relearnSteps: []}));
		expect(days(s.again)).toBe(1);
	});
});

describe('leeches', () => {
	it('threshold 3 and 8 sequences', () => {
		const hits = (t: number) => Array.from({length: 14}, (_, i) => i).filter(n => leechThresholdMet(n, t));
		expect(hits(3)).toEqual([3, 5, 7, 9, 11, 13]);
		expect(hits(8)).toEqual([8, 12]);
		expect(hits(1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
	});

	it('test_reviews: the 8th lapse suspends when the action is Suspend', () => {
		const card = newCard({type: 2, queue: 2, ivl: 100, due: timing.today, factor: 2500, reps: 10, lapses: 7});
		const suspend = answerCard(input(card, defaultConfig({leechAction: 0})), 1, 0);
		expect(suspend.leech).toBe(true);
		expect(suspend.card.queue).toBe(-1);
		expect(suspend.card.lapses).toBe(8);
		const tagOnly = answerCard(input(card), 1, 0);
		expect(tagOnly.leech).toBe(true);
		expect(tagOnly.card.queue).toBe(1);
		const notYet = answerCard(input({...card, lapses: 8}), 1, 0);
		expect(notYet.leech).toBe(false);
	});
});

describe('state_application (rslib answering/mod.rs)', () => {
	it('walks new -> learn -> review -> lapse -> review', () => {
		let t = {...timing};
		const at = (card: Card) => ({...input(card), timing: t});
		let r = answerCard(at(newCard()), 3, 0);
		expect(r.card.left).toBe(1);
		r = answerCard(at(r.card), 3, 0);
		expect(r.card).toMatchObject({left: 0, ivl: 1, type: 2});
		t = {today: 101, nextDayAt: timing.nextDayAt + DAY};
		r = answerCard(at(r.card), 4, 0);
		expect(r.card).toMatchObject({ivl: 4, factor: 2650});
		t = {today: 105, nextDayAt: timing.nextDayAt + 5 * DAY};
		r = answerCard(at(r.card), 1, 0);
		expect(r.card).toMatchObject({ivl: 1, factor: 2450, lapses: 1, type: 3});
		r = answerCard(at(r.card), 3, 0);
		expect(r.card).toMatchObject({ivl: 1, type: 2, queue: 2});
	});

	it('caps the logged answer time at the preset maximum', () => {
		const r = answerCard(input(newCard(), defaultConfig({capAnswerTimeToSecs: 20})), 3, 90_000);
		expect(r.revlog.time).toBe(20_000);
	});

	it('keeps flags and marks the row changed', () => {
		const r = answerCard(input(newCard({flags: 0b1010_0011, usn: 12})), 3, 0);
		expect(r.card.flags).toBe(0b1010_0011);
		expect(r.card.usn).toBe(-1);
		expect(r.card.mod).toBe(NOW);
	});
});

describe('filtered decks', () => {
	const filtered = {reschedule: false, searchTerms: [], previewDelayMins: 0, previewAgainSecs: 60, previewHardSecs: 600, previewGoodSecs: 0};
	it('preview: Again repeats, Good returns the card home untouched, reps unchanged', () => {
		const card = newCard({type: 2, queue: 2, ivl: 10, due: -100000, odue: 150, odid: 7, did: 99, factor: 2500, reps: 4});
		const again = answerCard({...input(card), filtered}, 1, 0);
		expect(again.card).toMatchObject({queue: 4, reps: 4, did: 99, odid: 7});
		expect(again.revlog).toMatchObject({type: 3, factor: 0, ivl: -60, lastIvl: -60});
		const good = answerCard({...input(card), filtered}, 3, 0);
		expect(good.card).toMatchObject({queue: 2, due: 150, did: 7, odid: 0, odue: 0, reps: 4, ivl: 10});
	});

	it('rescheduling: a review goes home with its new interval', () => {
		const card = newCard({type: 2, queue: 2, ivl: 100, due: -100000, odue: timing.today, odid: 7, did: 99, factor: 2500});
		const r = answerCard({...input(card), filtered: {...filtered, reschedule: true}}, 3, 0);
		expect(r.card).toMatchObject({did: 7, odid: 0, odue: 0, ivl: 250, due: timing.today + 250, queue: 2});
		expect(r.revlog.type).toBe(1);
	});
});
