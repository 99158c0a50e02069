// What the browser screen asks of the collection, answered by core: searches in Anki's syntax,
// rows for the visible part of the table, the preview of a card, and the actions on selected rows,
// each one undoable operation. The screen only sees this interface, so tests can drive it.
import type {Collection} from '../core/collection/types.js';
import {AnkiTuiError} from '../core/errors.js';
import {countOf} from './format.js';
import {buryCards, cardsByIds, forgetCards, forgetDefaults, lastDueDateEntry, setDeck, setDueDate, setFlag, suspendCards, unburyOrUnsuspendCards} from '../core/browse/card-actions.js';
import {addTagsToNotes, cardCountOfNotes, removeNotes, removeTagsFromNotes, toggleMarkOfNotes} from '../core/notes/notes.js';
import {cardRows, noteRows, type RowColor} from '../core/browse/rows.js';
import {BrowseSession} from '../core/browse/session.js';
import {browserItemType, browserSortOrder, defaultBrowserSearch} from '../core/browse/settings.js';
import type {Card} from '../core/model.js';
import {defaultReverse, isSortable, type ItemType, type SortColumn, type SortOrder} from '../core/search/index.js';
import type {RenderedCardView} from './view-types.js';

export type BrowserMode = ItemType;
export type {SortColumn, SortOrder};

export interface BrowserColumn {
	key: SortColumn;
	label: string;
}

/** Anki's default columns: Sort Field, Card Type, Due, Deck (notes: Sort Field, Note Type, Cards, Tags). */
export const browserColumns: Record<BrowserMode, BrowserColumn[]> = {
	cards: [
		{key: 'noteFld', label: 'Sort Field'},
		{key: 'template', label: 'Card Type'},
		{key: 'cardDue', label: 'Due'},
		{key: 'deck', label: 'Deck'},
	],
	notes: [
		{key: 'noteFld', label: 'Sort Field'},
		{key: 'note', label: 'Note Type'},
		{key: 'template', label: 'Cards'},
		{key: 'noteTags', label: 'Tags'},
	],
};

export interface BrowserRowView {
	id: number;
	noteId: number;
	/** A card to preview (the row's card, or a note's first card). */
	cardId: number | null;
	cells: string[];
	color: RowColor;
}

export type BrowserSearchResult = {ids: Float64Array; hint: string | null} | {error: string};

export interface ForgetChoice {
	restorePosition: boolean;
	resetCounts: boolean;
}

/** What an action did, said in a line ("2 cards suspended."). */
export type ActionOutcome = string;

export interface BrowserModel {
	readonly readOnly: boolean;
	defaultSearch(): string;
	initialMode(): BrowserMode;
	initialOrder(mode: BrowserMode): SortOrder;
	/** The order a column gets when chosen (its default direction), or null when it cannot sort. */
	orderFor(mode: BrowserMode, column: SortColumn): SortOrder | null;
	search(query: string, mode: BrowserMode, order: SortOrder): BrowserSearchResult;
	rows(mode: BrowserMode, ids: readonly number[]): BrowserRowView[];
	preview(cardId: number): RenderedCardView | null;
	/** Names of normal decks (targets of Change Deck), sorted. */
	deckNames(): string[];
	forgetDefaults(): ForgetChoice;
	lastDueDate(): string;
	/** Actions on rows (ids of the mode: cards or notes). */
	suspend(mode: BrowserMode, ids: readonly number[]): ActionOutcome;
	bury(mode: BrowserMode, ids: readonly number[]): ActionOutcome;
	flag(mode: BrowserMode, ids: readonly number[], flag: number): ActionOutcome;
	changeDeck(mode: BrowserMode, ids: readonly number[], deckName: string): ActionOutcome;
	forget(mode: BrowserMode, ids: readonly number[], choice: ForgetChoice): ActionOutcome;
	setDueDate(mode: BrowserMode, ids: readonly number[], days: string): ActionOutcome;
	/** Note actions: on the rows' notes (a card row stands for its note). */
	addTags(mode: BrowserMode, ids: readonly number[], tags: string): ActionOutcome;
	removeTags(mode: BrowserMode, ids: readonly number[], tags: string): ActionOutcome;
	/** Marks the notes, or unmarks them when the row under the cursor (`currentId`) is marked, as Anki's Toggle Mark. */
	toggleMark(mode: BrowserMode, ids: readonly number[], currentId: number): ActionOutcome;
	/** What deleting the rows' notes takes: notes and all their cards (for the confirmation). */
	deletion(mode: BrowserMode, ids: readonly number[]): {notes: number; cards: number};
	deleteNotes(mode: BrowserMode, ids: readonly number[]): ActionOutcome;
	/** Something else wrote (an edit, an add): the next search reads the collection again. */
	collectionChanged(): void;
	/** Reverts the latest operation (an answer or an edit included); its label, or null. */
	undo(): string | null;
}

export interface BrowserModelOptions {
	collection: Collection;
	now: () => number;
	/** Renders one card as the reviewer does. */
	renderCard: (card: Card) => RenderedCardView | null;
}

export function createBrowserModel({collection: col, now, renderCard}: BrowserModelOptions): BrowserModel {
	const session = new BrowseSession(col, now);
	const cardsOf = (mode: BrowserMode, ids: readonly number[]) => (mode === 'cards' ? [...ids] : session.cardIdsOfNotes(ids));
	const notesOf = (mode: BrowserMode, ids: readonly number[]) => (mode === 'notes' ? [...ids] : session.noteIdsOfCards(ids));
	// Anki's browser toggles: when every chosen card already has the state, it is taken away.
	const allCards = (ids: readonly number[], test: (card: Card) => boolean) => {
		const cards = cardsByIds(col, ids);
		return cards.length > 0 && cards.every(test);
	};
	const write = (fn: () => ActionOutcome): ActionOutcome => {
		try {
			return fn();
		} catch (error) {
			if (error instanceof AnkiTuiError) return error.message;
			throw error;
		} finally {
			session.invalidate();
		}
	};
	const opts = () => ({nowMs: now()});

	return {
		readOnly: col.readOnly,
		defaultSearch: () => defaultBrowserSearch(col),
		initialMode: () => browserItemType(col),
		initialOrder: mode => browserSortOrder(col, mode),
		orderFor: (mode, column) => (isSortable(column, mode) ? {column, reverse: defaultReverse(column)} : null),
		search(query, mode, order) {
			try {
				const result = session.search(query, mode, order);
				return {ids: result.ids, hint: result.ids.length === 0 && result.unmatched.length > 0 ? `${result.unmatched.join('; ')}.` : null};
			} catch (error) {
				if (error instanceof AnkiTuiError) return {error: error.message};
				throw error;
			}
		},
		rows(mode, ids) {
			const lookup = session.lookup;
			if (mode === 'cards') {
				return cardRows(col, ids, lookup).map(row => ({id: row.id, noteId: row.noteId, cardId: row.id, cells: [row.sortField, row.cardType, row.due, row.deck], color: row.color}));
			}
			const firstCards = session.firstCardOfNotes(ids);
			return noteRows(col, ids, lookup).map(row => ({
				id: row.id,
				noteId: row.id,
				cardId: firstCards.get(row.id) ?? null,
				cells: [row.sortField, row.notetype, String(row.cards), row.tags.join(' ')],
				color: row.color,
			}));
		},
		preview(cardId) {
			const [card] = cardsByIds(col, [cardId]);
			return card ? renderCard(card) : null;
		},
		deckNames: () =>
			session.context.decks
				.filter(deck => deck.normal)
				.map(deck => deck.name)
				.sort((a, b) => a.localeCompare(b)),
		forgetDefaults: () => forgetDefaults(col),
		lastDueDate: () => lastDueDateEntry(col),
		suspend: (mode, ids) =>
			write(() => {
				const cards = cardsOf(mode, ids);
				if (allCards(cards, card => card.queue === -1)) return `${countOf(unburyOrUnsuspendCards(col, cards, opts()), 'card')} unsuspended.`;
				return `${countOf(suspendCards(col, cards, opts()), 'card')} suspended.`;
			}),
		bury: (mode, ids) =>
			write(() => {
				const cards = cardsOf(mode, ids);
				if (allCards(cards, card => card.queue === -2 || card.queue === -3)) return `${countOf(unburyOrUnsuspendCards(col, cards, opts()), 'card')} unburied.`;
				return `${countOf(buryCards(col, cards, opts()), 'card')} buried.`;
			}),
		flag: (mode, ids, flag) =>
			write(() => {
				const cards = cardsOf(mode, ids);
				// As in Anki, choosing the flag the first card already has clears it.
				const first = cardsByIds(col, cards.slice(0, 1))[0]?.flags ?? 0;
				const next = (first & 7) === flag ? 0 : flag;
				const changed = setFlag(col, cards, next, opts());
				return next === 0 ? `Flag cleared on ${countOf(changed, 'card')}.` : `${countOf(changed, 'card')} flagged.`;
			}),
		changeDeck: (mode, ids, deckName) =>
			write(() => {
				const deck = session.context.decks.find(d => d.name.toLowerCase() === deckName.toLowerCase());
				if (!deck) return `No deck named "${deckName}".`;
				return `${countOf(setDeck(col, cardsOf(mode, ids), deck.id, opts()), 'card')} moved to ${deck.name}.`;
			}),
		forget: (mode, ids, choice) => write(() => `${countOf(forgetCards(col, cardsOf(mode, ids), {...choice, ...opts()}), 'card')} reset to new.`),
		setDueDate: (mode, ids, days) => write(() => `Due date set on ${countOf(setDueDate(col, cardsOf(mode, ids), days, opts()), 'card')}.`),
		addTags: (mode, ids, tags) => write(() => `Tags added to ${countOf(addTagsToNotes(col, notesOf(mode, ids), tags, opts()), 'note')}.`),
		removeTags: (mode, ids, tags) => write(() => `Tags removed from ${countOf(removeTagsFromNotes(col, notesOf(mode, ids), tags, opts()), 'note')}.`),
		toggleMark: (mode, ids, currentId) =>
			write(() => {
				const [current] = notesOf(mode, [currentId]);
				if (current === undefined) return 'Nothing to mark.';
				const {marked, changed} = toggleMarkOfNotes(col, notesOf(mode, ids), current, opts());
				return `${countOf(changed, 'note')} ${marked ? 'marked' : 'unmarked'}.`;
			}),
		deletion(mode, ids) {
			const notes = notesOf(mode, ids);
			return {notes: notes.length, cards: cardCountOfNotes(col, notes)};
		},
		deleteNotes: (mode, ids) =>
			write(() => {
				const {notes, cards} = removeNotes(col, notesOf(mode, ids), opts());
				return `${countOf(notes, 'note')} and ${countOf(cards, 'card')} deleted.`;
			}),
		collectionChanged: () => session.invalidate(),
		undo() {
			const undone = col.undo.undo();
			session.invalidate();
			return undone?.label ?? null;
		},
	};
}
