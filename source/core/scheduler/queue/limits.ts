// Daily limits per deck (rslib decks/limits.rs): the deck's own override or its preset's value,
// minus what was studied today, and new cards also held to the review limit unless told otherwise;
// then Anki's limit tree, in which each deck is capped by its parent when the tree is built, every
// gathered card decrements its deck and all ancestors, and a limit reaching zero caps the subtree.
import type {Deck, DeckConfig, DeckForList, PresetLimits} from '../../model.js';

export interface RemainingLimits {
	review: number;
	new: number;
	/** New cards also count against the review limit (false for filtered decks and with `newCardsIgnoreReviewLimit`). */
	capNewToReview: boolean;
}

export type LimitKind = 'review' | 'new';

/** rslib `RemainingLimits::default`: what filtered decks and decks whose preset is missing get. */
export const DEFAULT_LIMITS: Readonly<RemainingLimits> = {review: 9999, new: 9999, capNewToReview: false};

/** `config` is the deck's own preset, undefined when missing (no fallback to the default preset, as in Anki). */
export function remainingLimits(deck: DeckForList, config: PresetLimits | undefined, today: number, newIgnoresReviewLimit: boolean): RemainingLimits {
	const normal = deck.normal;
	if (!normal || !config) return {...DEFAULT_LIMITS};
	let review = normal.reviewLimitToday?.today === today ? normal.reviewLimitToday.limit : normal.reviewLimit ?? config.reviewsPerDay;
	let fresh = normal.newLimitToday?.today === today ? normal.newLimitToday.limit : normal.newLimit ?? config.newPerDay;
	if (deck.today.day === today) {
		review -= deck.today.reviewStudied;
		fresh -= deck.today.newStudied;
	}
	if (!newIgnoresReviewLimit) {
		if (deck.today.day === today) review -= deck.today.newStudied;
		fresh = Math.min(fresh, review);
	}
	return {review: Math.max(0, review), new: Math.max(0, fresh), capNewToReview: !newIgnoresReviewLimit};
}

/** Both limits lowered to at most `cap`'s (rslib `cap_to`). */
export function capTo(limits: RemainingLimits, cap: RemainingLimits): void {
	limits.review = Math.min(limits.review, cap.review);
	limits.new = Math.min(limits.new, cap.new);
}

interface LimitNode {
	limits: RemainingLimits;
	parent: LimitNode | null;
	children: LimitNode[];
}

/** rslib `LimitTreeMap`. */
export class LimitTree {
	private readonly nodes = new Map<number, LimitNode>();
	private readonly root: LimitNode;

	/**
	 * `decks` in tree order (parents before children), the first one the tree's root: the selected
	 * deck, or its top ancestor when `applyAllParentLimits` is on. A deck hangs under its nearest
	 * ancestor in the list.
	 */
	constructor(decks: readonly Deck[], limitsFor: (deck: Deck) => RemainingLimits, parentOf: (deck: Deck) => Deck | undefined) {
		let root: LimitNode | null = null;
		for (const deck of decks) {
			let parentDeck = parentOf(deck);
			while (parentDeck && !this.nodes.has(parentDeck.id)) parentDeck = parentOf(parentDeck);
			const parent = root && parentDeck ? this.nodes.get(parentDeck.id)! : root;
			const node: LimitNode = {limits: limitsFor(deck), parent, children: []};
			if (parent) {
				capTo(node.limits, parent.limits);
				parent.children.push(node);
			}
			root ??= node;
			this.nodes.set(deck.id, node);
		}
		this.root = root ?? {limits: {...DEFAULT_LIMITS}, parent: null, children: []};
	}

	/** The deck's own remaining count (already capped by its ancestors when they ran out). */
	remaining(did: number, kind: LimitKind): number {
		return this.nodes.get(did)?.limits[kind] ?? 0;
	}

	limitReached(did: number, kind: LimitKind): boolean {
		return this.remaining(did, kind) === 0;
	}

	rootLimitReached(kind: LimitKind): boolean {
		return this.root.limits[kind] === 0;
	}

	/** One card gathered from `did`: its deck and every ancestor lose one; a limit hitting zero caps its subtree. */
	decrement(did: number, kind: LimitKind): void {
		for (let node = this.nodes.get(did) ?? null; node; node = node.parent) {
			const limits = node.limits;
			const before = {review: limits.review, new: limits.new};
			if (kind === 'review') {
				limits.review = Math.max(0, limits.review - 1);
				if (limits.capNewToReview) limits.new = Math.min(limits.new, limits.review);
			} else {
				limits.new = Math.max(0, limits.new - 1);
			}
			const reachedZero = (before.review > 0 && limits.review === 0) || (before.new > 0 && limits.new === 0);
			if (reachedZero) capSubtree(node, {...limits});
		}
	}
}

function capSubtree(node: LimitNode, cap: RemainingLimits): void {
	capTo(node.limits, cap);
	for (const child of node.children) capSubtree(child, cap);
}
