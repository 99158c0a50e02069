// Daily limits per deck (rslib decks/limits.rs): the deck's own override or its preset's value,
// minus what was studied today, and new cards also held to the review limit unless told otherwise.
import type {Deck, DeckConfig} from '../../model.js';

export interface RemainingLimits {
	review: number;
	new: number;
}

const UNLIMITED = Number.MAX_SAFE_INTEGER;

export function remainingLimits(deck: Deck, config: DeckConfig, today: number, newIgnoresReviewLimit: boolean): RemainingLimits {
	const normal = deck.normal;
	if (!normal) return {review: UNLIMITED, new: UNLIMITED}; // filtered decks have no limits
	let review = normal.reviewLimitToday?.today === today ? normal.reviewLimitToday.limit : normal.reviewLimit ?? config.reviewsPerDay;
	let fresh = normal.newLimitToday?.today === today ? normal.newLimitToday.limit : normal.newLimit ?? config.newPerDay;
	if (deck.today.day === today) {
		review -= deck.today.reviewStudied;
		fresh -= deck.today.newStudied;
		if (!newIgnoresReviewLimit) review -= deck.today.newStudied;
	}
	review = Math.max(0, review);
	fresh = Math.max(0, fresh);
	if (!newIgnoresReviewLimit) fresh = Math.min(fresh, review);
	return {review, new: fresh};
}
