// The browser's card actions as Anki writes them (search-and-notes.md §2.7, §2.9, rslib
// scheduler/bury_and_suspend.rs, new.rs, reviews.rs), each one undoable step that puts every row
// back byte for byte.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {buryCards, forgetCards, parseDueDate, setDeck, setDueDate, setFlag, suspendCards, unburyOrUnsuspendCards} from '../../source/core/browse/card-actions.js';
import type {Card} from '../../source/core/model.js';
import {buildWorld, NOW, NOW_SECS, type World} from '../search/world.js';

const LATER = NOW + 60_000;
const LATER_SECS = LATER / 1000;

function snapshot(world: World): string {
	const db = world.col.db;
	return JSON.stringify([
		db.prepare('SELECT * FROM cards ORDER BY id').all(),
		db.prepare('SELECT * FROM notes ORDER BY id').all(),
		db.prepare('SELECT * FROM revlog ORDER BY id').all(),
		db.prepare('SELECT mod FROM col').get(),
	]);
}

describe.each([11, 18] as const)('card actions on schema %i', schema => {
	let world: World;
	beforeEach(() => {
		world = buildWorld(schema);
	});
	afterEach(() => world.close());

	const card = (label: string) => world.col.db.prepare('SELECT * FROM cards WHERE id = ?').get(world.cards.get(label)!) as Card;
	const ids = (...labels: string[]) => labels.map(label => world.cards.get(label)!);
	const undoRestores = (before: string) => {
		expect(world.col.undo.undo()).not.toBeNull();
		expect(snapshot(world)).toBe(before);
	};

	it('suspend: queue -1, mod and usn; suspended cards untouched; undo restores', () => {
		const before = snapshot(world);
		expect(suspendCards(world.col, ids('dog', 'cafe', 'cat'), {nowMs: LATER})).toBe(2);
		expect(card('dog')).toMatchObject({queue: -1, type: 0, mod: LATER_SECS, usn: -1});
		expect(card('cafe')).toMatchObject({queue: -1, mod: NOW_SECS - 5 * 86400});
		expect(world.col.db.prepare('SELECT mod FROM col').pluck().get()).toBe(LATER);
		expect(world.col.undo.peek()).toBe('Suspend');
		undoRestores(before);
	});

	it('bury: queue -3, never a suspended card', () => {
		expect(buryCards(world.col, ids('dog', 'cafe', 'uber'), {nowMs: LATER})).toBe(1);
		expect(card('dog').queue).toBe(-3);
		expect(card('cafe').queue).toBe(-1);
	});

	it('unsuspend/unbury: the queue follows the type (learning by due: timestamp or day)', () => {
		world.col.db.prepare('UPDATE cards SET queue = -1 WHERE id IN (?, ?)').run(...ids('mouse', 'hund'));
		expect(unburyOrUnsuspendCards(world.col, ids('cafe', 'uber', 'num', 'mouse', 'hund', 'dog'), {nowMs: LATER})).toBe(5);
		expect([card('cafe').queue, card('uber').queue, card('num').queue, card('mouse').queue, card('hund').queue]).toEqual([2, 2, 0, 1, 1]);
		expect(card('dog').mod).toBe(NOW_SECS - 5 * 86400);
		expect(world.col.undo.peek()).toBe('Unbury/Unsuspend');
	});

	it('flag: low three bits and usn, mod untouched', () => {
		world.col.db.prepare('UPDATE cards SET flags = 8 + 1 WHERE id = ?').run(world.cards.get('dog')!);
		const before = snapshot(world);
		expect(setFlag(world.col, ids('dog', 'cat'), 4, {nowMs: LATER})).toBe(2);
		expect(card('dog')).toMatchObject({flags: 12, usn: -1, mod: NOW_SECS - 5 * 86400});
		expect(card('cat').flags).toBe(4);
		expect(setFlag(world.col, ids('cat'), 4, {nowMs: LATER})).toBe(0);
		expect(world.col.undo.undo()?.label).toBe('Set Flag');
		expect(snapshot(world)).toBe(before);
	});

	it('change deck: filtered cards go home first, FSRS state is cleared, learning steps remapped', () => {
		const french = world.decks.get('French')!;
		world.col.db.prepare(`UPDATE cards SET data = '{"s":3.0,"d":5.0,"dr":0.9,"decay":0.2,"lrt":5}' WHERE id = ?`).run(world.cards.get('cat')!);
		const before = snapshot(world);
		expect(setDeck(world.col, ids('moon.2', 'cat', 'dog'), french, {nowMs: LATER})).toBe(2);
		expect(card('moon.2')).toMatchObject({did: french, odid: 0, odue: 0, due: world.today + 30, queue: 2, mod: LATER_SECS, usn: -1});
		expect(card('cat')).toMatchObject({did: french, data: '{"lrt":5}'});
		expect(card('dog').mod).toBe(NOW_SECS - 5 * 86400);
		expect(world.col.undo.peek()).toBe('Change Deck');
		undoRestores(before);
		expect(() => setDeck(world.col, ids('dog'), world.decks.get('Cram')!)).toThrow("Cards can't be manually moved into a filtered deck.");
	});

	it('forget: new at the old position or the next one, counts kept, logged as a manual change', () => {
		world.col.adapter.setConfig('nextPos', 40, NOW_SECS);
		world.col.db.prepare(`UPDATE cards SET data = '{"pos":12,"s":3.0,"d":5.0,"lrt":5}' WHERE id = ?`).run(world.cards.get('cat')!);
		const before = snapshot(world);
		expect(forgetCards(world.col, ids('cat', 'sun.1', 'moon.2'), {nowMs: LATER})).toBe(3);
		expect(card('cat')).toMatchObject({type: 0, queue: 0, due: 12, ivl: 0, factor: 0, reps: 5, lapses: 1, data: '{"lrt":5}', mod: LATER_SECS, usn: -1});
		expect(card('sun.1')).toMatchObject({type: 0, queue: 0, due: 40, reps: 3});
		expect(card('moon.2')).toMatchObject({type: 0, queue: 0, due: 41, did: world.decks.get('Spanish')!, odid: 0, odue: 0});
		expect(world.col.adapter.getConfig('nextPos')).toBe(42);
		const log = world.col.db.prepare('SELECT cid, usn, ease, ivl, lastIvl, factor, time, type FROM revlog WHERE id >= ? ORDER BY id').all(LATER);
		expect(log).toEqual([
			{cid: world.cards.get('cat'), usn: -1, ease: 0, ivl: 0, lastIvl: 10, factor: 0, time: 0, type: 4},
			{cid: world.cards.get('sun.1'), usn: -1, ease: 0, ivl: 0, lastIvl: 3, factor: 0, time: 0, type: 4},
			{cid: world.cards.get('moon.2'), usn: -1, ease: 0, ivl: 0, lastIvl: 30, factor: 0, time: 0, type: 4},
		]);
		expect(world.col.undo.peek()).toBe('Reset Card');
		undoRestores(before);
	});

	it('forget with reset counts and without restoring positions remembers the choice', () => {
		world.col.adapter.setConfig('nextPos', 7, NOW_SECS);
		forgetCards(world.col, ids('dog', 'cat'), {nowMs: LATER, restorePosition: false, resetCounts: true});
		expect(card('dog')).toMatchObject({due: 7, reps: 0});
		expect(card('cat')).toMatchObject({due: 8, reps: 0, lapses: 0});
		expect(world.col.adapter.getConfig('restorePositionBrowser')).toBe(false);
		expect(world.col.adapter.getConfig('resetCountsBrowser')).toBe(true);
	});

	it('set due date: new cards become reviews with the preset ease, reviews keep their interval unless !', () => {
		const before = snapshot(world);
		expect(setDueDate(world.col, ids('dog', 'cat', 'moon.2'), '3', {nowMs: LATER, minutesWest: 0})).toBe(3);
		expect(card('dog')).toMatchObject({type: 2, queue: 2, due: world.today + 3, ivl: 3, factor: 2500, data: '{"pos":1}', mod: LATER_SECS, usn: -1});
		expect(card('cat')).toMatchObject({type: 2, queue: 2, due: world.today + 3, ivl: 10, factor: 2500});
		expect(card('moon.2')).toMatchObject({did: world.decks.get('Spanish')!, odid: 0, odue: 0, due: world.today + 3, ivl: 30});
		expect(world.col.adapter.getConfig('setDueBrowser')).toBe('3');
		expect(world.col.db.prepare('SELECT count(*) FROM revlog WHERE id >= ? AND type = 4 AND ease = 0').pluck().get(LATER)).toBe(3);
		expect(world.col.undo.peek()).toBe('Set Due Date');
		undoRestores(before);
		setDueDate(world.col, ids('cat'), '2!', {nowMs: LATER, minutesWest: 0});
		expect(card('cat')).toMatchObject({due: world.today + 2, ivl: 2});
		setDueDate(world.col, ids('uber'), '5-5', {nowMs: LATER, minutesWest: 0, random: () => 0.99});
		expect(card('uber')).toMatchObject({due: world.today + 5, queue: 2});
	});

	it('parses due-date entries as Anki does', () => {
		expect(parseDueDate('0')).toEqual({min: 0, max: 0, forceReset: false});
		expect(parseDueDate('7-3!')).toEqual({min: 3, max: 7, forceReset: true});
		expect(parseDueDate('-1')).toBeNull();
		expect(parseDueDate('1.5')).toBeNull();
		expect(() => setDueDate(world.col, ids('dog'), 'soon')).toThrow(/not a due date/);
	});
});
