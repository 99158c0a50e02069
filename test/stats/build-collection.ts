// Real collections (made by createCollection, schema 11 or 18) with a known mix of cards and a
// review log full of edge cases, for checking the statistics against SQL written from the
// reference. Everything is seeded, so each build is the same.
import path from 'node:path';
import {createCollection} from '../../source/core/collection/create.js';
import {openCollection} from '../../source/core/collection/open.js';
import type {Deck} from '../../source/core/model.js';
import {tempDir} from '../helpers/shared.js';
import {prng} from '../../scripts/lib/prng.js';

const DAY = 86400;

export interface StatsFixtureOptions {
	schema: 11 | 18;
	/** The clock of the checks (ms). */
	nowMs: number;
	/** The next rollover after nowMs in the chosen zone and hour (epoch secs), worked out by hand in the test. */
	nextDayAt: number;
	minutesWest: number;
	rollover: number;
	fsrs?: boolean;
	seed?: number;
}

export interface StatsFixture {
	file: string;
	/** crt is the rollover 1,000 days before the next one, so today is day 999. */
	today: number;
	decks: {lang: number; verbs: number; other: number; filtered: number};
	cleanup(): void;
}

export function buildStatsCollection(options: StatsFixtureOptions): StatsFixture {
	const temp = tempDir('anki-tui-stats-');
	const file = path.join(temp.dir, 'collection.anki2');
	const nda = options.nextDayAt;
	const now = Math.floor(options.nowMs / 1000);
	createCollection(file, {schema: options.schema, now: options.nowMs - 900 * DAY * 1000, minutesWest: options.minutesWest, idSeed: 3});
	const col = openCollection(file);
	const random = prng(options.seed ?? 99);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
	const today = 999;
	let decks!: StatsFixture['decks'];
	col.transaction(() => {
		col.db.prepare('UPDATE col SET crt = ?').run(nda - 1000 * DAY);
		col.adapter.setConfig('rollover', options.rollover, now);
		col.adapter.setConfig('creationOffset', options.minutesWest, now);
		col.adapter.setConfig('localOffset', options.minutesWest, now);
		col.adapter.setConfig('fsrs', options.fsrs ?? false, now);
		const template = col.adapter.decks()[0]!;
		const add = (name: string, extra: Partial<Deck> = {}) => col.adapter.addDeck({...template, id: 0, name, ...extra}, now);
		const lang = add('Lang');
		const verbs = add('Lang::Verbs');
		const other = add('Other');
		const filtered = add('Filtered', {
			normal: undefined,
			filtered: {reschedule: true, searchTerms: [{search: 'deck:Lang', limit: 100, order: 0}], previewDelayMins: 0, previewAgainSecs: 60, previewHardSecs: 600, previewGoodSecs: 0},
		});
		decks = {lang, verbs, other, filtered};
		const notetype = col.adapter.notetypes().find((nt) => nt.name === 'Basic (and reversed card)')!;
		const addNote = col.db.prepare("INSERT INTO notes VALUES (?, ?, ?, ?, -1, '', ?, ?, 0, 0, '')");
		const addCard = col.db.prepare('INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, ?)');
		const addRevlog = col.db.prepare('INSERT OR IGNORE INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)');
		const cardIds: number[] = [];
		// Notes added over the last 500 days, some today and one exactly at a rollover, and at the
		// first and last second of each period's oldest Added day (31, 90 and 365 days ago).
		const windowEdges = [31, 90, 365].flatMap((days) => [(nda - (days + 1) * DAY) * 1000, (nda - (days + 1) * DAY + 1) * 1000]);
		const addedAt = (n: number): number => {
			if (n === 0) return (nda - 3 * DAY) * 1000; // the rollover second itself: belongs to the older day
			if (n >= 90) return windowEdges[n - 90]!;
			if (n < 4) return (nda - DAY) * 1000 + int(1, 3600 * 1000); // today
			return (nda - int(1, 500) * DAY + int(0, DAY - 1)) * 1000;
		};
		for (let n = 0; n < 90 + windowEdges.length; n++) {
			const nid = addedAt(n) + n; // unique ids
			addNote.run(nid, `g${n}`, notetype.id, now, `front ${n}\x1fback ${n}`, `front ${n}`);
			for (let ord = 0; ord < 2; ord++) {
				const cid = nid + ord * 1000;
				cardIds.push(cid);
				let did = pick([lang, lang, verbs, other]);
				let odid = 0;
				let odue = 0;
				let type = 0, queue = 0, due = n, ivl = 0, factor = 0;
				let data = '';
				const roll = random();
				if (roll < 0.25) {
					queue = pick([0, 0, 0, -1, -2, -3]); // new, some suspended or buried
				} else if (roll < 0.35) {
					type = 1; queue = 1; due = now + int(-7200, 2 * DAY); // intraday learning, overdue to tomorrow
				} else if (roll < 0.4) {
					type = 3; queue = pick([1, 3]); ivl = int(1, 5); factor = 2100;
					due = queue === 1 ? now + int(-600, 3600) : today + int(-2, 2);
				} else {
					type = 2; queue = pick([2, 2, 2, 2, -1, -2, -3]); ivl = pick([1, 3, 8, 20, 21, 22, 45, 100, 400]);
					due = today + int(-20, 200); factor = pick([1300, 2050, 2500, 2500, 2650, 3100]);
				}
				if (type !== 0 && random() < 0.15) {
					// In the filtered deck: the home deck and due move to odid/odue.
					odid = did; did = filtered; odue = due; due = -100000 + n;
				}
				if (options.fsrs && type !== 0 && random() < 0.8) {
					const s = Math.round((0.5 + random() * 120) * 100) / 100;
					const d = Math.round((1 + random() * 9) * 1000) / 1000;
					const lrt = random() < 0.7 ? now - int(0, 90) * DAY - int(0, DAY) : undefined;
					const decay = random() < 0.5 ? 0.1542 : undefined;
					data = JSON.stringify({s, d, dr: 0.9, ...(decay ? {decay} : {}), ...(lrt ? {lrt} : {})});
				}
				if (type === 2 && random() < 0.05) ivl = 36500;
				addCard.run(cid, nid, did, ord, now, type, queue, due, ivl, factor, type === 0 ? 0 : int(1, 20), int(0, 3), odue, odid, data);
			}
		}
		// The review log: 2,500 answers over 420 days, in every local hour, plus the edge cases.
		const types = [0, 0, 1, 1, 1, 1, 2, 3, 4, 5];
		let id = 0;
		const row = (ms: number, cid: number, ease: number, ivl: number, lastIvl: number, fac: number, time: number, type: number) =>
			addRevlog.run(ms, cid, ease, ivl, lastIvl, fac, time, type);
		for (let i = 0; i < 2500; i++) {
			const daysBack = Math.floor(Math.pow(random(), 2) * 420);
			id = (nda - daysBack * DAY - int(1, DAY)) * 1000 + int(0, 999);
			const type = pick(types);
			const ease = type === 4 || type === 5 ? 0 : int(1, 4);
			const lastIvl = type === 0 ? pick([-60, -600, 0]) : type === 2 ? pick([-600, 1, 30]) : pick([1, 4, 20, 21, 22, 60, 300]);
			const fac = type === 3 && random() < 0.5 ? 0 : pick([0, 2500, 2300]);
			row(id, pick(cardIds), ease, pick([1, 4, 30, -600]), lastIvl, fac, int(800, 60000), type);
		}
		// Answers in the very second of a rollover (they belong to the older day, but to the newer window).
		for (const k of [1, 2, 7, 30, 90, 365]) row((nda - k * DAY) * 1000 + 250, cardIds[k]!, 3, 10, pick([5, 30]), 2500, 5000, 1);
		row((nda - DAY) * 1000, cardIds[1]!, 1, -600, 25, 2500, 7000, 1);
		// A clock running ahead: answers after the next rollover.
		row(nda * 1000 + 5000, cardIds[2]!, 3, 5, 22, 2500, 4000, 1);
		row((nda + DAY + 10) * 1000, cardIds[3]!, 2, 5, 3, 2500, 4000, 1);
		// Cramming in a preview deck (type 3, factor 0), manual and rescheduling rows, an unknown type.
		row((nda - 3600) * 1000, cardIds[4]!, 3, 0, 0, 0, 3000, 3);
		row((nda - 3000) * 1000, cardIds[5]!, 0, 10, 5, 0, 0, 4);
		row((nda - 2900) * 1000, cardIds[6]!, 0, 12, 10, 2500, 0, 5);
		row((nda - 2800) * 1000, cardIds[7]!, 2, -60, -60, 0, 9000, 7);
		// Learning answers with a long seconds interval (a day or more, stored negative) and one just under.
		row((nda - 2700) * 1000, cardIds[8]!, 3, 2, -86400, 0, 6000, 0);
		row((nda - 2600) * 1000, cardIds[9]!, 1, -600, -86399, 0, 6000, 2);
		// Reviews of a card that no longer exists: only the whole collection counts them.
		for (let i = 0; i < 12; i++) row((nda - i * 5000 - 100) * 1000, 1_000_000_000_000 + i, pick([1, 3]), 3, 22, 2500, 3000, 1);
		// A streak reaching back past any period's year: an answer every day for 440 days but 430 days
		// ago (older than the random rows above), which has only a manual and a rescheduling row.
		for (let daysBack = 0; daysBack <= 440; daysBack++) {
			const noon = (nda - daysBack * DAY - DAY / 2) * 1000 + 123;
			if (daysBack !== 430) row(noon, cardIds[0]!, 3, 10, 10, 2500, 5000, 1);
			else for (const type of [4, 5]) row(noon + type, cardIds[0]!, 0, 10, 10, 2500, 0, type);
		}
	});
	col.close();
	return {file, today, decks, cleanup: temp.cleanup};
}
