// Next states of a new or learning card (rslib states/learning.rs; a new card is a learning card
// on its first step).
import {fsrsShortTerm, fuzzed, graduated, learnSteps, reviewBounds, roundAtLeastOne} from './context.js';
import type {CardState, FsrsItemState, LearnState, NextStates, NewState, ReviewState, StateContext} from './types.js';

type Button = 'again' | 'hard' | 'good';

/** Leaving the steps on Again/Hard/Good: graduate, or let FSRS keep the card for a short while. */
function leaveSteps(state: LearnState, ctx: StateContext, button: Button, remaining: number): CardState {
	const fsrs: FsrsItemState | undefined = ctx.fsrs?.[button];
	const interval = fsrs ? fsrs.interval : ctx.config.graduatingIntervalGood;
	const memory = fsrs?.memory ?? null;
	if (fsrs && fsrsShortTerm(ctx, learnSteps(ctx), interval)) {
		return {kind: 'learning', remainingSteps: remaining, scheduledSecs: Math.trunc(interval * 86400), memory};
	}
	const [minimum, maximum] = reviewBounds(ctx, 1);
	return graduated(ctx, fuzzed(ctx, roundAtLeastOne(interval), minimum, maximum), memory);
}

function answerEasy(ctx: StateContext): ReviewState {
	let [minimum, maximum] = reviewBounds(ctx, 1);
	let interval: number = ctx.config.graduatingIntervalEasy;
	if (ctx.fsrs) {
		minimum = fuzzed(ctx, ctx.fsrs.good.interval, minimum, maximum) + 1;
		interval = roundAtLeastOne(ctx.fsrs.easy.interval);
	}
	return graduated(ctx, fuzzed(ctx, interval, minimum, maximum), ctx.fsrs?.easy.memory ?? null);
}

export function learningNextStates(current: LearnState | NewState, ctx: StateContext): NextStates {
	const steps = learnSteps(ctx);
	const state: LearnState =
		current.kind === 'new'
			? {kind: 'learning', remainingSteps: steps.length, scheduledSecs: 0, memory: null}
			: current;
	const memoryFor = (button: Button | 'easy') => ctx.fsrs?.[button].memory ?? null;

	const againSecs = steps.againDelaySecs();
	const again: CardState =
		againSecs === null
			? leaveSteps(state, ctx, 'again', steps.remainingForFailed())
			: {kind: 'learning', remainingSteps: steps.remainingForFailed(), scheduledSecs: againSecs, memory: memoryFor('again')};

	const hardSecs = steps.hardDelaySecs(state.remainingSteps);
	const hard: CardState =
		hardSecs === null
			? leaveSteps(state, ctx, 'hard', state.remainingSteps)
			: {kind: 'learning', remainingSteps: state.remainingSteps, scheduledSecs: hardSecs, memory: memoryFor('hard')};

	const goodSecs = steps.goodDelaySecs(state.remainingSteps);
	const good: CardState =
		goodSecs === null
			? leaveSteps(state, ctx, 'good', state.remainingSteps)
			: {
					kind: 'learning',
					remainingSteps: steps.remainingForGood(state.remainingSteps),
					scheduledSecs: goodSecs,
					memory: memoryFor('good'),
				};

	return {current, again, hard, good, easy: answerEasy(ctx)};
}
