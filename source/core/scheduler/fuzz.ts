// Anki's interval fuzz (rslib states/fuzz.rs, answering/learning.rs), in f32 as Anki computes it.
import {rngForSeed} from './rng.js';

const f32 = Math.fround;

/** Rust's `f32::round`: half away from zero. */
export function roundHalfAway(x: number): number {
	return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** `x as u32` in Rust: truncates, saturates at 0. */
function asU32(x: number): number {
	return x <= 0 || Number.isNaN(x) ? 0 : Math.min(Math.trunc(x), 0xffffffff);
}

/** rslib's FUZZ_RANGES: from, to, extra days per day, in f32. */
const FUZZ_RANGES = [
	[2.5, 7, f32(0.15)],
	[7, 20, f32(0.1)],
	[20, Infinity, f32(0.05)],
] as const;

/** How many days either side an interval may move: 1, plus each range's share, each step in f32. */
export function fuzzDelta(interval: number): number {
	if (interval < 2.5) return 0;
	let delta = 1;
	for (const [start, end, factor] of FUZZ_RANGES) {
		delta = f32(delta + f32(factor * Math.max(f32(Math.min(interval, end) - start), 0)));
	}
	return delta;
}

/** The [lower, upper] days the fuzz may choose from, kept inside [minimum, maximum]. */
export function constrainedFuzzBounds(interval: number, minimum: number, maximum: number): [number, number] {
	minimum = Math.min(minimum, maximum);
	const x = f32(Math.min(Math.max(interval, minimum), maximum));
	const delta = fuzzDelta(x);
	let lower = asU32(roundHalfAway(f32(x - delta)));
	let upper = asU32(roundHalfAway(f32(x + delta)));
	lower = Math.min(Math.max(lower, minimum), maximum);
	upper = Math.min(Math.max(upper, minimum), maximum);
	if (upper === lower && upper > 2 && upper < maximum) upper = lower + 1;
	return [lower, upper];
}

/** A review interval in days: fuzzed when a factor is given, else rounded; always in [min, max]. */
export function withReviewFuzz(interval: number, minimum: number, maximum: number, factor: number | null): number {
	if (factor === null) {
		const rounded = asU32(roundHalfAway(f32(interval)));
		return Math.min(Math.max(rounded, Math.min(minimum, maximum)), maximum);
	}
	const [lower, upper] = constrainedFuzzBounds(interval, minimum, maximum);
	return Math.floor(f32(lower + f32(factor * (1 + upper - lower))));
}

/**
 * The smallest interval FSRS may give a passing button so it never lands at or below the previous
 * interval unless the fuzz range itself reaches there (rslib `minimum_review_fuzz_interval`, with
 * the preset's maximum interval as Anki passes it).
 */
export function minimumReviewFuzzInterval(interval: number, previous: number, maximum: number): number {
	if (roundHalfAway(interval) > previous) return previous + 1;
	const [, upper] = constrainedFuzzBounds(interval, 1, maximum);
	return previous <= upper ? previous : 0;
}

/** A learning delay with up to +25% (at most +5 min) of fuzz, seeded like the review fuzz. */
export function learningSecsWithFuzz(secs: number, seed: bigint | null): number {
	if (seed === null) return secs;
	const upperExclusive = secs + Math.floor(Math.min(f32(secs * 0.25), 300));
	if (secs >= upperExclusive) return secs;
	return rngForSeed(seed).rangeU32(secs, upperExclusive);
}
