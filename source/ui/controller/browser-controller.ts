// The browser's state machine, React-free: the search line (searched again on every key press),
// the result ids, cursor, scroll, selection, mode, sort, and the prompts of actions (tags, due
// date, deck, forget, delete). The screen draws getState() and hands key commands and typed text in.
import type {BrowserMode, BrowserModel, ForgetChoice, SortOrder} from '../browser-model.js';
import {browserColumns} from '../browser-model.js';
import type {CommandId} from '../keys.js';
import type {NoteEditResult} from '../view-types.js';

export type BrowserPrompt =
	| {kind: 'addTags' | 'removeTags' | 'due'; text: string}
	| {kind: 'deck'; text: string; choices: string[]; index: number}
	| {kind: 'forget'; choice: ForgetChoice}
	| {kind: 'delete'; notes: number; cards: number};

export interface BrowserState {
	query: string;
	/** The search line has the keyboard. */
	typing: boolean;
	mode: BrowserMode;
	order: SortOrder;
	/** Result ids (cards or notes), in order (typed: 100k of them are filled and dropped per key press). */
	ids: Float64Array;
	/** Anki's message when the search line does not parse (the last results stay). */
	error: string | null;
	/** A hint when nothing matched (`no deck matches "x"`). */
	hint: string | null;
	cursor: number;
	selected: ReadonlySet<number>;
	preview: boolean;
	prompt: BrowserPrompt | null;
	message: string | null;
}

/**
 * Actions that hand the terminal to the user's editor (the screen's terminal handoff is inside
 * them); absent on a read-only collection.
 */
export interface EditorActions {
	/** Edits the note of this card (a note row: its first card) in the user's editor. */
	edit?(cardId: number): NoteEditResult;
	/** Adds a note in the user's editor, where Anki's Add window would put it. */
	add?(): NoteEditResult;
}

export interface BrowserControllerOptions {
	model: BrowserModel;
	editor?: EditorActions;
	/** The search to start with (default: the collection's, else `deck:current`). */
	query?: string;
	/** A card to put the cursor on (from the reviewer). */
	cardId?: number;
}

export class BrowserController {
	private state: BrowserState;
	private readonly listeners = new Set<() => void>();
	readonly model: BrowserModel;
	/** Whether anything was written (or undone) while the browser was open. */
	changed = false;
	private readonly editor: EditorActions;
	/** Rows kept per mode for the current results, fetched lazily by the screen. */
	private version = 0;

	constructor(options: BrowserControllerOptions) {
		this.model = options.model;
		this.editor = options.editor ?? {};
		const mode = this.model.initialMode();
		const query = options.query ?? this.model.defaultSearch();
		this.state = {
			query,
			typing: false,
			mode,
			order: this.model.initialOrder(mode),
			ids: new Float64Array(0),
			error: null,
			hint: null,
			cursor: 0,
			selected: new Set(),
			preview: true,
			prompt: null,
			message: null,
		};
		this.runSearch();
		if (options.cardId !== undefined && mode === 'cards') {
			const index = this.state.ids.indexOf(options.cardId);
			if (index >= 0) this.state = {...this.state, cursor: index};
		}
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getState = (): BrowserState => this.state;

	/** Bumped on every change of what the rows show (a write), so the screen refetches them. */
	get rowsVersion(): number {
		return this.version;
	}

	private set(patch: Partial<BrowserState>): void {
		this.state = {...this.state, ...patch};
		for (const listener of this.listeners) listener();
	}

	isTyping(): boolean {
		return this.state.typing || this.state.prompt !== null;
	}

	/** Searches the query line again; an unparsable query keeps the last results and shows Anki's message. */
	private runSearch(keepCursorOn?: number): void {
		const {query, mode, order} = this.state;
		const result = this.model.search(query, mode, order);
		if ('error' in result) {
			this.state = {...this.state, error: result.error};
			return;
		}
		// The row asked for, else the row that had the cursor, else the first.
		const find = (id: number | undefined) => (id === undefined ? -1 : result.ids.indexOf(id));
		const wanted = find(keepCursorOn);
		const index = wanted >= 0 ? wanted : find(this.state.ids[this.state.cursor]);
		let selected = this.state.selected;
		if (selected.size > 0) {
			// Rows that left the results leave the selection (a set of the results only when needed: 100k ids cost).
			const found = new Set(result.ids);
			selected = new Set([...selected].filter(id => found.has(id)));
		}
		this.state = {...this.state, ids: result.ids, error: null, hint: result.hint, cursor: Math.max(0, index), selected};
	}

	private refresh(): void {
		this.version++;
		this.runSearch();
	}

	/** The rows actions apply to: the selection, else the row under the cursor. */
	private targets(): number[] {
		const {selected, ids, cursor} = this.state;
		if (selected.size > 0) return Array.from(ids.filter(id => selected.has(id)));
		const current = ids[cursor];
		return current === undefined ? [] : [current];
	}

	/** An edit or add in the user's editor; what it wrote is searched again and redrawn. */
	private inEditor(action: (() => NoteEditResult) | undefined): void {
		if (!action) return this.set({message: this.model.readOnly ? 'This collection is open read-only.' : 'Editing notes is not available here.'});
		const result = action();
		if (result.changed) {
			this.changed = true;
			this.model.collectionChanged();
			this.version++;
			// An added note that the search finds gets the cursor, as the row just written.
			const added = result.added && (this.state.mode === 'cards' ? result.added.cardId : result.added.noteId);
			this.runSearch(added || undefined);
		}
		this.set({message: result.message});
	}

	private act(outcome: () => string | null): void {
		if (this.model.readOnly) {
			this.set({message: 'This collection is open read-only.'});
			return;
		}
		if (this.targets().length === 0) {
			this.set({message: 'Nothing to act on.'});
			return;
		}
		const message = outcome();
		this.changed = true;
		this.refresh();
		this.set({message});
	}

	private move(to: number): void {
		const cursor = Math.max(0, Math.min(this.state.ids.length - 1, to));
		this.set({cursor, message: null});
	}

	/** A command from the key table (pageSize: rows of the table on screen). */
	dispatch(command: CommandId, pageSize = 10): void {
		const s = this.state;
		switch (command) {
			case 'browser.search':
				return this.set({typing: true, message: null});
			case 'browser.up':
				return this.move(s.cursor - 1);
			case 'browser.down':
				return this.move(s.cursor + 1);
			case 'browser.pageUp':
				return this.move(s.cursor - pageSize);
			case 'browser.pageDown':
				return this.move(s.cursor + pageSize);
			case 'browser.top':
				return this.move(0);
			case 'browser.bottom':
				return this.move(s.ids.length - 1);
			case 'browser.select': {
				const id = s.ids[s.cursor];
				if (id === undefined) return;
				const selected = new Set(s.selected);
				if (selected.has(id)) selected.delete(id);
				else selected.add(id);
				this.state = {...this.state, selected};
				return this.move(s.cursor + 1);
			}
			case 'browser.selectAll':
				return this.set({selected: s.selected.size > 0 ? new Set() : new Set(s.ids), message: null});
			case 'browser.mode': {
				const mode: BrowserMode = s.mode === 'cards' ? 'notes' : 'cards';
				this.state = {...this.state, mode, order: this.model.initialOrder(mode), selected: new Set(), ids: new Float64Array(0), cursor: 0};
				this.runSearch();
				return this.set({message: null});
			}
			case 'browser.sort': {
				const columns = browserColumns[s.mode];
				const at = columns.findIndex(c => c.key === s.order.column);
				for (let step = 1; step <= columns.length; step++) {
					const next = this.model.orderFor(s.mode, columns[(at + step) % columns.length]!.key);
					if (!next) continue;
					this.state = {...this.state, order: next};
					this.runSearch();
					return this.set({message: null});
				}
				return;
			}
			case 'browser.reverse':
				this.state = {...this.state, order: {...s.order, reverse: !s.order.reverse}};
				this.runSearch();
				return this.set({message: null});
			case 'browser.preview':
				return this.set({preview: !s.preview});
			case 'browser.suspend':
				return this.act(() => this.model.suspend(s.mode, this.targets()));
			case 'browser.bury':
				return this.act(() => this.model.bury(s.mode, this.targets()));
			case 'browser.flag0':
			case 'browser.flag1':
			case 'browser.flag2':
			case 'browser.flag3':
			case 'browser.flag4':
			case 'browser.flag5':
			case 'browser.flag6':
			case 'browser.flag7':
				return this.act(() => this.model.flag(s.mode, this.targets(), Number(command.slice(-1))));
			case 'browser.deck':
				if (this.targets().length === 0) return;
				return this.set({prompt: {kind: 'deck', text: '', choices: this.model.deckNames(), index: 0}, message: null});
			case 'browser.addTags':
			case 'browser.removeTags':
				if (this.targets().length === 0) return;
				return this.set({prompt: {kind: command === 'browser.addTags' ? 'addTags' : 'removeTags', text: ''}, message: null});
			case 'browser.due':
				if (this.targets().length === 0) return;
				return this.set({prompt: {kind: 'due', text: this.model.lastDueDate()}, message: null});
			case 'browser.forget':
				if (this.targets().length === 0) return;
				return this.set({prompt: {kind: 'forget', choice: this.model.forgetDefaults()}, message: null});
			case 'browser.delete': {
				const targets = this.targets();
				if (targets.length === 0) return;
				if (this.model.readOnly) return this.set({message: 'This collection is open read-only.'});
				return this.set({prompt: {kind: 'delete', ...this.model.deletion(s.mode, targets)}, message: null});
			}
			case 'browser.mark': {
				const current = s.ids[s.cursor];
				return this.act(() => this.model.toggleMark(s.mode, this.targets(), current!));
			}
			case 'browser.edit': {
				const id = s.ids[s.cursor];
				if (id === undefined) return;
				const cardId = s.mode === 'cards' ? id : this.model.rows('notes', [id])[0]?.cardId;
				const edit = this.editor.edit;
				if (cardId === undefined || cardId === null) return this.set({message: 'This note has no cards to edit.'});
				return this.inEditor(edit && (() => edit(cardId)));
			}
			case 'browser.add':
				return this.inEditor(this.editor.add);
			case 'browser.undo': {
				const label = this.model.undo();
				if (label) this.changed = true;
				this.refresh();
				return this.set({message: label ? `${label} undone.` : 'Nothing to undo.'});
			}
			default:
		}
	}

	/** Keys of the `prompt` scope while the search line or a prompt has the keyboard. */
	promptCommand(command: CommandId): void {
		const s = this.state;
		const prompt = s.prompt;
		if (!prompt) {
			// The search line: Enter and Esc leave it (the results already follow the text), arrows move.
			if (command === 'prompt.confirm' || command === 'prompt.cancel') return this.set({typing: false});
			if (command === 'prompt.down' || command === 'prompt.up') {
				this.state = {...this.state, typing: false};
				return this.move(s.cursor + (command === 'prompt.down' ? 1 : -1));
			}
			if (command === 'prompt.clear') return this.setQuery('');
			return;
		}
		if (command === 'prompt.cancel') return this.set({prompt: null, message: null});
		if (command === 'prompt.clear' && 'text' in prompt) return this.setPromptText('');
		if (prompt.kind === 'deck' && (command === 'prompt.up' || command === 'prompt.down')) {
			const choices = deckChoices(prompt);
			const index = Math.max(0, Math.min(choices.length - 1, prompt.index + (command === 'prompt.down' ? 1 : -1)));
			return this.set({prompt: {...prompt, index}});
		}
		if (command === 'prompt.confirm') return this.confirm(prompt);
	}

	private confirm(prompt: BrowserPrompt): void {
		const mode = this.state.mode;
		const targets = this.targets();
		this.state = {...this.state, prompt: null};
		switch (prompt.kind) {
			case 'deck': {
				const name = deckChoices(prompt)[prompt.index];
				if (!name) return this.set({message: 'No deck matches.'});
				return this.act(() => this.model.changeDeck(mode, targets, name));
			}
			case 'addTags':
			case 'removeTags': {
				if (prompt.text.trim() === '') return this.set({message: null});
				const action = prompt.kind === 'addTags' ? this.model.addTags : this.model.removeTags;
				return this.act(() => action(mode, targets, prompt.text));
			}
			case 'due':
				return this.act(() => this.model.setDueDate(mode, targets, prompt.text.trim()));
			case 'forget':
				return this.act(() => this.model.forget(mode, targets, prompt.choice));
			case 'delete':
				return this.act(() => {
					const message = this.model.deleteNotes(mode, targets);
					this.state = {...this.state, selected: new Set()};
					return message;
				});
		}
	}

	/** Printable text while typing: the search line, a prompt's text, or a prompt's letter keys. */
	typeText(text: string): void {
		const prompt = this.state.prompt;
		if (!prompt) return this.setQuery(this.state.query + text);
		if (prompt.kind === 'forget') {
			const key = text.toLowerCase();
			if (key === 'p') return this.set({prompt: {...prompt, choice: {...prompt.choice, restorePosition: !prompt.choice.restorePosition}}});
			if (key === 'c') return this.set({prompt: {...prompt, choice: {...prompt.choice, resetCounts: !prompt.choice.resetCounts}}});
			return;
		}
		if (prompt.kind === 'delete') {
			if (text.toLowerCase() === 'y') return this.confirm(prompt);
			if (text.toLowerCase() === 'n') return this.set({prompt: null});
			return;
		}
		this.setPromptText(prompt.text + text);
	}

	backspace(): void {
		const prompt = this.state.prompt;
		if (!prompt) return this.setQuery([...this.state.query].slice(0, -1).join(''));
		if ('text' in prompt) this.setPromptText([...prompt.text].slice(0, -1).join(''));
	}

	private setPromptText(text: string): void {
		const prompt = this.state.prompt;
		if (!prompt || !('text' in prompt)) return;
		this.set({prompt: prompt.kind === 'deck' ? {...prompt, text, index: 0} : {...prompt, text}});
	}

	/** New search text: searched at once, so the results follow each key press. */
	setQuery(query: string): void {
		this.state = {...this.state, query};
		this.runSearch();
		this.set({message: null});
	}
}

/** The deck names a deck prompt offers for its text (case-insensitive, anywhere in the name). */
export function deckChoices(prompt: {text: string; choices: string[]}): string[] {
	const wanted = prompt.text.trim().toLowerCase();
	return wanted === '' ? prompt.choices : prompt.choices.filter(name => name.toLowerCase().includes(wanted));
}
