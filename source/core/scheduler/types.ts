// The contract between the scheduler and its callers (UI, commands). The UI holds a
// ReviewSession and never sees SQL.
import type {Card} from '../model.js';

export type Rating = 1 | 2 | 3 | 4; // Again, Hard, Good, Easy

export interface QueueCounts {
	new: number;
	learn: number;
	review: number;
}

/** Which of the three counts the current card belongs to (for highlighting as Anki does). */
export type CountKind = keyof QueueCounts;

export interface QueuedCard {
	card: Card;
	kind: CountKind;
}

export interface AnswerButtons {
	/** Labels as Anki shows them above the buttons: `1m`, `10m`, `4d`, `1.2mo`, `2y`. */
	labels: Record<Rating, string>;
}

export interface SessionSummary {
	studied: number;
	again: number;
	millisecondsStudied: number;
}

export interface ReviewSession {
	/** Counts remaining for the deck tree, as the deck browser and review screen show them. */
	counts(): QueueCounts;
	/** The card to show now, or null when the deck is done for now. */
	current(): QueuedCard | null;
	/** Interval labels for the current card. */
	buttons(): AnswerButtons;
	/** Commits the answer in one transaction and advances. timeTakenMs is capped by the options. */
	answer(rating: Rating, timeTakenMs: number): void;
	canUndo(): boolean;
	/** Anki's name of what undo() would revert ("Answer Card", "Update Note"...), or null. */
	undoLabel(): string | null;
	/**
	 * Reverts the latest operation on the collection (an answer, an action, an edit...: Anki's
	 * single undo queue) and returns its name, or null when there was nothing to undo.
	 */
	undo(): string | null;
	/** Re-reads the queue after the collection changed outside the session (an edit, an added note). */
	refresh(): void;
	buryCard(): void;
	buryNote(): void;
	suspendCard(): void;
	suspendNote(): void;
	/** 0 clears; toggles off when the card already has this flag, as Anki does. */
	setFlag(flag: number): void;
	toggleMark(): void;
	/** When the next learning card becomes due (epoch secs), or null; for the congrats screen. */
	nextDueAt(): number | null;
	summary(): SessionSummary;
}
