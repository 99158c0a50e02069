// Building the study queue for a deck and its subdecks as v3 does (rslib scheduler/queue/builder):
// intraday learning (unlimited), then interday learning and reviews under the review limit, then
// new cards under the new limit; limits apply per deck and are capped by every ancestor in the
// selected tree; siblings already gathered are skipped when the bury options ask for it.
import type Database from 'better-sqlite3';
import {dueDayCards, intradayLearningCards, newCards} from '../../collection/cards.js';
import {fnvHash} from '../../collection/fnv-hash.js';
import {CardQueue, type Card, type Deck, type DeckConfig} from '../../model.js';
import type {DeckIndex, SchedulerSettings} from '../collection-settings.js';
import type {DayTiming} from '../timing.js';
import type {CountKind} from '../types.js';
import {mix} from './intersperse.js';
import {LimitTree, remainingLimits} from './limits.js';

export interface QueueEntry {
	card: Card;
	kind: CountKind;
}

export interface BuiltQueue {
	/** Intraday learning cards due before the next day starts, earliest first. */
	learning: Card[];
	/** Interday learning, reviews and new cards, in presentation order. */
	main: QueueEntry[];
}

/**
 * The limit tree for the selected deck and its subdecks, with the selected deck's ancestors on top
 * when `applyAllParentLimits` is on (rslib QueueBuilder::new).
 */
function limitTreeFor(decks: Deck[], index: DeckIndex, settings: SchedulerSettings, today: number, rootId: number): LimitTree {
	const above = settings.applyAllParentLimits ? index.selfAndAncestors(rootId).slice(1).reverse() : [];
	return new LimitTree(
		[...above, ...decks],
		deck => remainingLimits(deck, index.presetOf(deck), today, settings.newCardsIgnoreReviewLimit),
		deck => index.parentOf(deck),
	);
}

export interface BuildInputs {
	db: Database.Database;
	index: DeckIndex;
	settings: SchedulerSettings;
	timing: DayTiming;
	rootDeckId: number;
	/** Clock for the retrievability review orders (default: now). */
	nowSecs?: number;
}

/** Buries the later siblings of enabled kinds during gathering (rslib queue/builder/burying.rs). */
class SiblingFilter {
	private readonly seen = new Set<number>();
	constructor(private readonly configFor: (card: Card) => DeckConfig) {}

	skip(card: Card, kind: 'new' | 'review' | 'interday'): boolean {
		if (!this.seen.has(card.nid)) return false;
		const config = this.configFor(card);
		return kind === 'new' ? config.buryNew : kind === 'review' ? config.buryReviews : config.buryInterdayLearning;
	}

	saw(card: Card): void {
		this.seen.add(card.nid);
	}
}

type SortOptions = Pick<DeckConfig, 'reviewOrder' | 'newCardGatherPriority' | 'newCardSortOrder' | 'interdayLearningMix' | 'newMix'>;

/**
 * The selected deck's preset orders the queue. A filtered deck has none: Anki then uses the default
 * orders (reviews by due day, new cards in the deck's order, mixed) and leaves new cards in the order
 * gathered, i.e. the order the deck was built in (builder/mod.rs sort_options).
 */
function sortOptionsFor(index: DeckIndex, rootDeckId: number): SortOptions {
	const root = index.byId.get(rootDeckId);
	if (root?.filtered) return {reviewOrder: 0, newCardGatherPriority: 0, newCardSortOrder: 1, interdayLearningMix: 0, newMix: 0};
	return index.configFor(root);
}

export function buildQueue(inputs: BuildInputs): BuiltQueue {
	const {db, index, settings, timing, rootDeckId} = inputs;
	const decks = index.subtree(rootDeckId);
	const dids = decks.map(d => d.id);
	const rootConfig = sortOptionsFor(index, rootDeckId);
	const limits = limitTreeFor(decks, index, settings, timing.today, rootDeckId);
	const siblings = new SiblingFilter(card => index.configForCard(card));

	const learning = intradayLearningCards(db, dids, timing.nextDayAt);
	for (const card of learning) siblings.saw(card);

	const gatherDay = (queue: 2 | 3, kind: 'review' | 'interday'): Card[] => {
		const out: Card[] = [];
		if (limits.rootLimitReached('review')) return out;
		const orderTiming = {nowSecs: inputs.nowSecs ?? Math.floor(Date.now() / 1000), nextDayAt: timing.nextDayAt, fsrs: settings.fsrs};
		for (const card of dueDayCards(db, dids, queue, timing.today, rootConfig.reviewOrder, orderTiming)) {
			if (limits.limitReached(card.did, 'review')) continue;
			if (siblings.skip(card, kind)) continue;
			siblings.saw(card);
			limits.decrement(card.did, 'review');
			out.push(card);
			if (limits.rootLimitReached('review')) break;
		}
		return out;
	};
	const interday = gatherDay(CardQueue.DayLearn, 'interday');
	const reviews = gatherDay(CardQueue.Review, 'review');

	const fresh: Card[] = [];
	const salt = Number(BigInt.asUintN(32, BigInt(timing.today) * 2654435761n));
	const takeNew = (source: Iterable<Card>, stopAtDeckLimit: number | null): void => {
		for (const card of source) {
			if (limits.rootLimitReached('new')) return;
			if (stopAtDeckLimit !== null && limits.limitReached(stopAtDeckLimit, 'new')) return;
			if (limits.limitReached(card.did, 'new')) continue;
			if (siblings.skip(card, 'new')) continue;
			siblings.saw(card);
			limits.decrement(card.did, 'new');
			fresh.push(card);
		}
	};
	const priority = rootConfig.newCardGatherPriority;
	if (priority === 0 || priority === 5) {
		for (const deck of decks) {
			if (limits.rootLimitReached('new')) break;
			if (limits.limitReached(deck.id, 'new')) continue;
			takeNew(newCards(db, [deck.id], priority === 5 ? 3 : 1, salt), deck.id);
		}
	} else {
		takeNew(newCards(db, dids, priority, salt), null);
	}
	sortNew(fresh, rootConfig.newCardSortOrder, timing.today);

	const tag = (cards: Card[], kind: CountKind): QueueEntry[] => cards.map(card => ({card, kind}));
	const dayCards = mix(tag(reviews, 'review'), tag(interday, 'learn'), rootConfig.interdayLearningMix);
	const main = mix(dayCards, tag(fresh, 'new'), rootConfig.newMix);
	return {learning, main};
}

/**
 * New-card sort after gathering (deck option `newCardSortOrder`): 0 template then gathered order,
 * 1 gathered order, 2 template then random, 3 random note then template, 4 random card. The
 * random orders hash ids with today's day number, so they are stable within a day.
 */
function sortNew(cards: Card[], order: number, today: number): void {
	const hash = new Map<number, bigint>();
	const h = (id: number) => {
		let value = hash.get(id);
		if (value === undefined) {
			value = fnvHash(id, today);
			hash.set(id, value);
		}
		return value;
	};
	const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
	switch (order) {
		case 1:
			return;
		case 2:
			cards.sort((a, b) => a.ord - b.ord || cmp(h(a.id), h(b.id)));
			return;
		case 3:
			cards.sort((a, b) => cmp(h(a.nid), h(b.nid)) || a.ord - b.ord);
			return;
		case 4:
			cards.sort((a, b) => cmp(h(a.id), h(b.id)));
			return;
		default:
			cards.sort((a, b) => a.ord - b.ord); // stable: gathered order within a template
	}
}
