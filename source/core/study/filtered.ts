// Filtered decks as Anki builds them (rslib scheduler/filtered/mod.rs, storage/card/filtered.rs):
// each of at most two search terms, with `-is:suspended -is:buried -deck:filtered` added, picks
// cards in its order up to its limit; picked cards are moved in (home deck to odid, due to odue,
// positions from -100000); emptying or rebuilding returns every card home first.
import type {Collection} from '../collection/types.js';
import {getCard, updateCard} from '../collection/cards.js';
import {StudyError, UsageError} from '../errors.js';
import type {Deck, FilteredDeckSettings, FilteredSearchTerm} from '../model.js';
import {FILTERED_START_POSITION, movedIntoFilteredDeck} from '../scheduler/filtered-card.js';
import {isV1} from '../scheduler/upgrade-v1.js';
import {cardSearchWhere, loadSearchContext, parseSearch, type SearchContext} from '../search/index.js';
import {addDeckInner, newNormalDeck, returnFilteredCardsHome, updateDeckInner, type WriteOptions} from './decks.js';
import {StudyMessage} from './messages.js';

/** Anki's operation names (ftl): building and rebuilding are both "Build Deck". */
export const FilteredOp = {Build: 'Build Deck', Empty: 'Empty'} as const;

/** The orders of Anki's filtered-deck dialog, by their stored number (FilteredSearchOrder). */
export const FILTERED_ORDERS = [
	'Oldest seen first',
	'Random',
	'Increasing intervals',
	'Decreasing intervals',
	'Most lapses',
	'Order added',
	'Order due',
	'Latest added first',
	'Retrievability ascending',
	'Retrievability descending',
	'Relative overdueness',
] as const;

export const FilteredOrder = {
	OldestSeenFirst: 0,
	Random: 1,
	IntervalsAscending: 2,
	IntervalsDescending: 3,
	Lapses: 4,
	Added: 5,
	Due: 6,
	ReverseAdded: 7,
	RetrievabilityAscending: 8,
	RetrievabilityDescending: 9,
	RelativeOverdueness: 10,
} as const;

/** The dialog's ranges: cards per filter, and preview delays in seconds. */
export const FILTER_LIMIT = {min: 1, max: 99_999} as const;
export const PREVIEW_SECS = {min: 0, max: 99_999} as const;

/** A filtered deck to create (id 0) or change, as Anki's dialog hands it over. */
export interface FilteredDeckInput {
	id: number;
	name: string;
	config: FilteredDeckSettings;
	/** "Create/update this deck even if empty". */
	allowEmpty?: boolean;
}

/** Deck::new_filtered: two terms (all cards, 100, random; all cards, 20, due), preview 60/600/0 s. */
export function newFilteredSettings(): FilteredDeckSettings {
	return {
		reschedule: true,
		searchTerms: [
			{search: '', limit: 100, order: FilteredOrder.Random},
			{search: '', limit: 20, order: FilteredOrder.Due},
		],
		previewDelayMins: 0,
		previewAgainSecs: 60,
		previewHardSecs: 600,
		previewGoodSecs: 0,
	};
}

/** Escapes `\`, `*` and `_` (Anki's escape_anki_wildcards). */
export function escapeWildcards(text: string): string {
	return text.replace(/[\\*_]/g, '\\$&');
}

/** A search term written as Anki's search writer writes it: quoted when needed, `"` escaped (maybe_quote). */
export function quoteTerm(text: string): string {
	const needsQuotes = /^and$|^or$/i.test(text) || /^-./.test(text) || /[ \u3000()]/.test(text);
	const escaped = text.replaceAll('"', '\\"');
	return needsQuotes ? `"${escaped}"` : escaped;
}

/** `deck:NAME` for a deck as Anki writes it into a search (deck_search / SearchNode::from_deck_name). */
export function deckSearch(name: string, forSearchNode = false): string {
	return quoteTerm(`deck:${forSearchNode && name === '_*' ? name : escapeWildcards(name)}`);
}

/** What the new-deck dialog starts with: "Filtered Deck HH:MM", searches on the current normal deck. */
export function newFilteredDeckDefaults(col: Collection, options: WriteOptions = {}): FilteredDeckInput {
	const now = new Date(options.nowMs ?? Date.now());
	const time = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
	const config = newFilteredSettings();
	const current = col.adapter.getConfig('curDeck');
	const deck = col.adapter.decks().find(d => d.id === (typeof current === 'number' ? current : 1));
	if (deck?.normal) {
		const search = deckSearch(deck.name);
		config.searchTerms[0]!.search = `${search} is:due`;
		config.searchTerms[1]!.search = `${search} is:new`;
	}
	return {id: 0, name: `Filtered Deck ${time}`, config};
}

/** A filtered deck of the collection by id, or a usage error. */
export function filteredDeck(col: Collection, deckId: number): Deck & {filtered: FilteredDeckSettings} {
	const deck = col.adapter.decks().find(d => d.id === deckId);
	if (!deck) throw new UsageError(`No deck with id ${deckId}.`);
	if (!deck.filtered) throw new StudyError(StudyMessage.FilteredRequired);
	return deck as Deck & {filtered: FilteredDeckSettings};
}

/** Anki's checks on what its dialog allows: limits 1..99999, preview delays 0..99999, orders 0..10. */
export function checkFilteredSettings(config: FilteredDeckSettings): void {
	if (config.searchTerms.length === 0) throw new UsageError('A filtered deck needs at least one search.');
	for (const term of config.searchTerms.slice(0, 2)) {
		checkRange('limit', term.limit, FILTER_LIMIT);
		if (!Number.isInteger(term.order) || term.order < 0 || term.order >= FILTERED_ORDERS.length) {
			throw new UsageError(`Unknown order ${term.order}: the orders are 0 to ${FILTERED_ORDERS.length - 1} (${FILTERED_ORDERS.join(', ')}).`);
		}
		// Anki checks (and normalizes) each search before saving: a malformed one gets its message.
		parseSearch(term.search);
	}
	checkRange('preview delay for Again', config.previewAgainSecs, PREVIEW_SECS);
	checkRange('preview delay for Hard', config.previewHardSecs, PREVIEW_SECS);
	checkRange('preview delay for Good', config.previewGoodSecs, PREVIEW_SECS);
}

export function checkRange(what: string, value: number, range: {min: number; max: number}): void {
	if (!Number.isInteger(value) || value < range.min || value > range.max) {
		throw new UsageError(`The ${what} must be a whole number from ${range.min} to ${range.max} (got ${value}).`);
	}
}

/** ORDER BY and LIMIT for one term (order_and_limit_for_search), with every column qualified. */
function orderAndLimit(term: FilteredSearchTerm, ctx: SearchContext): string {
	const {today, nextDayAt, now} = ctx;
	const originalDue = 'case when c.odue != 0 then c.odue else c.due end';
	let order: string;
	switch (term.order) {
		case FilteredOrder.OldestSeenFirst:
			order = '(select max(id) from revlog where cid = c.id)';
			break;
		case FilteredOrder.Random:
			order = 'random()';
			break;
		case FilteredOrder.IntervalsAscending:
			order = 'c.ivl';
			break;
		case FilteredOrder.IntervalsDescending:
			order = 'c.ivl desc';
			break;
		case FilteredOrder.Lapses:
			order = 'c.lapses desc';
			break;
		case FilteredOrder.Added:
			// n.id is the card's nid: no join with notes needed.
			order = 'c.nid, c.ord';
			break;
		case FilteredOrder.ReverseAdded:
			order = 'c.nid desc, c.ord asc';
			break;
		case FilteredOrder.Due:
			order = `(case when c.due > 1000000000 then c.due else (c.due - ${today}) * 86400 + ${now} end), c.ord`;
			break;
		case FilteredOrder.RetrievabilityAscending:
		case FilteredOrder.RetrievabilityDescending:
			// Anki writes no expression here when FSRS is off (malformed SQL); cards without FSRS
			// memory give NULL and simply come first.
			order = `extract_fsrs_retrievability(c.data, ${originalDue}, c.ivl, ${today}, ${nextDayAt}, ${now}) ${term.order === FilteredOrder.RetrievabilityAscending ? 'asc' : 'desc'}`;
			break;
		default:
			order = `extract_fsrs_relative_retrievability(c.data, ${originalDue}, c.ivl, ${today}, ${nextDayAt}, ${now}) asc`;
	}
	return `ORDER BY ${order}, fnvhash(c.id, c.mod) LIMIT ${Math.trunc(term.limit)}`;
}

/** The ids one term picks, in order (move_cards_matching_term's search). */
function cardsForTerm(col: Collection, term: FilteredSearchTerm, ctx: SearchContext): number[] {
	const search = `${term.search.trim() === '' ? '' : `(${term.search})`} -is:suspended -is:buried -deck:filtered`;
	const {where, params, table} = cardSearchWhere(col, search, {context: ctx});
	const from = table === 'both' ? 'cards c JOIN notes n ON n.id = c.nid' : 'cards c';
	return col.db.prepare(`SELECT c.id FROM ${from} WHERE ${where} ${orderAndLimit(term, ctx)}`).pluck().all(...params) as number[];
}

/**
 * Returns the deck's cards home, then moves in what its terms pick (rebuild_filtered_deck_inner).
 * Returns how many cards were moved in.
 */
export function rebuildFilteredDeckInner(col: Collection, deck: Deck, nowMs: number): number {
	if (isV1(col.adapter)) throw new StudyError(StudyMessage.UpgradeRequired);
	const config = deck.filtered;
	if (!config) throw new StudyError(StudyMessage.FilteredRequired);
	returnFilteredCardsHome(col, deck.id, nowMs);
	// Read after the deck was added or renamed: its searches see the decks as they are now.
	const ctx = loadSearchContext(col, {now: nowMs});
	const nowSecs = Math.floor(nowMs / 1000);
	let position = FILTERED_START_POSITION;
	for (const term of config.searchTerms.slice(0, 2)) {
		// Each term runs after the previous one moved its cards, so it cannot pick them again.
		for (const id of cardsForTerm(col, term, ctx)) {
			const card = getCard(col.db, id);
			if (!card) continue;
			// A card Anki finds with odue already set is left as it is, but still counted and touched.
			const moved = movedIntoFilteredDeck(card, deck.id, config.reschedule, position) ?? card;
			updateCard(col.db, {...moved, mod: nowSecs, usn: -1});
			position++;
		}
	}
	return position - FILTERED_START_POSITION;
}

/** Sets a config value only when it changes (Anki's set_config writes nothing for an equal value). */
export function setConfigIfChanged(col: Collection, key: string, value: unknown, nowMs: number): void {
	if (JSON.stringify(col.adapter.getConfig(key)) === JSON.stringify(value)) return;
	col.adapter.setConfig(key, value, Math.floor(nowMs / 1000));
}

/**
 * Adds (id 0) or updates a filtered deck and builds it (add_or_update_filtered_deck_inner), inside
 * the caller's operation. Nothing matched and not allowEmpty: StudyError, and the caller's
 * transaction rolls everything back. The deck becomes the current deck.
 */
export function saveFilteredDeckInner(col: Collection, input: FilteredDeckInput, nowMs: number): {deckId: number; cards: number} {
	checkFilteredSettings(input.config);
	const config: FilteredDeckSettings = {...input.config, searchTerms: input.config.searchTerms.slice(0, 2).map(t => ({...t}))};
	let deckId = input.id;
	if (deckId === 0) {
		// Deck::new_filtered: what every new deck has, with filtered settings instead of a preset.
		const {normal: _preset, ...common} = newNormalDeck(input.name);
		const deck: Deck = {...common, filtered: config};
		deckId = addDeckInner(col, deck, nowMs);
	} else {
		const original = filteredDeck(col, deckId);
		// The dialog clears the old v1 delays on every save.
		const extra = original.extra && 'delays' in original.extra ? {...original.extra, delays: []} : original.extra;
		const updated: Deck = {...original, name: input.name, filtered: config, ...(extra ? {extra} : {})};
		updateDeckInner(col, updated, original, nowMs);
	}
	const cards = rebuildFilteredDeckInner(col, filteredDeck(col, deckId), nowMs);
	if (cards === 0 && !input.allowEmpty) throw new StudyError(StudyMessage.SearchReturnedNoCards);
	setConfigIfChanged(col, 'curDeck', deckId, nowMs);
	return {deckId, cards};
}

/** Creates or changes a filtered deck and builds it: one undoable "Build Deck". */
export function saveFilteredDeck(col: Collection, input: FilteredDeckInput, options: WriteOptions = {}): {deckId: number; cards: number} {
	const nowMs = options.nowMs ?? Date.now();
	return col.undo.run(FilteredOp.Build, () => saveFilteredDeckInner(col, input, nowMs), {nowMs});
}

/** Returns the deck's cards home and builds it again from its searches (Anki's Rebuild). */
export function rebuildFilteredDeck(col: Collection, deckId: number, options: WriteOptions = {}): number {
	const nowMs = options.nowMs ?? Date.now();
	return col.undo.run(FilteredOp.Build, () => rebuildFilteredDeckInner(col, filteredDeck(col, deckId), nowMs), {nowMs});
}

/** Returns every card home; the deck stays (Anki's Empty). Returns how many cards went home. */
export function emptyFilteredDeck(col: Collection, deckId: number, options: WriteOptions = {}): number {
	const nowMs = options.nowMs ?? Date.now();
	return col.undo.run(
		FilteredOp.Empty,
		() => {
			filteredDeck(col, deckId);
			return returnFilteredCardsHome(col, deckId, nowMs);
		},
		{nowMs},
	);
}

/** An order by number (0-10) or by name ("order due", "order-due", "due", ...). */
export function parseFilteredOrder(text: string): number {
	const key = text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
	if (/^\d+$/.test(key)) {
		const n = Number(key);
		if (n < FILTERED_ORDERS.length) return n;
	}
	const index = FILTERED_ORDERS.findIndex(label => label.toLowerCase() === key || label.toLowerCase().replace(/^order /, '') === key);
	if (index >= 0) return index;
	throw new UsageError(`Unknown order "${text}". Orders: ${FILTERED_ORDERS.map(o => o.toLowerCase().replaceAll(' ', '-')).join(', ')} (or 0 to ${FILTERED_ORDERS.length - 1}).`);
}
