// Next states of a review card (rslib states/review.rs).
import {constrainedFuzzBounds, minimumReviewFuzzInterval, roundHalfAway} from '../fuzz.js';
import {fsrsShortTerm, fuzzed, relearnSteps, reviewBounds, roundAtLeastOne} from './context.js';
import {leechThresholdMet} from '../leech.js';
import type {CardState, NextStates, ReviewState, StateContext} from './types.js';

// rslib keeps the ease and every multiplier in f32 and does each step in f32 (1.3 is 1.29999995),
// so each product below is rounded to f32 as it is made: in f64, ivl 185 at 130% gives 240.5
// where Anki gets 240.49998, and the fuzz range (then the interval) can differ by a day.
const f32 = Math.fround;
export const MINIMUM_EASE = f32(1.3);
const AGAIN_EASE_DELTA = f32(-0.2);
const HARD_EASE_DELTA = f32(-0.15);
const EASY_EASE_DELTA = f32(0.15);

/** The preset's SM-2 multipliers as rslib holds them (f32 from the proto or from JSON numbers). */
function multipliers(ctx: StateContext) {
	const {hardMultiplier, easyMultiplier, lapseMultiplier, intervalMultiplier} = ctx.config;
	return {hard: f32(hardMultiplier), easy: f32(easyMultiplier), lapse: f32(lapseMultiplier), interval: f32(intervalMultiplier)};
}

export function daysLate(state: ReviewState): number {
	return state.elapsedDays - state.scheduledDays;
}

/** A passing interval: modifier (SM-2 only), then fuzz or rounding, within [minimum, maximum]. */
function constrainPassing(ctx: StateContext, interval: number, minimum: number, fuzz: boolean): number {
	const x = ctx.fsrs ? interval : f32(interval * multipliers(ctx).interval);
	const [lo, hi] = reviewBounds(ctx, minimum);
	if (fuzz) return fuzzed(ctx, x, lo, hi);
	return Math.min(Math.max(roundHalfAway(x), lo), hi);
}

function sm2OnTime(state: ReviewState, ctx: StateContext): [number, number, number] {
	const current = f32(Math.max(state.scheduledDays, 1));
	const late = f32(Math.max(daysLate(state), 0));
	const factors = multipliers(ctx);
	const hardMin = factors.hard <= 1 ? 0 : state.scheduledDays + 1;
	const hard = constrainPassing(ctx, f32(current * factors.hard), hardMin, true);
	const goodMin = factors.hard <= 1 ? state.scheduledDays + 1 : hard + 1;
	const good = constrainPassing(ctx, f32(f32(current + f32(late / 2)) * state.ease), goodMin, true);
	const easy = constrainPassing(ctx, f32(f32(f32(current + late) * state.ease) * factors.easy), good + 1, true);
	return [hard, good, easy];
}

/** Reviewed before due (filtered decks): smaller growth, no fuzz. */
function sm2Early(state: ReviewState, ctx: StateContext): [number, number, number] {
	const scheduled = f32(Math.max(state.scheduledDays, 1));
	const elapsed = f32(state.elapsedDays);
	const factors = multipliers(ctx);
	const hard = constrainPassing(ctx, Math.max(f32(elapsed * factors.hard), f32(scheduled * f32(factors.hard / 2))), 0, false);
	const goodBase = Math.max(f32(elapsed * state.ease), scheduled);
	const good = constrainPassing(ctx, goodBase, 0, false);
	const bonus = f32(factors.easy - f32(f32(factors.easy - 1) / 2));
	const easy = constrainPassing(ctx, f32(goodBase * bonus), 0, false);
	return [hard, good, easy];
}

function fsrsPassing(state: ReviewState, ctx: StateContext): [number, number, number] {
	const fsrs = ctx.fsrs!;
	const prev = state.scheduledDays;
	// rslib passes the preset's maximum interval as it is (not the bounds' at-least-1 form).
	const max = ctx.config.maximumReviewInterval;
	const hard = constrainPassing(ctx, fsrs.hard.interval, Math.max(minimumReviewFuzzInterval(fsrs.hard.interval, prev, max), 1), true);
	const good = constrainPassing(ctx, fsrs.good.interval, Math.max(minimumReviewFuzzInterval(fsrs.good.interval, prev, max), hard + 1), true);
	const easy = constrainPassing(ctx, fsrs.easy.interval, Math.max(minimumReviewFuzzInterval(fsrs.easy.interval, prev, max), good + 1), true);
	return [hard, good, easy];
}

/** The interval a lapse falls back to (unfuzzed under FSRS: fuzz comes when relearning ends). */
export function failingInterval(state: ReviewState, ctx: StateContext): number {
	if (ctx.fsrs) return ctx.fsrs.again.interval;
	const [minimum, maximum] = reviewBounds(ctx, ctx.config.minimumLapseInterval);
	return fuzzed(ctx, f32(Math.max(state.scheduledDays, 1) * multipliers(ctx).lapse), minimum, maximum);
}

function answerAgain(state: ReviewState, ctx: StateContext): CardState {
	const lapses = state.lapses + 1;
	const days = failingInterval(state, ctx);
	const memory = ctx.fsrs?.again.memory ?? null;
	const review: ReviewState = {
		kind: 'review',
		scheduledDays: roundAtLeastOne(days),
		elapsedDays: 0,
		ease: Math.max(f32(state.ease + AGAIN_EASE_DELTA), MINIMUM_EASE),
		lapses,
		leeched: leechThresholdMet(lapses, ctx.config.leechThreshold),
		memory,
	};
	const steps = relearnSteps(ctx);
	const againSecs = steps.againDelaySecs();
	if (againSecs !== null) {
		return {
			kind: 'relearning',
			learning: {kind: 'learning', remainingSteps: steps.remainingForFailed(), scheduledSecs: againSecs, memory},
			review,
		};
	}
	if (ctx.fsrs && fsrsShortTerm(ctx, steps, days)) {
		return {
			kind: 'relearning',
			learning: {kind: 'learning', remainingSteps: steps.remainingForFailed(), scheduledSecs: Math.trunc(days * 86400), memory},
			review,
		};
	}
	return review;
}

export function reviewNextStates(state: ReviewState, ctx: StateContext): NextStates {
	const [hard, good, easy] = ctx.fsrs
		? fsrsPassing(state, ctx)
		: daysLate(state) < 0
			? sm2Early(state, ctx)
			: sm2OnTime(state, ctx);
	const base = {...state, elapsedDays: 0};
	return {
		current: state,
		again: answerAgain(state, ctx),
		hard: {
			...base,
			scheduledDays: hard,
			ease: Math.max(f32(state.ease + HARD_EASE_DELTA), MINIMUM_EASE),
			memory: ctx.fsrs?.hard.memory ?? null,
		},
		good: {...base, scheduledDays: good, memory: ctx.fsrs?.good.memory ?? null},
		easy: {...base, scheduledDays: easy, ease: f32(state.ease + EASY_EASE_DELTA), memory: ctx.fsrs?.easy.memory ?? null},
	};
}

export {constrainedFuzzBounds};
