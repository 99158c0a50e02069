// Next states of a relearning card (rslib states/relearning.rs).
import {fsrsShortTerm, fuzzed, relearnSteps, reviewBounds, roundAtLeastOne} from './context.js';
import {failingInterval} from './review.js';
import type {CardState, NextStates, RelearnState, ReviewState, StateContext} from './types.js';

type Button = 'again' | 'hard' | 'good';

/** Without (further) relearning steps: SM-2 keeps the stored interval; FSRS picks its own. */
function leaveSteps(state: RelearnState, ctx: StateContext, button: Button, remaining: number): CardState {
	const fsrs = ctx.fsrs?.[button];
	if (!fsrs) return {...state.review};
	const [minimum, maximum] = reviewBounds(ctx, 1);
	const review: ReviewState = {
		...state.review,
		scheduledDays: fuzzed(ctx, roundAtLeastOne(fsrs.interval), minimum, maximum),
		memory: fsrs.memory,
	};
	if (fsrsShortTerm(ctx, relearnSteps(ctx), fsrs.interval)) {
		return {
			kind: 'relearning',
			learning: {kind: 'learning', remainingSteps: remaining, scheduledSecs: Math.trunc(fsrs.interval * 86400), memory: fsrs.memory},
			review,
		};
	}
	return review;
}

export function relearningNextStates(state: RelearnState, ctx: StateContext): NextStates {
	const steps = relearnSteps(ctx);
	const memoryFor = (button: Button) => ctx.fsrs?.[button].memory ?? null;
	const stay = (remainingSteps: number, scheduledSecs: number, button: Button, review: ReviewState): CardState => ({
		kind: 'relearning',
		learning: {kind: 'learning', remainingSteps, scheduledSecs, memory: memoryFor(button)},
		review: {...review, elapsedDays: 0, memory: memoryFor(button)},
	});

	const againSecs = steps.againDelaySecs();
	let again: CardState;
	if (againSecs !== null) {
		const days = roundAtLeastOne(failingInterval(state.review, ctx));
		again = stay(steps.remainingForFailed(), againSecs, 'again', {...state.review, scheduledDays: days});
	} else {
		again = leaveSteps(state, ctx, 'again', steps.remainingForFailed());
	}

	const hardSecs = steps.hardDelaySecs(state.learning.remainingSteps);
	const hard =
		hardSecs !== null
			? stay(state.learning.remainingSteps, hardSecs, 'hard', state.review)
			: leaveSteps(state, ctx, 'hard', state.learning.remainingSteps);

	const goodSecs = steps.goodDelaySecs(state.learning.remainingSteps);
	const good =
		goodSecs !== null
			? stay(steps.remainingForGood(state.learning.remainingSteps), goodSecs, 'good', state.review)
			: leaveSteps(state, ctx, 'good', steps.remainingForGood(state.learning.remainingSteps));

	let easyDays = state.review.scheduledDays + 1;
	if (ctx.fsrs) {
		const [minimum, maximum] = reviewBounds(ctx, 1);
		const goodDays = fuzzed(ctx, ctx.fsrs.good.interval, minimum, maximum);
		easyDays = fuzzed(ctx, roundAtLeastOne(ctx.fsrs.easy.interval), goodDays + 1, maximum);
	}
	const easy: ReviewState = {
		...state.review,
		scheduledDays: easyDays,
		elapsedDays: 0,
		memory: ctx.fsrs?.easy.memory ?? null,
	};
	return {current: state, again, hard, good, easy};
}
