// fsrs-rs 6.6.1 and ts-fsrs test vectors, and the fact sheet's worked FSRS example.
import {describe, expect, it} from 'vitest';
import {answerCard, previewAnswers, type AnswerInput} from '../../source/core/scheduler/answer.js';
import {FsrsModel, difficultyShifted, type FsrsSettings} from '../../source/core/scheduler/fsrs.js';
import type {Card} from '../../source/core/model.js';
import {defaultConfig, newCard} from './helpers.js';

const model = new FsrsModel([]);

describe('FSRS-6 maths', () => {
	it('first-repeat stability and difficulty', () => {
		const first = [1, 2, 3, 4].map(g => model.step(null, 0, g));
		expect(first.map(m => m.stability)).toEqual([0.212, 1.2931, 2.3065, 8.2956].map(Math.fround));
		const d = first.map(m => m.difficulty);
		[6.4133, 5.11217071, 2.11810397, 1].forEach((v, i) => expect(d[i]).toBeCloseTo(v, 5));
	});

	it('test_memory_state: [1,3,3,3,3,3] at [0,0,1,3,8,21]', () => {
		const run = (m: FsrsModel) => {
			let memory = m.step(null, 0, 1);
			const ts = [0, 1, 3, 8, 21];
			for (const t of ts) memory = m.step(memory, t, 3);
			return memory;
		};
		const memory = run(model);
		expect(memory.stability).toBeCloseTo(53.62691, 3);
		expect(memory.difficulty).toBeCloseTo(6.3574867, 4);
		const w = Array.from(model.w);
		w[17] = 0;
		w[18] = 0;
		w[19] = 0;
		expect(run(new FsrsModel(w)).stability).toBeCloseTo(53.335106, 3);
	});

	it('test_next_interval: S=1 at desired retention 0.1 .. 0.8', () => {
		const out = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map(r => Math.max(1, Math.round(model.interval(1, r))));
		// f32 pow differs from Rust's libm by an ulp at 3e6 days; everything else is exact.
		expect(Math.abs(out[0]! - 3116766)).toBeLessThanOrEqual(1);
		expect(out.slice(1)).toEqual([34793, 2508, 387, 90, 27, 9, 3, 1]);
	});

	it('test_next_difficulty with mean reversion', () => {
		const out = [1, 2, 3, 4].map(g => model.nextDifficulty(5, g));
		[8.341763, 6.6659956, 4.990228, 3.3144615].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 4));
	});

	it('memory from SM-2 with no history (ivl 100, ease 1.3)', () => {
		const m = model.memoryFromSm2(1.3, 100, 0.9);
		expect(m.stability).toBeCloseTo(100, 2);
		// Anki's test (9.98) ran with older defaults; with FSRS-6 defaults the formula gives 9.80.
		expect(m.difficulty).toBeCloseTo(9.8007, 3);
	});

	it('upgrades 17-value sets', () => {
		const w17 = [0.4, 0.6, 2.4, 5.8, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29, 2.61];
		const m = new FsrsModel(w17);
		expect(m.w).toHaveLength(21);
		expect(m.w[4]).toBeCloseTo(4.93 + 2 * 0.94, 4);
		expect(m.w[20]).toBeCloseTo(0.5, 6);
	});
});

describe('Anki steps with FSRS memory (worked example)', () => {
	const NOW = 1_750_000_000;
	const fsrs: FsrsSettings = {params: [], desiredRetention: 0.9, historicalRetention: 0.9, shortTermWithSteps: false};
	const input = (card: Card, now: number, today: number): AnswerInput => ({
		card,
		config: defaultConfig(),
		timing: {today, nextDayAt: now + 6 * 3600},
		nowMs: now * 1000,
		fsrs,
		filtered: null,
		fuzz: false,
	});

	it('New -> Good -> Good -> review two days later', () => {
		const r1 = answerCard(input(newCard(), NOW, 100), 3, 0);
		expect(r1.card).toMatchObject({type: 1, queue: 1, left: 1});
		expect(JSON.parse(r1.card.data)).toEqual({pos: 5, s: 2.3065, d: 2.118, dr: 0.9, decay: 0.154, lrt: NOW});
		expect(r1.revlog.factor).toBe(224);

		const r2 = answerCard(input(r1.card, NOW + 600, 100), 3, 0);
		expect(r2.card).toMatchObject({type: 2, queue: 2, ivl: 2, factor: 2500, due: 102});
		const d2 = JSON.parse(r2.card.data);
		expect(d2.s).toBe(2.3065);
		expect(d2.d).toBeCloseTo(2.111, 3);
		expect(r2.revlog.factor).toBe(difficultyShifted(d2.d));

		const later = NOW + 600 + 2 * 86400;
		const s3 = previewAnswers(input(r2.card, later, 102));
		const d = (s: typeof s3.hard) => (s.kind === 'review' ? s.scheduledDays : -1);
		expect([d(s3.hard), d(s3.good), d(s3.easy)]).toEqual([8, 11, 19]);
		const again = answerCard(input(r2.card, later, 102), 1, 0);
		expect(again.card).toMatchObject({type: 3, queue: 1, ivl: 1, factor: 2300, lapses: 1});
		expect(JSON.parse(again.card.data).d).toBeCloseTo(7.392, 2);

		const fuzzed = previewAnswers({...input(r2.card, later, 102), fuzz: true});
		const hard = d(fuzzed.hard);
		const good = d(fuzzed.good);
		const easy = d(fuzzed.easy);
		expect(hard).toBeGreaterThanOrEqual(6);
		expect(hard).toBeLessThanOrEqual(9);
		expect(good).toBeGreaterThanOrEqual(Math.max(9, hard + 1));
		expect(good).toBeLessThanOrEqual(13);
		expect(easy).toBeGreaterThanOrEqual(Math.max(16, good + 1));
		expect(easy).toBeLessThanOrEqual(21);
	});

	it('turning FSRS off drops s/d/dr but keeps decay', () => {
		const card = newCard({type: 2, queue: 2, ivl: 5, due: 100, factor: 2500, data: '{"s":5.0,"d":5.0,"dr":0.9,"decay":0.154,"lrt":1}'});
		const r = answerCard({...input(card, NOW, 100), fsrs: null}, 3, 0);
		expect(JSON.parse(r.card.data)).toEqual({decay: 0.154, lrt: NOW});
	});
});

describe('memory from review history', () => {
	const entry = (id: number, ease: number, type: number, ivl = 0, factor = 0) => ({id, cid: 1, usn: 0, ease, ivl, lastIvl: 0, factor, time: 1000, type});
	it('replays the last learning run with day gaps from the rollover', async () => {
		const {memoryFromHistory} = await import('../../source/core/scheduler/fsrs-history.js');
		const day0 = 1_700_000_000;
		const nextDayAt = day0 + 10 * 86400 + 3600;
		const history = [
			entry(day0 * 1000, 3, 0),
			entry((day0 + 600) * 1000, 3, 0, 2, 2500),
			entry((day0 + 2 * 86400) * 1000, 3, 1, 11, 2500),
		];
		const manual = model.step(model.step(model.step(null, 0, 3), 0, 3), 2, 3);
		expect(memoryFromHistory(model, history, nextDayAt, 0.9)).toEqual(manual);
		// cram entries and manual rows are skipped
		expect(memoryFromHistory(model, [...history, entry((day0 + 3 * 86400) * 1000, 3, 3, 0, 0), entry((day0 + 3 * 86400 + 5) * 1000, 0, 4, 5, 2500)], nextDayAt, 0.9)).toEqual(manual);
	});

	it('seeds a truncated history from its first SM-2 answer', async () => {
		const {memoryFromHistory} = await import('../../source/core/scheduler/fsrs-history.js');
		const day0 = 1_700_000_000;
		const history = [entry(day0 * 1000, 3, 1, 10, 2300), entry((day0 + 10 * 86400) * 1000, 3, 1, 25, 2300)];
		const seed = model.memoryFromSm2(2.3, 10, 0.9);
		expect(memoryFromHistory(model, history, day0 + 20 * 86400, 0.9)).toEqual(model.step(seed, 10, 3));
		expect(memoryFromHistory(model, [], day0, 0.9)).toBeNull();
	});
});
