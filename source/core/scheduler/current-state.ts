// The state a card row is in, as the v3 scheduler sees it (rslib answering/current.rs).
import {CardQueue, CardType, type Card, type DeckConfig} from '../model.js';
import type {CardData} from '../collection/card-data.js';
import {LearningSteps} from './states/steps.js';
import type {CardState, LearnState, MemoryState, NormalState, ReviewState} from './states/types.js';

export interface StateInputs {
	card: Card;
	data: CardData;
	config: DeckConfig;
	today: number;
	/** Settings of the filtered deck the card sits in, if any. */
	filtered: {reschedule: boolean; previewAgainSecs?: number} | null;
}

export function memoryFromData(data: CardData): MemoryState | null {
	return data.s !== undefined && data.d !== undefined ? {stability: data.s, difficulty: data.d} : null;
}

/** The ease a card's `factor` stands for, as rslib reads it: `factor as f32 / 1000.0` (2.5 = 250 %). */
export function easeFromFactor(factor: number): number {
	return Math.fround(factor / 1000);
}

/** The `factor` an ease is stored as: rslib's `(ease * 1000.0).round() as u16`, in f32. */
export function factorFromEase(ease: number): number {
	return Math.round(Math.fround(ease * 1000));
}

/** `due` of the home deck when the card sits in a filtered deck. */
export function originalOrCurrentDue(card: Card): number {
	return card.odid !== 0 && card.odue !== 0 ? card.odue : card.due;
}

function reviewState(inputs: StateInputs, memory: MemoryState | null): ReviewState {
	const {card, today} = inputs;
	let due = originalOrCurrentDue(card);
	// Outside filtered decks a card is never early: a later due counts as due today.
	if (!inputs.filtered) due = Math.min(due, today);
	return {
		kind: 'review',
		scheduledDays: Math.max(card.ivl, 0),
		elapsedDays: Math.max(0, card.ivl + (today - due)),
		ease: easeFromFactor(card.factor),
		lapses: card.lapses,
		leeched: false,
		memory,
	};
}

function learnState(card: Card, steps: LearningSteps, memory: MemoryState | null): LearnState {
	const remainingSteps = card.left % 1000;
	return {kind: 'learning', remainingSteps, scheduledSecs: steps.currentDelaySecs(remainingSteps) ?? 0, memory};
}

export function normalState(inputs: StateInputs): NormalState {
	const {card, data, config} = inputs;
	const memory = memoryFromData(data);
	switch (card.type) {
		case CardType.New:
			return {kind: 'new', position: originalOrCurrentDue(card)};
		case CardType.Learn:
			return learnState(card, new LearningSteps(config.learnSteps), memory);
		case CardType.Review:
			return reviewState(inputs, memory);
		default:
			return {
				kind: 'relearning',
				learning: learnState(card, new LearningSteps(config.relearnSteps), memory),
				review: reviewState(inputs, memory),
			};
	}
}

export function currentState(inputs: StateInputs): CardState {
	if (inputs.filtered && !inputs.filtered.reschedule) {
		// Anki takes the Again delay as the preview card's current interval (revlog lastIvl).
		return {kind: 'preview', scheduledSecs: inputs.filtered.previewAgainSecs ?? 60, finished: false};
	}
	return normalState(inputs);
}

export function isPreviewCard(card: Card): boolean {
	return card.queue === CardQueue.PreviewRepeat;
}
