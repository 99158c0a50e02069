// Anki's Custom Study (rslib scheduler/filtered/custom_study.rs, aqt/customstudy.py): raising
// today's new or review limit changes the deck's studied-today counters; the other four options
// build (or rebuild) the "Custom Study Session" filtered deck from a search on the deck.
import type {Collection} from '../collection/types.js';
import {StudyError, UsageError} from '../errors.js';
import type {Deck, FilteredDeckSettings} from '../model.js';
import {readSchedulerSettings, timingAt} from '../scheduler/collection-settings.js';
import {deckWithName, descendantsOf} from './deck-names.js';
import {updateDeckInner, type WriteOptions} from './decks.js';
import {checkRange, deckSearch, escapeWildcards, FilteredOrder, quoteTerm, saveFilteredDeckInner, setConfigIfChanged} from './filtered.js';
import {StudyMessage} from './messages.js';

export const CUSTOM_STUDY_OP = 'Custom Study';
/** The session deck's name (ftl custom-study-custom-study-session), top level. */
export const CUSTOM_STUDY_DECK = 'Custom Study Session';

/** Anki's DYN_MAX_SIZE: the largest number any spinner of the dialog takes. */
const MAX = 99_999;

export type CramKind = 'new' | 'due' | 'review' | 'all';

export type CustomStudyRequest =
	| {kind: 'newLimit'; delta: number}
	| {kind: 'reviewLimit'; delta: number}
	| {kind: 'forgot'; days: number}
	| {kind: 'ahead'; days: number}
	| {kind: 'preview'; days: number}
	| {kind: 'cram'; cram: CramKind; limit: number; includeTags?: string[]; excludeTags?: string[]};

export type CustomStudyKind = CustomStudyRequest['kind'];

export interface CustomStudyOption {
	kind: CustomStudyKind;
	/** The dialog's radio button. */
	label: string;
	/** The text before and after its spinner. */
	before: string;
	after: string;
	min: number;
	max: number;
}

/** The dialog's six options, in its order, with their spinners' ranges (customstudy.py onRadioChange). */
export const CUSTOM_STUDY_OPTIONS: readonly CustomStudyOption[] = [
	{kind: 'newLimit', label: "Increase today's new card limit", before: "Increase today's new card limit by", after: 'cards', min: -MAX, max: MAX},
	{kind: 'reviewLimit', label: "Increase today's review card limit", before: "Increase today's review limit by", after: 'cards', min: -MAX, max: MAX},
	{kind: 'forgot', label: 'Review forgotten cards', before: 'Review cards forgotten in the last', after: 'days', min: 1, max: 30},
	{kind: 'ahead', label: 'Review ahead', before: 'Review ahead by', after: 'days', min: 1, max: MAX},
	{kind: 'preview', label: 'Preview new cards', before: 'Preview new cards added in the last', after: 'days', min: 1, max: MAX},
	{kind: 'cram', label: 'Study by card state or tag', before: 'Select', after: 'cards from the deck', min: 1, max: MAX},
];

/** The card states of "Study by card state or tag", in the dialog's order. */
export const CRAM_KINDS: ReadonlyArray<{kind: CramKind; label: string}> = [
	{kind: 'new', label: 'New cards only'},
	{kind: 'due', label: 'Due cards only'},
	{kind: 'review', label: 'All review cards in random order'},
	{kind: 'all', label: "All cards in random order (don't reschedule)"},
];

export interface CustomStudyDefaults {
	deckId: number;
	deckName: string;
	/** The spinners' starting values for the two limit options (the deck's last increase). */
	extendNew: number;
	extendReview: number;
	/** New cards and due reviews in the deck itself, and in its subdecks, ignoring limits. */
	availableNew: number;
	availableNewInChildren: number;
	availableReview: number;
	availableReviewInChildren: number;
	/** Cards of the deck and its subdecks (options 3-6 need some). */
	cardCount: number;
	/** Tags of the deck's notes, sorted, with the last successful choice. */
	tags: Array<{name: string; include: boolean; exclude: boolean}>;
}

const includeKey = (did: number) => `_deck_${did}_customStudyIncludeTags`;
const excludeKey = (did: number) => `_deck_${did}_customStudyExcludeTags`;

function normalDeck(col: Collection, deckId: number): {deck: Deck & {normal: NonNullable<Deck['normal']>}; decks: Deck[]} {
	const decks = col.adapter.decks();
	const deck = decks.find(d => d.id === deckId);
	if (!deck) throw new UsageError(`No deck with id ${deckId}.`);
	if (!deck.normal) throw new StudyError(StudyMessage.CustomStudyFilteredSource);
	return {deck: deck as Deck & {normal: NonNullable<Deck['normal']>}, decks};
}

function stringList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** What the dialog shows for a deck (custom_study_defaults). */
export function customStudyDefaults(col: Collection, deckId: number, options: WriteOptions = {}): CustomStudyDefaults {
	const {deck, decks} = normalDeck(col, deckId);
	const tree = [deck, ...descendantsOf(decks, deck)].map(d => d.id);
	const list = tree.map(id => Math.trunc(id)).join(',');
	const today = timingAt(readSchedulerSettings(col), options.nowMs ?? Date.now()).today;
	const counts = col.db
		.prepare(`SELECT did, sum(queue = 0) AS new, sum(queue = 2 AND due <= ?) AS review FROM cards WHERE did IN (${list}) GROUP BY did`)
		.all(today) as Array<{did: number; new: number; review: number}>;
	const own = counts.find(c => c.did === deckId);
	const sum = (key: 'new' | 'review') => counts.reduce((total, c) => total + Number(c[key]), 0);
	const cardCount = Number(col.db.prepare(`SELECT count(*) FROM cards WHERE did IN (${list}) OR odid IN (${list})`).pluck().get());
	const include = new Set(stringList(col.adapter.getConfig(includeKey(deckId))));
	const exclude = new Set(stringList(col.adapter.getConfig(excludeKey(deckId))));
	return {
		deckId,
		deckName: deck.name,
		extendNew: deck.normal.extendNew,
		extendReview: deck.normal.extendReview,
		availableNew: Number(own?.new ?? 0),
		availableNewInChildren: sum('new') - Number(own?.new ?? 0),
		availableReview: Number(own?.review ?? 0),
		availableReviewInChildren: sum('review') - Number(own?.review ?? 0),
		cardCount,
		tags: deckTags(col, list).map(name => ({name, include: include.has(name), exclude: exclude.has(name)})),
	};
}

/** Tags of notes with a card in the decks, each spelling once (case-insensitively), sorted. */
function deckTags(col: Collection, deckList: string): string[] {
	const rows = col.db.prepare(`SELECT DISTINCT n.tags FROM notes n WHERE n.id IN (SELECT nid FROM cards WHERE did IN (${deckList}))`).pluck().all() as string[];
	const seen = new Map<string, string>();
	for (const tags of rows) {
		for (const tag of tags.split(/[\s\u3000]+/)) {
			if (tag !== '' && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
		}
	}
	return [...seen.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `tag:NAME` as Anki writes a tag into a search (SearchNode::from_tag_name). */
function tagSearch(tag: string): string {
	const text = tag === '_*' ? tag : escapeWildcards(tag);
	// A plain tag that starts like a mode prefix gets its colon escaped (write_single_field).
	return quoteTerm(`tag:${/^(re|nc):/.test(text) ? text.replace(':', '\\:') : text}`);
}

/** Words joined by a space (And) or " OR ", grouped in parentheses when more than one (SearchBuilder). */
function joined(parts: readonly string[], joiner: ' ' | ' OR '): string {
	const text = parts.join(joiner);
	return parts.length > 1 ? `(${text})` : text;
}

/** The session deck's settings for options 3-6 (custom_study_config). */
function sessionConfig(reschedule: boolean, search: string, order: number, limit = MAX): FilteredDeckSettings {
	return {
		reschedule,
		searchTerms: [{search, limit, order}],
		previewDelayMins: 10,
		previewAgainSecs: 60,
		previewHardSecs: 600,
		previewGoodSecs: 0,
	};
}

/** The search and settings Anki builds for options 3-6; the exact texts are Anki's (its sql_grouping test). */
export function customStudySession(deckName: string, request: CustomStudyRequest): FilteredDeckSettings {
	const deck = deckSearch(deckName, true);
	switch (request.kind) {
		case 'forgot':
			return sessionConfig(false, `rated:${request.days}:1 ${deck}`, FilteredOrder.Random);
		case 'ahead':
			return sessionConfig(true, `prop:due<=${request.days} ${deck}`, FilteredOrder.Due);
		case 'preview':
			return sessionConfig(false, `is:new added:${request.days} ${deck}`, FilteredOrder.Added);
		case 'cram': {
			const [state, order, reschedule] = {
				new: ['is:new', FilteredOrder.Added, true],
				due: ['is:due', FilteredOrder.Due, true],
				review: ['-is:new', FilteredOrder.Random, true],
				all: ['', FilteredOrder.Random, false],
			}[request.cram] as [string, number, boolean];
			const include = joined((request.includeTags ?? []).map(tagSearch), ' OR ');
			const exclude = joined((request.excludeTags ?? []).map(t => `-${tagSearch(t)}`), ' ');
			const search = [state, deck, include, exclude].filter(part => part !== '').join(' ');
			return sessionConfig(reschedule, search, order, request.limit);
		}
		default:
			throw new Error(`${request.kind} builds no filtered deck`);
	}
}

/** The dialog's range for the request's number, with Anki's limits. */
export function checkCustomStudyRequest(request: CustomStudyRequest): void {
	const option = CUSTOM_STUDY_OPTIONS.find(o => o.kind === request.kind)!;
	const value = 'delta' in request ? request.delta : 'days' in request ? request.days : request.limit;
	checkRange(`"${option.before} … ${option.after}" value`, value, option);
}

/**
 * Changes a deck's studied-today counter by the delta (extend_limits): a counter of an earlier day
 * is reset first; parents change too when `applyAllParentLimits` is on.
 */
function extendLimits(col: Collection, deck: Deck, decks: Deck[], kind: 'new' | 'review', delta: number, nowMs: number): void {
	const settings = readSchedulerSettings(col);
	const today = timingAt(settings, nowMs).today;
	const nowSecs = Math.floor(nowMs / 1000);
	const targets = [deck];
	if (settings.applyAllParentLimits) {
		for (let cut = deck.name.lastIndexOf('::'); cut >= 0; cut = deck.name.lastIndexOf('::', cut - 1)) {
			const parent = deckWithName(decks, deck.name.slice(0, cut));
			if (parent) targets.push(parent);
		}
	}
	for (const target of targets) {
		const counters =
			target.today.day === today ? {...target.today} : {day: today, newStudied: 0, reviewStudied: 0, learningStudied: 0, millisecondsStudied: 0};
		if (kind === 'new') counters.newStudied -= delta;
		else counters.reviewStudied -= delta;
		col.adapter.updateDeck({...target, today: counters}, nowSecs);
	}
}

/**
 * Runs one custom study request on a normal deck: one undoable "Custom Study". For options 3-6 the
 * session deck becomes the current deck; returns the deck to study next.
 */
export function customStudy(col: Collection, deckId: number, request: CustomStudyRequest, options: WriteOptions = {}): {deckId: number; cards?: number} {
	checkCustomStudyRequest(request);
	const nowMs = options.nowMs ?? Date.now();
	return col.undo.run(
		CUSTOM_STUDY_OP,
		() => {
			const {deck, decks} = normalDeck(col, deckId);
			if (request.kind === 'newLimit' || request.kind === 'reviewLimit') {
				const kind = request.kind === 'newLimit' ? 'new' : 'review';
				extendLimits(col, deck, decks, kind, request.delta, nowMs);
				if (request.delta > 0) {
					// The increase is remembered as the dialog's next default.
					const original = col.adapter.decks().find(d => d.id === deckId)!;
					const normal = {...original.normal!, ...(kind === 'new' ? {extendNew: request.delta} : {extendReview: request.delta})};
					updateDeckInner(col, {...original, normal}, original, nowMs);
				}
				return {deckId};
			}
			const config = customStudySession(deck.name, request);
			const existing = deckWithName(col.adapter.decks(), CUSTOM_STUDY_DECK);
			if (existing && !existing.filtered) throw new StudyError(StudyMessage.CustomStudyExistingDeck);
			let result: {deckId: number; cards: number};
			try {
				result = saveFilteredDeckInner(col, {id: existing?.id ?? 0, name: CUSTOM_STUDY_DECK, config}, nowMs);
			} catch (error) {
				if (error instanceof StudyError && error.message === StudyMessage.SearchReturnedNoCards) throw new StudyError(StudyMessage.CustomStudyNoCards);
				throw error;
			}
			if (request.kind === 'cram') {
				// Remembered only after a successful build, for the next time the dialog opens.
				setConfigIfChanged(col, includeKey(deckId), request.includeTags ?? [], nowMs);
				setConfigIfChanged(col, excludeKey(deckId), request.excludeTags ?? [], nowMs);
			}
			return result;
		},
		{nowMs},
	);
}
