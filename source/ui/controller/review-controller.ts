// The review screen's state machine, React-free: question -> answer -> (commit) -> next question.
// State lives here, not in React state, so two key presses that arrive before a re-render still
// see the true phase: the second "3" of a fast double press lands on a question and does nothing.
import type {QueueCounts, QueuedCard, Rating, ReviewSession} from '../../core/scheduler/types.js';
import type {TerminalHandoff} from '../hooks/use-terminal-handoff.js';
import type {CommandId} from '../keys.js';
import type {CardInfoView, NoteEditResult, RenderedCardView, TypeAnswerView, ViewLine} from '../view-types.js';

export interface ReviewDeps {
	session: ReviewSession;
	/** Renders a card for display (template, cloze, media names). */
	render(queued: QueuedCard): RenderedCardView;
	deckName(deckId: number): string;
	/** Anki's type-answer comparison of what was typed with what the card expects. */
	compareTyped(typeAnswer: TypeAnswerView, typed: string): ViewLine[];
	/** Whether the card's deck plays audio by itself (deck option, maybe overridden by config). */
	autoplay(queued: QueuedCard): boolean;
	/** Starts playing in the background; returns a one-line hint when it cannot (no player). */
	playAudio(files: string[]): string | null;
	/** Opens files in the system viewer; returns a hint line. */
	openMedia(files: string[]): string | null;
	cardInfo?(queued: QueuedCard): CardInfoView;
	/** Edits the card's note in the user's editor (absent on a read-only collection). */
	editNote?(queued: QueuedCard, handOff: TerminalHandoff): NoteEditResult;
	/** Adds a note in the user's editor, to the deck under review (absent on a read-only collection). */
	addNote?(queued: QueuedCard | null, handOff: TerminalHandoff): NoteEditResult;
	now(): number;
}

export type ReviewPhase = 'question' | 'answer' | 'done';

export interface ReviewState {
	phase: ReviewPhase;
	current: QueuedCard | null;
	rendered: RenderedCardView | null;
	deckName: string;
	counts: QueueCounts;
	labels: Record<Rating, string> | null;
	/** Text typed into a type-answer input. */
	typed: string;
	comparison: ViewLine[] | null;
	/** One-line notice ("Card buried.", "No audio player found ..."). */
	message: string | null;
	canUndo: boolean;
	nextDueAt: number | null;
	info: CardInfoView | null;
	/** Whether the card's {{hint:...}} fields are shown. */
	hintsShown: boolean;
	/** Bumps on every card change, so views can reset scrolling. */
	cardSerial: number;
}

const ratings: Partial<Record<CommandId, Rating>> = {
	'review.again': 1,
	'review.hard': 2,
	'review.good': 3,
	'review.easy': 4,
};

export class ReviewController {
	private state: ReviewState;
	private shownAt = 0;
	private readonly listeners = new Set<() => void>();

	constructor(private readonly deps: ReviewDeps) {
		this.state = {
			phase: 'done',
			current: null,
			rendered: null,
			deckName: '',
			counts: {new: 0, learn: 0, review: 0},
			labels: null,
			typed: '',
			comparison: null,
			message: null,
			canUndo: false,
			nextDueAt: null,
			info: null,
			hintsShown: false,
			cardSerial: 0,
		};
		this.loadCurrent(null);
	}

	getState = (): ReviewState => this.state;

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	/** True when the type-answer input has the keyboard (question side of a type-in card). */
	isTyping(): boolean {
		return this.state.phase === 'question' && this.state.rendered?.typeAnswer !== undefined;
	}

	/**
	 * Runs a command; returns false when it does not apply now. A failure (the collection is
	 * locked, the disk is full) shows as a one-line message and leaves the card where it was.
	 */
	dispatch(command: CommandId): boolean {
		try {
			return this.run(command);
		} catch (error) {
			this.set({message: `Error: ${error instanceof Error ? error.message : String(error)}`});
			return true;
		}
	}

	private run(command: CommandId): boolean {
		const s = this.state;
		if (s.info && command !== 'review.info') {
			// Any key closes the card info overlay.
			this.set({info: null});
			return true;
		}
		const rating = ratings[command];
		if (rating !== undefined) {
			if (s.phase !== 'answer') return false;
			this.answer(rating);
			return true;
		}
		switch (command) {
			case 'review.flip':
				if (s.phase === 'question') this.reveal();
				else if (s.phase === 'answer') this.answer(3); // Anki's default answer is Good
				else return false;
				return true;
			case 'review.undo':
				if (!this.deps.session.canUndo()) {
					this.set({message: 'Nothing to undo.'});
					return true;
				}
				{
					// Anki's wording: "Answer Card undone", "Update Note undone".
					const label = this.deps.session.undo();
					this.loadCurrent(label ? `${label} undone.` : 'Nothing to undo.');
				}
				return true;
			case 'review.buryCard':
				return this.onCard(() => this.deps.session.buryCard(), 'Card buried.');
			case 'review.buryNote':
				return this.onCard(() => this.deps.session.buryNote(), 'Note buried.');
			case 'review.suspendCard':
				return this.onCard(() => this.deps.session.suspendCard(), 'Card suspended.');
			case 'review.suspendNote':
				return this.onCard(() => this.deps.session.suspendNote(), 'Note suspended.');
			case 'review.mark':
				if (!s.current) return false;
				this.deps.session.toggleMark();
				this.refreshCurrentInPlace('Mark toggled.');
				return true;
			case 'review.replay':
				if (!s.rendered) return false;
				this.play(s.phase === 'answer' ? [...s.rendered.questionSounds, ...s.rendered.answerSounds] : s.rendered.questionSounds, true);
				return true;
			case 'review.open': {
				if (!s.rendered) return false;
				const files = [...s.rendered.images, ...s.rendered.questionSounds, ...(s.phase === 'answer' ? s.rendered.answerSounds : [])];
				if (files.length === 0) {
					this.set({message: 'This card has no images or media.'});
					return true;
				}
				this.set({message: this.deps.openMedia(unique(files)) ?? `Opening ${unique(files).join(', ')}`});
				return true;
			}
			case 'review.hint':
				if (!s.rendered?.hints?.length) {
					this.set({message: 'This card has no hints.'});
					return true;
				}
				this.set({hintsShown: !s.hintsShown});
				return true;
			case 'review.info':
				if (s.info) {
					this.set({info: null});
					return true;
				}
				if (!s.current) return false;
				if (!this.deps.cardInfo) {
					this.set({message: 'Card info is not available for this collection.'});
					return true;
				}
				this.set({info: this.deps.cardInfo(s.current)});
				return true;
			default: {
				const flag = /^review\.flag(\d)$/.exec(command);
				if (flag) {
					if (!s.current) return false;
					this.deps.session.setFlag(Number(flag[1]));
					this.refreshCurrentInPlace(null);
					return true;
				}
				return false;
			}
		}
	}

	/**
	 * `e`: the card's note in the user's editor, the terminal handed over meanwhile; the card is drawn
	 * again from the saved note on the side it was on. `u` undoes the edit like an answer.
	 */
	editNote(handOff: TerminalHandoff): boolean {
		const current = this.state.current;
		const edit = this.deps.editNote;
		if (!current || !edit) return false;
		return this.afterNoteChange(() => edit(current, handOff));
	}

	/** `a`: adds a note in the user's editor; its cards can join this session's queue. */
	addNote(handOff: TerminalHandoff): boolean {
		const add = this.deps.addNote;
		if (!add) return false;
		return this.afterNoteChange(() => add(this.state.current, handOff));
	}

	private afterNoteChange(run: () => NoteEditResult): boolean {
		let result: NoteEditResult;
		try {
			result = run();
		} catch (error) {
			this.set({message: `Error: ${error instanceof Error ? error.message : String(error)}`});
			return true;
		}
		if (result.changed) this.deps.session.refresh();
		this.redrawCurrent(result.message);
		return true;
	}

	/** The same card drawn again (its note may have changed), on the side it was on; else the next card. */
	private redrawCurrent(message: string): void {
		const before = this.state;
		const session = this.deps.session;
		const current = session.current();
		if (!current || current.card.id !== before.current?.card.id || before.phase !== 'answer') {
			if (current && current.card.id === before.current?.card.id && before.phase === 'question') {
				// Still the question: keep what was typed and the time already spent on it.
				this.set({current, rendered: this.deps.render(current), counts: session.counts(), canUndo: session.canUndo(), message, cardSerial: before.cardSerial + 1});
				return;
			}
			this.loadCurrent(message);
			return;
		}
		const rendered = this.deps.render(current);
		const comparison = rendered.typeAnswer ? this.deps.compareTyped(rendered.typeAnswer, before.typed) : null;
		this.set({current, rendered, comparison, counts: session.counts(), canUndo: session.canUndo(), labels: session.buttons().labels, message, cardSerial: before.cardSerial + 1});
	}

	/** Keys typed while the type-answer input has focus. */
	typeText(text: string): void {
		if (!this.isTyping()) return;
		this.set({typed: this.state.typed + text});
	}

	backspace(): void {
		if (!this.isTyping()) return;
		const chars = [...this.state.typed];
		chars.pop();
		this.set({typed: chars.join('')});
	}

	/** After the collection changed elsewhere (the browser): re-reads the queue and shows the card again. */
	collectionChanged(): void {
		this.deps.session.refresh();
		this.loadCurrent(null);
	}

	/** Re-reads the queue (e.g. when a learning card becomes due while the congrats screen shows). */
	refresh(): void {
		if (this.state.phase === 'done') this.loadCurrent(null);
	}

	private reveal(): void {
		const s = this.state;
		if (!s.current || !s.rendered) return;
		const typeAnswer = s.rendered.typeAnswer;
		const comparison = typeAnswer ? this.deps.compareTyped(typeAnswer, s.typed) : null;
		this.set({phase: 'answer', labels: this.deps.session.buttons().labels, comparison, message: null});
		if (this.deps.autoplay(s.current) && s.rendered.answerSounds.length > 0) this.play(s.rendered.answerSounds, false);
	}

	private answer(rating: Rating): void {
		const taken = Math.max(0, this.deps.now() - this.shownAt);
		// The session commits card, revlog and deck counters in one transaction before we move on.
		this.deps.session.answer(rating, taken);
		this.loadCurrent(null);
	}

	private onCard(action: () => void, message: string): boolean {
		if (!this.state.current) return false;
		action();
		this.loadCurrent(message);
		return true;
	}

	private loadCurrent(message: string | null): void {
		const session = this.deps.session;
		const current = session.current();
		const base = {
			counts: session.counts(),
			canUndo: session.canUndo(),
			message,
			typed: '',
			comparison: null,
			labels: null,
			info: null,
			hintsShown: false,
			cardSerial: this.state.cardSerial + 1,
		};
		if (!current) {
			this.set({...base, phase: 'done', current: null, rendered: null, deckName: '', nextDueAt: session.nextDueAt()});
			return;
		}
		const rendered = this.deps.render(current);
		this.set({...base, phase: 'question', current, rendered, deckName: this.deps.deckName(current.card.did), nextDueAt: null});
		this.shownAt = this.deps.now();
		if (this.deps.autoplay(current) && rendered.questionSounds.length > 0) this.play(rendered.questionSounds, false);
	}

	/** After flag or mark the same card stays; re-read it so the flag colour shows. */
	private refreshCurrentInPlace(message: string | null): void {
		const current = this.deps.session.current();
		this.set({current, message, canUndo: this.deps.session.canUndo()});
	}

	private play(files: string[], explicit: boolean): void {
		if (files.length === 0) {
			if (explicit) this.set({message: 'This card has no audio.'});
			return;
		}
		const hint = this.deps.playAudio(files);
		if (hint) this.set({message: hint});
	}

	private set(patch: Partial<ReviewState>): void {
		this.state = {...this.state, ...patch};
		for (const listener of this.listeners) listener();
	}
}

function unique(items: string[]): string[] {
	return [...new Set(items)];
}
