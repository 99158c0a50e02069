// Daily limits as rslib decks/limits.rs applies them: the limit tree (capped at build, decremented
// up the ancestors, a zero capping the subtree), applyAllParentLimits in the queue and the deck
// list, and the 9999 default for decks whose preset is missing.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Deck} from '../../source/core/model.js';
import {deckTreeCounts} from '../../source/core/scheduler/deck-counts.js';
import {LimitTree, type RemainingLimits} from '../../source/core/scheduler/queue/limits.js';
import {openReviewSession} from '../../source/core/scheduler/session.js';
import {tempDir} from '../helpers/shared.js';
import {addDeck, addNote, openTestCollection, type TestCollection} from './test-collection.js';
import {defaultConfig} from './helpers.js';

const START = Date.UTC(2026, 0, 10, 12, 0, 0);
let col: TestCollection;
let cleanup: () => void;

beforeEach(() => {
	const t = tempDir();
	cleanup = t.cleanup;
	col = openTestCollection(t.dir, START - 30 * 86400_000, 0);
});
afterEach(() => {
	col.close();
	cleanup();
});

const deck = (id: number, name: string) => ({id, name}) as Deck;
const limits = (review: number, fresh: number): RemainingLimits => ({review, new: fresh, capNewToReview: true});

describe('limit tree', () => {
	const p = deck(1, 'P');
	const a = deck(2, 'P::A');
	const b = deck(3, 'P::B');
	const parentOf = (d: Deck) => (d.name.includes('::') ? p : undefined);

	it('a sibling keeps its own count until the shared parent runs out, then the whole subtree is capped', () => {
		const own = new Map([[1, limits(4, 4)], [2, limits(3, 3)], [3, limits(3, 3)]]);
		const tree = new LimitTree([p, a, b], d => ({...own.get(d.id)!}), parentOf);
		for (let i = 0; i < 3; i++) tree.decrement(2, 'review');
		expect(tree.limitReached(2, 'review')).toBe(true);
		expect(tree.remaining(1, 'review')).toBe(1);
		expect(tree.remaining(3, 'review')).toBe(3); // Anki does not lower B until P reaches zero
		tree.decrement(3, 'review');
		expect(tree.rootLimitReached('review')).toBe(true);
		expect(tree.remaining(3, 'review')).toBe(0);
		// a review taken lowers the new limit too (cap_new_to_review)
		expect(tree.remaining(3, 'new')).toBe(0);
	});

	it('caps a child by its parent when built, and new cards do not use up reviews', () => {
		const own = new Map([[1, limits(2, 2)], [2, limits(10, 10)], [3, limits(10, 10)]]);
		const tree = new LimitTree([p, a, b], d => ({...own.get(d.id)!}), parentOf);
		expect(tree.remaining(2, 'review')).toBe(2);
		tree.decrement(2, 'new');
		expect(tree.remaining(1, 'review')).toBe(2);
		expect(tree.remaining(1, 'new')).toBe(1);
	});
});

describe('applyAllParentLimits', () => {
	function setup(): void {
		col.adapter.addDeckConfig(defaultConfig({id: 2, name: 'three new', newPerDay: 3}), 0);
		col.adapter.addDeckConfig(defaultConfig({id: 3, name: 'two new', newPerDay: 2}), 0);
		addDeck(col, 10, 'Top', 3);
		addDeck(col, 11, 'Top::Parent', 2);
		addDeck(col, 12, 'Top::Parent::Child');
		for (let i = 0; i < 10; i++) addNote(col, 12, [{}]);
	}
	const newCount = (did: number) => openReviewSession(col, did, {now: () => START, minutesWest: 0, fuzz: false}).counts().new;
	const listed = (did: number) => deckTreeCounts(col, new Date(START), {minutesWest: 0}).get(did)?.new;

	it('off (the default): a selected deck ignores the limits of decks above it', () => {
		setup();
		expect(newCount(12)).toBe(10);
		expect(listed(12)).toBe(10);
		expect(newCount(11)).toBe(3);
		expect(listed(11)).toBe(3);
		expect(listed(10)).toBe(2);
	});

	it('on: every ancestor limits the selected deck, in the queue and in the deck list', () => {
		setup();
		col.adapter.setConfig('applyAllParentLimits', true, 0);
		expect(newCount(12)).toBe(2);
		expect(listed(12)).toBe(2);
		expect(newCount(11)).toBe(2);
		expect(listed(11)).toBe(2);
	});
});

describe('a deck whose preset is missing', () => {
	it('gets the 9999 default limits, not the default preset\u2019s', () => {
		addDeck(col, 20, 'Orphan', 999);
		for (let i = 0; i < 25; i++) addNote(col, 20, [{}]);
		expect(openReviewSession(col, 20, {now: () => START, minutesWest: 0, fuzz: false}).counts().new).toBe(25);
		expect(deckTreeCounts(col, new Date(START), {minutesWest: 0}).get(20)?.new).toBe(25);
	});
});
