// What the custom study, filtered deck and deck screens ask of a collection, answered by
// core/study. Each write is one undoable step in the core; errors users cause (Anki's messages)
// are thrown as they are, for the screen to show.
import type {Collection} from '../core/collection/types.js';
import {CRAM_KINDS, CUSTOM_STUDY_OPTIONS, customStudy, customStudyDefaults, type CustomStudyRequest} from '../core/study/custom-study.js';
import {cardIdsOfDeck, createDeck, deckRemoval, removeDeck, renameDeck} from '../core/study/decks.js';
import {
	emptyFilteredDeck,
	filteredDeck,
	FILTERED_ORDERS,
	FilteredOrder,
	newFilteredDeckDefaults,
	rebuildFilteredDeck,
	saveFilteredDeck,
} from '../core/study/filtered.js';
import type {CustomStudyView, FilteredDeckForm} from './view-types.js';

export interface StudyModel {
	customStudyView(deckId: number): CustomStudyView;
	/** Runs one custom study request; returns the deck to show next (the session deck for options 3-6). */
	customStudy(deckId: number, request: CustomStudyRequest): number;
	/** The dialog for a deck (null: a new one, with Anki's defaults). */
	filteredDeckForm(deckId: number | null): FilteredDeckForm;
	/** Creates or changes the deck and builds it; returns its id. */
	saveFilteredDeck(form: FilteredDeckForm): number;
	rebuildFilteredDeck(deckId: number): number;
	emptyFilteredDeck(deckId: number): number;
	/** Returns the new deck's id (an existing deck of that name is left as it is). */
	createDeck(name: string): number;
	/** Returns the name the deck got. */
	renameDeck(deckId: number, name: string): string;
	/**
	 * What deleting takes with it (throws Anki's refusal for the Default deck): the cards deleted,
	 * and for a filtered deck the cards that go home instead.
	 */
	deckRemoval(deckId: number): {name: string; decks: number; cards: number; filtered: boolean; returned: number};
	removeDeck(deckId: number): number;
	/** The change undo would revert ("Delete Deck"), or null. */
	undoLabel(): string | null;
	undo(): string | null;
}

const countWithChildren = (own: number, children: number) => (children > 0 ? `${own} (${children} in subdecks)` : String(own));

export function createStudyModel(col: Collection, now: () => number): StudyModel {
	const at = () => ({nowMs: now()});
	return {
		customStudyView: (deckId) => {
			const d = customStudyDefaults(col, deckId, at());
			const start: Record<string, number> = {newLimit: d.extendNew, reviewLimit: d.extendReview, forgot: 1, ahead: 1, preview: 1, cram: 100};
			return {
				deckId,
				deckName: d.deckName,
				options: CUSTOM_STUDY_OPTIONS.map((o) => ({
					...o,
					value: start[o.kind] ?? 1,
					...(o.kind === 'newLimit' ? {available: `Available new cards: ${countWithChildren(d.availableNew, d.availableNewInChildren)}`} : {}),
					...(o.kind === 'reviewLimit' ? {available: `Available review cards: ${countWithChildren(d.availableReview, d.availableReviewInChildren)}`} : {}),
				})),
				cramKinds: [...CRAM_KINDS],
				hasCards: d.cardCount > 0,
				tags: d.tags,
			};
		},
		customStudy: (deckId, request) => customStudy(col, deckId, request, at()).deckId,
		filteredDeckForm: (deckId) => {
			const input = deckId === null ? newFilteredDeckDefaults(col, at()) : (() => {
				const deck = filteredDeck(col, deckId);
				return {id: deck.id, name: deck.name, config: deck.filtered};
			})();
			const {config} = input;
			// A new deck's second filter is there but off; a deck saved with one filter offers a second by order added, 20 cards.
			const second = config.searchTerms[1] ?? {search: '', limit: 20, order: FilteredOrder.Added};
			return {
				id: input.id,
				name: input.name,
				terms: [{...config.searchTerms[0]!}, {...second}],
				secondFilter: deckId !== null && config.searchTerms.length > 1,
				reschedule: config.reschedule,
				previewAgainSecs: config.previewAgainSecs,
				previewHardSecs: config.previewHardSecs,
				previewGoodSecs: config.previewGoodSecs,
				allowEmpty: false,
				orders: FILTERED_ORDERS,
			};
		},
		saveFilteredDeck: (form) => {
			const existing = form.id === 0 ? null : filteredDeck(col, form.id).filtered;
			const config = {
				reschedule: form.reschedule,
				searchTerms: form.secondFilter ? form.terms.slice(0, 2) : form.terms.slice(0, 1),
				previewDelayMins: existing?.previewDelayMins ?? 0,
				previewAgainSecs: form.previewAgainSecs,
				previewHardSecs: form.previewHardSecs,
				previewGoodSecs: form.previewGoodSecs,
			};
			return saveFilteredDeck(col, {id: form.id, name: form.name, config, allowEmpty: form.allowEmpty}, at()).deckId;
		},
		rebuildFilteredDeck: (deckId) => rebuildFilteredDeck(col, deckId, at()),
		emptyFilteredDeck: (deckId) => emptyFilteredDeck(col, deckId, at()),
		createDeck: (name) => createDeck(col, name, at()).id,
		renameDeck: (deckId, name) => renameDeck(col, deckId, name, at()),
		deckRemoval: (deckId) => {
			const removal = deckRemoval(col, deckId);
			const deck = removal.decks[0]!;
			const filtered = deck.filtered !== undefined;
			return {name: deck.name, decks: removal.decks.length, cards: removal.cards, filtered, returned: filtered ? cardIdsOfDeck(col, deckId).length : 0};
		},
		removeDeck: (deckId) => removeDeck(col, deckId, at()),
		undoLabel: () => col.undo.peek(),
		undo: () => col.undo.undo()?.label ?? null,
	};
}
