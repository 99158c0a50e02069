// The app's screens as a stack: the top one is shown and has the keyboard. A screen opens others
// above itself (push), gives way to another at its own depth (replace: a review becomes its
// summary), or leaves (back). One back rule follows: leaving goes to the screen below, and leaving
// the last screen quits. So a session started straight into a deck (`review --deck`) is the only
// screen and quits after its summary, while one started from the deck list returns there.
// React-free, and the stack is read at key time, not render time: the second key of a burst that
// arrives before a re-render finds its screen gone and changes nothing.

export interface Navigator<R> {
	/** Opens screens above this one; the last one is shown. */
	push(...routes: R[]): void;
	/** This screen gives way to another at the same depth. */
	replace(route: R): void;
	/** Leaves this screen; leaving the last one quits the program. */
	back(): void;
	/** Whether leaving this screen quits (hints then say "quit" rather than "back"). */
	readonly isRoot: boolean;
}

export interface StackEntry<R> {
	/** Unique per opening: the key that tells React a screen is a new one. */
	readonly id: number;
	readonly route: R;
}

export class ScreenStack<R> {
	private entries: Array<StackEntry<R>>;
	private nextId = 1;

	/** `changed` after every move; `quit` when the last screen is left (it stays on the stack). */
	constructor(
		initial: readonly R[],
		private readonly events: {changed(): void; quit(): void},
	) {
		if (initial.length === 0) throw new Error('a screen stack starts with at least one screen');
		this.entries = initial.map((route) => this.entry(route));
	}

	get top(): StackEntry<R> {
		return this.entries.at(-1)!;
	}

	routes(): R[] {
		return this.entries.map((e) => e.route);
	}

	/** The navigator of one screen; it acts only while that screen is on top. */
	navigator(entry: StackEntry<R>): Navigator<R> {
		const isTop = () => this.top.id === entry.id;
		return {
			push: (...routes) => {
				if (!isTop() || routes.length === 0) return;
				this.entries.push(...routes.map((route) => this.entry(route)));
				this.events.changed();
			},
			replace: (route) => {
				if (!isTop()) return;
				this.entries[this.entries.length - 1] = this.entry(route);
				this.events.changed();
			},
			back: () => {
				if (!isTop()) return;
				if (this.entries.length === 1) {
					this.events.quit();
					return;
				}
				this.entries.pop();
				this.events.changed();
			},
			isRoot: this.entries[0]?.id === entry.id,
		};
	}

	private entry(route: R): StackEntry<R> {
		return {id: this.nextId++, route};
	}
}
