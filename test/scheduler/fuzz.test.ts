import {describe, expect, it} from 'vitest';
import {constrainedFuzzBounds, learningSecsWithFuzz, minimumReviewFuzzInterval, withReviewFuzz} from '../../source/core/scheduler/fuzz.js';
import {StdRng, fuzzFactorFromSeed, fuzzSeed} from '../../source/core/scheduler/rng.js';

describe('StdRng (ChaCha12, rand 0.9)', () => {
	it('matches rand test_stdrng_construction', () => {
		const seed = new Uint8Array(32);
		seed.set([1, 0, 0, 0, 23, 0, 0, 0, 200, 1, 0, 0, 210, 30, 0, 0]);
		const rng = StdRng.fromSeedBytes(seed);
		const lo = BigInt(rng.nextU32());
		const hi = BigInt(rng.nextU32());
		expect((hi << 32n) | lo).toBe(10719222850664546238n);
	});

	it('derives the fuzz factor Anki uses for a card id + reps', () => {
		expect(fuzzSeed(1700000000000, 2)).toBe(1700000000002n);
		expect(fuzzFactorFromSeed(1700000000002n)).toBeCloseTo(0.59174, 5);
	});

	it('wraps the seed at 64 bits', () => {
		expect(fuzzSeed(Number.MAX_SAFE_INTEGER, 3)).toBe(BigInt(Number.MAX_SAFE_INTEGER) + 3n);
	});
});

describe('review fuzz (rslib fuzz.rs table)', () => {
	const table: Array<[number, number, number, number, number, number]> = [
		[2.5, 1, 1000, 2, 3, 4],
		[7, 1, 1000, 5, 7, 9],
		[17, 1, 1000, 14, 17, 20],
		[37, 1, 1000, 33, 37, 41],
		[100, 101, 1000, 101, 105, 108],
		[100, 1, 99, 92, 96, 99],
	];
	it.each(table)('interval %f in [%d, %d] -> %d / %d / %d', (ivl, min, max, f0, f5, f99) => {
		expect(withReviewFuzz(ivl, min, max, 0)).toBe(f0);
		expect(withReviewFuzz(ivl, min, max, 0.5)).toBe(f5);
		expect(withReviewFuzz(ivl, min, max, 0.99)).toBe(f99);
	});

	it('rounds and clamps without a fuzz factor', () => {
		expect(withReviewFuzz(7.5, 1, 1000, null)).toBe(8);
		expect(withReviewFuzz(0.2, 1, 1000, null)).toBe(1);
		expect(withReviewFuzz(2000, 1, 1000, null)).toBe(1000);
	});

	it('widens a single-value range above 2 days', () => {
		expect(constrainedFuzzBounds(3, 3, 3)).toEqual([3, 3]);
		expect(constrainedFuzzBounds(1, 1, 100)).toEqual([1, 1]);
	});

	it('minimum_review_fuzz_interval cases', () => {
		expect(minimumReviewFuzzInterval(2.7269483, 4, 36500)).toBe(4);
		expect(minimumReviewFuzzInterval(2.7269483, 5, 36500)).toBe(0);
		expect(minimumReviewFuzzInterval(4.591988, 4, 36500)).toBe(5);
	});

	it("minimum_review_fuzz_interval bounds the fuzz range by the preset's maximum interval", () => {
		// 100 days fuzzes up to 107: a previous 104 is kept as the minimum...
		expect(constrainedFuzzBounds(100, 1, 36500)).toEqual([93, 107]);
		expect(minimumReviewFuzzInterval(100, 104, 36500)).toBe(104);
		// ...but under a 102-day maximum the range ends at 102, so 104 is out of reach: no minimum.
		expect(minimumReviewFuzzInterval(100, 104, 102)).toBe(0);
	});
});

describe('learning fuzz', () => {
	it('stays within +25% capped at +5 minutes', () => {
		for (let i = 0; i < 200; i++) {
			const seed = fuzzSeed(1600000000000 + i * 7919, i % 5);
			const ten = learningSecsWithFuzz(600, seed);
			expect(ten).toBeGreaterThanOrEqual(600);
			expect(ten).toBeLessThan(750);
			const hour = learningSecsWithFuzz(3600, seed);
			expect(hour).toBeGreaterThanOrEqual(3600);
			expect(hour).toBeLessThan(3900);
		}
	});

	it('is off without a seed and for tiny delays', () => {
		expect(learningSecsWithFuzz(600, null)).toBe(600);
		expect(learningSecsWithFuzz(3, 5n)).toBe(3);
	});
});
