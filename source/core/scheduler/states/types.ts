// Card states as the v3 scheduler models them (rslib scheduler/states). A card row maps to one of
// these; an answer maps a state to the next; applying a state writes the row.
import type {DeckConfig} from '../../model.js';

export interface MemoryState {
	stability: number;
	difficulty: number;
}

export interface NewState {
	kind: 'new';
	position: number;
}

export interface LearnState {
	kind: 'learning';
	remainingSteps: number;
	scheduledSecs: number;
	memory: MemoryState | null;
}

export interface ReviewState {
	kind: 'review';
	scheduledDays: number;
	elapsedDays: number;
	/** Ratio, 2.5 = 250 %. */
	ease: number;
	lapses: number;
	leeched: boolean;
	memory: MemoryState | null;
}

export interface RelearnState {
	kind: 'relearning';
	learning: LearnState;
	review: ReviewState;
}

/** A card answered in a filtered deck that does not reschedule. */
export interface PreviewState {
	kind: 'preview';
	scheduledSecs: number;
	/** Returns to its home deck unchanged. */
	finished: boolean;
}

export type NormalState = NewState | LearnState | ReviewState | RelearnState;
export type CardState = NormalState | PreviewState;

export interface NextStates {
	current: CardState;
	again: CardState;
	hard: CardState;
	good: CardState;
	easy: CardState;
}

export interface FsrsItemState {
	memory: MemoryState;
	/** Days, unrounded. */
	interval: number;
}

export interface FsrsNextStates {
	again: FsrsItemState;
	hard: FsrsItemState;
	good: FsrsItemState;
	easy: FsrsItemState;
}

/** Everything a state transition needs besides the state itself. */
export interface StateContext {
	config: DeckConfig;
	/** Null disables fuzz (Anki's tests do the same). */
	fuzzFactor: number | null;
	/** FSRS outcomes for the current memory, when FSRS is on. */
	fsrs: FsrsNextStates | null;
	/** FSRS may keep a card in (re)learning for sub-day intervals. */
	fsrsAllowShortTerm: boolean;
	/** `fsrsShortTermWithStepsEnabled`. */
	fsrsShortTermWithSteps: boolean;
	/** Preview delays when the card sits in a non-rescheduling filtered deck. */
	preview: {againSecs: number; hardSecs: number; goodSecs: number} | null;
	/** Anki's load balancer for this answer; when it declines, the plain fuzz applies. */
	loadBalancer?: {find(interval: number, minimum: number, maximum: number): number | null} | null;
}
