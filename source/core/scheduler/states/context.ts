// Helpers every state transition shares: interval bounds and fuzz.
import {withReviewFuzz} from '../fuzz.js';
import {LearningSteps} from './steps.js';
import type {MemoryState, ReviewState, StateContext} from './types.js';

/** [minimum, maximum] days with minimum at least 1 and never above the maximum. */
export function reviewBounds(ctx: StateContext, minimum: number): [number, number] {
	const maximum = Math.max(ctx.config.maximumReviewInterval, 1);
	return [Math.min(Math.max(minimum, 1), maximum), maximum];
}

/** Every review-interval fuzz goes through here: the load balancer first, as Anki's `with_review_fuzz`. */
export function fuzzed(ctx: StateContext, interval: number, minimum: number, maximum: number): number {
	const balanced = ctx.loadBalancer?.find(interval, minimum, maximum) ?? null;
	if (balanced !== null) return balanced;
	return withReviewFuzz(interval, minimum, maximum, ctx.fuzzFactor);
}

export function learnSteps(ctx: StateContext): LearningSteps {
	return new LearningSteps(ctx.config.learnSteps);
}

export function relearnSteps(ctx: StateContext): LearningSteps {
	return new LearningSteps(ctx.config.relearnSteps);
}

/** FSRS keeps a card in (re)learning for sub-half-day intervals only when short-term is allowed. */
export function fsrsShortTerm(ctx: StateContext, steps: LearningSteps, intervalDays: number): boolean {
	return ctx.fsrsAllowShortTerm && (ctx.fsrsShortTermWithSteps || steps.length === 0) && intervalDays < 0.5;
}

/** A freshly graduated review state. */
export function graduated(ctx: StateContext, scheduledDays: number, memory: MemoryState | null): ReviewState {
	return {
		kind: 'review',
		scheduledDays,
		elapsedDays: 0,
		ease: Math.fround(ctx.config.initialEase), // f32 in rslib, like every ease
		lapses: 0,
		leeched: false,
		memory,
	};
}

/** Rust's `f32::round().max(1.0)` as used before fuzzing an FSRS interval. */
export function roundAtLeastOne(x: number): number {
	return Math.max(x < 0 ? -Math.round(-x) : Math.round(x), 1);
}
