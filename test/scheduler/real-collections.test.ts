// Answering cards in copies of real Anki collections (schema 18, schema 14, imported packages)
// leaves files that pass SQLite's integrity check and the row rules Anki's Check Database applies.
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {openInput} from '../../source/commands/open-input.js';
import type {Card} from '../../source/core/model.js';
import {readSchedulerSettings, timingAt} from '../../source/core/scheduler/collection-settings.js';
import {deckTreeCounts} from '../../source/core/scheduler/deck-counts.js';
import {openReviewSession} from '../../source/core/scheduler/session.js';
import type {Rating} from '../../source/core/scheduler/types.js';
import {copyToTemp, hasShared, noticeIfNoShared, sharedFile} from '../helpers/shared.js';
import {cardProblems} from './invariants.js';

const START = Date.UTC(2026, 10, 20, 12, 0, 0);
const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length > 0) cleanups.pop()!();
});

function exercise(col: Collection): {answers: number; now: number} {
	let clock = START;
	const revlogBefore = (col.db.prepare('SELECT count(*) AS n FROM revlog').get() as {n: number}).n;
	const ratings: Rating[] = [3, 1, 3, 4, 2, 3, 3, 1];
	let answers = 0;
	let undone = 0;
	const decks = col.adapter.decks().filter(d => d.normal);
	for (const deck of decks) {
		const session = openReviewSession(col, deck.id, {now: () => clock, minutesWest: 0});
		for (let i = 0; i < 30; i++) {
			const current = session.current();
			if (!current) break;
			const labels = session.buttons().labels;
			expect(Object.values(labels).every(l => l.length > 0)).toBe(true);
			session.answer(ratings[(answers + i) % ratings.length]!, 4000 + i);
			answers++;
			clock += 7000;
			if (i === 3) {
				session.undo();
				undone++;
				clock += 1000;
			}
			if (i === 5 && session.current()) {
				session.setFlag(2);
				session.undo();
			}
		}
	}
	const revlogAfter = (col.db.prepare('SELECT count(*) AS n FROM revlog').get() as {n: number}).n;
	expect(revlogAfter - revlogBefore).toBe(answers - undone);
	return {answers: answers - undone, now: clock};
}

function checkFile(col: Collection, answered: number, now: number): void {
	expect(col.db.pragma('integrity_check', {simple: true})).toBe('ok');
	expect((col.db.prepare('PRAGMA foreign_key_check').all() as unknown[]).length).toBe(0);
	const settings = readSchedulerSettings(col);
	const timing = timingAt(settings, START, 0);
	// Rows we wrote carry our clock in mod (some fixtures hold older unsynced usn -1 rows).
	const changed = col.db.prepare('SELECT * FROM cards WHERE mod >= ?').all(Math.floor(START / 1000)) as Card[];
	expect(changed.length).toBeGreaterThanOrEqual(Math.min(answered, 1));
	for (const card of changed) {
		const problems = cardProblems(card, timing.today, Math.floor(START / 1000), settings.fsrs).filter(
			// A card answered early in the run may be due again by its end; that is not a defect.
			p => p !== 'learning due not in the future',
		);
		expect(problems, `card ${card.id}`).toEqual([]);
	}
	const orphans = col.db.prepare('SELECT count(*) AS n FROM cards WHERE nid NOT IN (SELECT id FROM notes)').get() as {n: number};
	expect(orphans.n).toBe(0);
	const badRevlog = col.db.prepare('SELECT count(*) AS n FROM revlog WHERE id >= ? AND (ease NOT BETWEEN 1 AND 4 OR type NOT BETWEEN 0 AND 3 OR time < 0 OR time > 7200000 OR usn != -1)').get(START) as {n: number};
	expect(badRevlog.n).toBe(0);
	if (answered > 0) expect(col.info().mod).toBeGreaterThanOrEqual(START);
	const counts = deckTreeCounts(col, new Date(now), {minutesWest: 0});
	for (const deck of col.adapter.decks()) {
		const c = counts.get(deck.id);
		expect(c, deck.name).toBeDefined();
		expect(Math.min(c!.new, c!.learn, c!.review)).toBeGreaterThanOrEqual(0);
	}
	const studied = col.adapter.decks().filter(d => d.today.day === timing.today);
	if (answered > 0) expect(studied.length).toBeGreaterThan(0);
}

describe.skipIf(!hasShared)('answering in real collections', () => {
	noticeIfNoShared();
	for (const name of ['schema18-two-decks.anki2', 'schema14-japanese-furigana.anki2']) {
		it(`${name}: answers, undo and actions leave a consistent file`, () => {
			const copy = copyToTemp(sharedFile(name));
			cleanups.push(copy.cleanup);
			const col = openCollection(copy.file, {privateCopy: true});
			cleanups.unshift(() => col.close());
			const {answers, now} = exercise(col);
			expect(answers).toBeGreaterThan(0);
			checkFile(col, answers, now);
		});
	}

	for (const name of ['legacy-mode-anki21.colpkg', 'template-edge-cases.apkg']) {
		it(`${name} (imported package): answers leave a consistent file`, async () => {
			const opened = await openInput(sharedFile(name), {readOnly: false});
			cleanups.push(() => opened.close());
			const {answers, now} = exercise(opened.collection);
			expect(answers).toBeGreaterThan(0);
			checkFile(opened.collection, answers, now);
		});
	}
});
