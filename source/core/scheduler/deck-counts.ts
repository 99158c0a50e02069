// Deck-browser counts for every deck (rslib decks/tree.rs, v3): per-deck counts from one GROUP BY
// query, summed up the tree with each deck's remaining limits applied at every level, as if that
// deck were the one selected. Intraday learning is never limited.
import {buriedCards, deckDueCounts} from '../collection/cards.js';
import type {Collection} from '../collection/types.js';
import type {DeckForList, PresetLimits} from '../model.js';
import {DeckIndex, readSchedulerSettings, timingAt} from './collection-settings.js';
import {capTo, DEFAULT_LIMITS, remainingLimits, type RemainingLimits} from './queue/limits.js';
import type {QueueCounts} from './types.js';

interface Totals {
	newCount: number;
	reviewCount: number;
	interdayCount: number;
	intradayCount: number;
}

export interface DeckCountOptions {
	/** Minutes west of UTC (default: the system offset at `now`). */
	minutesWest?: number;
	/** The collection's decks when the caller has read them already (reading them again costs a parse or a blob decode per deck). */
	decks?: readonly DeckForList[];
}

export function deckTreeCounts(col: Collection, now: Date, options: DeckCountOptions = {}): Map<number, QueueCounts> {
	const settings = readSchedulerSettings(col);
	const nowMs = now.getTime();
	const timing = timingAt(settings, nowMs, options.minutesWest);
	// Only what the counts need of the decks and presets (schema 18 decodes just those fields).
	const index = new DeckIndex<DeckForList, PresetLimits>(options.decks ?? col.adapter.deckListDecks(), col.adapter.deckListPresets());
	const cutoff = Math.floor(nowMs / 1000) + settings.learnAheadSecs;
	// Buried cards return at the first study of a new day; until then count them as Anki's deck list would after it.
	const last = settings.lastUnburied;
	const unburyPending = last === null || last < timing.today || last > timing.today + 7;
	const limitsOf = new Map<number, RemainingLimits>();
	const own = new Map<number, Totals>();
	for (const deck of index.byId.values()) {
		const limits = remainingLimits(deck, index.presetOf(deck), timing.today, settings.newCardsIgnoreReviewLimit);
		limitsOf.set(deck.id, limits);
		// A deck's own count beyond its remaining limit is never shown, so counting stops there.
		const counts = deckDueCounts(col.db, deck.id, timing.today, cutoff, {new: limits.new + 1, review: limits.review + 1});
		if (unburyPending) addBuried(counts, buriedCards(col.db, deck.id), timing.today, cutoff);
		own.set(deck.id, counts);
	}

	const children = new Map<number, number[]>();
	const roots: number[] = [];
	for (const deck of index.byId.values()) {
		const parent = index.parentOf(deck);
		if (parent) children.set(parent.id, [...(children.get(parent.id) ?? []), deck.id]);
		else roots.push(deck.id);
	}

	const result = new Map<number, QueueCounts>();
	// With applyAllParentLimits each deck is also held to every ancestor's limits (rslib
	// sum_counts_and_apply_limits_v3 threads them down from a default 9999 at the top).
	const visit = (id: number, parentLimits: RemainingLimits | null): Totals => {
		const limits = {...limitsOf.get(id)!};
		if (parentLimits) capTo(limits, parentLimits);
		const mine = own.get(id);
		const sum: Totals = {
			newCount: mine?.newCount ?? 0,
			reviewCount: mine?.reviewCount ?? 0,
			interdayCount: mine?.interdayCount ?? 0,
			intradayCount: mine?.intradayCount ?? 0,
		};
		for (const child of children.get(id) ?? []) {
			const c = visit(child, parentLimits ? limits : null);
			sum.newCount += c.newCount;
			sum.reviewCount += c.reviewCount;
			sum.interdayCount += c.interdayCount;
			sum.intradayCount += c.intradayCount;
		}
		// Interday learning is gathered before reviews and shares their limit.
		const interday = Math.min(sum.interdayCount, limits.review);
		const review = Math.min(sum.reviewCount, limits.review - interday);
		const newLimit = limits.capNewToReview ? Math.min(limits.new, limits.review - interday - review) : limits.new;
		const capped: Totals = {
			newCount: Math.min(sum.newCount, Math.max(0, newLimit)),
			reviewCount: review,
			interdayCount: interday,
			intradayCount: sum.intradayCount,
		};
		result.set(id, {new: capped.newCount, learn: capped.intradayCount + capped.interdayCount, review: capped.reviewCount});
		return capped;
	};
	for (const root of roots) visit(root, settings.applyAllParentLimits ? DEFAULT_LIMITS : null);
	return result;
}

/** Adds buried cards by the queue their type restores them to. */
function addBuried(counts: Totals, buried: Array<{type: number; due: number}>, today: number, cutoff: number): void {
	for (const {type, due} of buried) {
		if (type === 0) counts.newCount++;
		else if (type === 2 && due <= today) counts.reviewCount++;
		else if (type === 1 || type === 3) {
			if (due > 1_000_000_000) {
				if (due <= cutoff) counts.intradayCount++;
			} else if (due <= today) counts.interdayCount++;
		}
	}
}
