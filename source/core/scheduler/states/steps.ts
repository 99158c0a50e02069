// Learning/relearning step arithmetic (rslib states/steps.rs). `remaining` counts the steps left
// including the current one; v2 packed it as `today*1000 + left`, so only `% 1000` matters.

const DAY = 86400;

/** A step in minutes as Anki stores it (f32), converted to whole seconds by truncation. */
function stepSecs(minutes: number): number {
	return Math.trunc(Math.fround(Math.fround(minutes) * 60));
}

/** Delays over one day snap to whole days. */
function roundInDays(secs: number): number {
	return secs > DAY ? Math.round(secs / DAY) * DAY : secs;
}

export class LearningSteps {
	constructor(readonly minutes: readonly number[]) {}

	get length(): number {
		return this.minutes.length;
	}

	private secsAt(index: number): number | null {
		const m = this.minutes[index];
		return m === undefined ? null : stepSecs(m);
	}

	/** Index of the current step. */
	index(remaining: number): number {
		const len = this.minutes.length;
		return Math.min(Math.max(len - (remaining % 1000), 0), Math.max(len - 1, 0));
	}

	/** Delay of the step the card currently sits on. */
	currentDelaySecs(remaining: number): number | null {
		return this.secsAt(this.index(remaining));
	}

	againDelaySecs(): number | null {
		return this.secsAt(0);
	}

	/** Remaining count after Again: all steps. */
	remainingForFailed(): number {
		return this.minutes.length;
	}

	hardDelaySecs(remaining: number): number | null {
		const index = this.index(remaining);
		const current = this.secsAt(index);
		if (current === null) return null;
		if (index > 0) return current;
		const next = this.secsAt(1);
		if (next !== null) return roundInDays(Math.floor((current + next) / 2));
		const oneAndAHalf = Math.trunc(Math.fround(current * 1.5));
		return roundInDays(Math.min(oneAndAHalf, current + DAY));
	}

	goodDelaySecs(remaining: number): number | null {
		return this.secsAt(this.index(remaining) + 1);
	}

	remainingForGood(remaining: number): number {
		return Math.max(0, this.minutes.length - (this.index(remaining) + 1));
	}
}
