// Card info against the card's rows read with plain SQL and the rules of reference §A.16, on a
// generated collection (SM-2 and FSRS, filtered and new cards) and on a real Anki collection.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {cardInfo, type CardInfo} from '../../source/core/stats/card-info.js';
import {extractEntry, rawDb} from '../collection/helpers.js';
import {noticeIfNoShared, sharedFile} from '../helpers/shared.js';
import {buildStatsCollection, type StatsFixture} from './build-collection.js';

const DAY = 86400;
const nowMs = Date.UTC(2026, 10, 20, 15, 30);
const now = nowMs / 1000;
const nextDayAt = Date.UTC(2026, 10, 20, 18) / 1000; // UTC+10, rollover 4

type Row = Record<string, number | string>;

/** What §A.16 says each row shows, from the raw card, its revlog and its deck names. */
function expectedInfo(db: ReturnType<typeof rawDb>, cardId: number, today: number) {
	const card = db.prepare('SELECT * FROM cards WHERE id = ?').get(cardId) as Row;
	const revlog = db.prepare('SELECT * FROM revlog WHERE cid = ? ORDER BY id').all(cardId) as Row[];
	const rated = revlog.filter((r) => Number(r['ease']) > 0);
	const total = revlog.reduce((s, r) => s + Number(r['time']) / 1000, 0);
	const due = Number(card['odue']) || Number(card['due']);
	const data = String(card['data']).startsWith('{') ? (JSON.parse(String(card['data'])) as {pos?: number}) : {};
	return {
		duePosition: data.pos ?? (Number(card['type']) === 0 ? Number(card['due']) : null),
		added: Math.floor(cardId / 1000),
		firstReview: rated.length ? Math.floor(Number(rated[0]!['id']) / 1000) : null,
		latestReview: rated.length ? Math.floor(Number(rated.at(-1)!['id']) / 1000) : null,
		dueDate: Number(card['type']) === 0 ? null : due > 1e9 ? due : now + (due - today) * DAY,
		interval: card['ivl'],
		ease: card['factor'],
		reviews: card['reps'],
		lapses: card['lapses'],
		totalSecs: rated.length && total ? total : 0,
		averageSecs: rated.length && total ? total / rated.length : 0,
		history: revlog.reverse().map((r) => ({
			time: Math.floor(Number(r['id']) / 1000),
			kind: r['type'],
			rating: r['ease'],
			intervalSecs: Number(r['ivl']) > 0 ? Number(r['ivl']) * DAY : -Number(r['ivl']),
			ease: r['factor'],
			takenSecs: Number(r['time']) / 1000,
		})),
	};
}

/** Times are sums of floats: compared to the last few digits. */
function withTimes(want: ReturnType<typeof expectedInfo>) {
	return {...want, averageSecs: expect.closeTo(want.averageSecs, 6), totalSecs: expect.closeTo(want.totalSecs, 6)};
}

for (const fsrs of [false, true]) {
	describe(`card info, ${fsrs ? 'FSRS' : 'SM-2'}`, () => {
		let fixture: StatsFixture;
		let picks: Record<string, number>;
		let expected: Record<string, ReturnType<typeof expectedInfo>>;
		let infos: Record<string, CardInfo>;
		beforeAll(() => {
			fixture = buildStatsCollection({schema: 18, nowMs, nextDayAt, minutesWest: -600, rollover: 4, fsrs, seed: 21});
			const raw = rawDb(fixture.file);
			const one = (sql: string) => (raw.prepare(sql).get() as {id: number}).id;
			picks = {
				// The card with the longest history, a new card, a card sitting in the filtered deck.
				reviewed: one('SELECT cid AS id FROM revlog WHERE cid IN (SELECT id FROM cards) GROUP BY cid ORDER BY count(*) DESC LIMIT 1'),
				fresh: one('SELECT id FROM cards WHERE type = 0 LIMIT 1'),
				filtered: one(`SELECT id FROM cards WHERE did = ${fixture.decks.filtered} LIMIT 1`),
			};
			if (fsrs) picks['stateful'] = one(`SELECT id FROM cards WHERE data LIKE '%"s"%' AND data NOT LIKE '%lrt%' LIMIT 1`);
			expected = Object.fromEntries(Object.entries(picks).map(([k, id]) => [k, expectedInfo(raw, id, fixture.today)]));
			raw.close();
			const col = openCollection(fixture.file, {readOnly: true});
			infos = Object.fromEntries(Object.entries(picks).map(([k, id]) => [k, cardInfo(col, id, {nowMs, minutesWest: -600})!]));
			expect(cardInfo(col, 42, {nowMs})).toBeNull();
			col.close();
		});
		afterAll(() => fixture.cleanup());

		it('gives every row of Anki card info for a card with a history, and the history newest first', () => {
			const info = infos['reviewed']!;
			expect(info).toMatchObject(withTimes(expected['reviewed']!));
			expect(info.history.length).toBeGreaterThan(3);
			expect(info.cardId).toBe(picks['reviewed']);
			expect(info.notetype).toBe('Basic (and reversed card)');
			expect(['Card 1', 'Card 2']).toContain(info.cardType);
			expect(info.preset).toBe('Default');
			expect(info.fsrs).toBe(fsrs);
		});

		it('shows a new card by its position, without a due date', () => {
			const info = infos['fresh']!;
			expect(info).toMatchObject(withTimes(expected['fresh']!));
			expect(info.dueDate).toBeNull();
			expect(info.duePosition).not.toBeNull();
		});

		it('names the filtered deck and the home deck of a card in a filtered deck, and dates it by its original due', () => {
			const info = infos['filtered']!;
			expect(info.deck).toBe('Filtered');
			expect(['Lang', 'Lang::Verbs', 'Other']).toContain(info.originalDeck);
			expect(info.dueDate).toBe(expected['filtered']!.dueDate);
		});

		if (fsrs) {
			it('computes retrievability from the last rated answer when the card has no last-review time', () => {
				const info = infos['stateful']!;
				const raw = rawDb(fixture.file);
				const data = JSON.parse((raw.prepare('SELECT data FROM cards WHERE id = ?').get(picks['stateful']) as {data: string}).data);
				const last = raw.prepare('SELECT max(id) AS m FROM revlog WHERE cid = ? AND ease BETWEEN 1 AND 4 AND NOT (type = 3 AND factor = 0)').get(picks['stateful']) as {m: number | null};
				raw.close();
				const decay = data.decay ?? 0.5;
				const elapsedDays = (now - Math.floor((last.m ?? 0) / 1000)) / DAY;
				const r = Math.pow(1 + ((Math.pow(0.9, -1 / decay) - 1) * elapsedDays) / data.s, -decay);
				expect(info.memory!.stability).toBe(data.s);
				expect(info.memory!.difficulty).toBe(data.d);
				expect(info.memory!.retrievability).toBeCloseTo(r, 5);
				expect(info.desiredRetention).toBe(0.9);
			});
		}
	});
}

describe.skipIf(!noticeIfNoShared())('card info on a real Anki collection', () => {
	it('matches the card rows and revlog of legacy-mode-anki21.colpkg', async () => {
		const {file, cleanup} = await extractEntry(sharedFile('legacy-mode-anki21.colpkg'), 'collection.anki21');
		try {
			const raw = rawDb(file);
			const id = (raw.prepare('SELECT cid FROM revlog GROUP BY cid ORDER BY count(*) DESC LIMIT 1').get() as {cid: number}).cid;
			const crt = (raw.prepare('SELECT crt FROM col').get() as {crt: number}).crt;
			// This collection was made at UTC+8 with a 4 am rollover; its today is counted in whole local days.
			const localDay = (secs: number) => Math.floor((secs + 480 * 60) / DAY);
			const today = localDay(now) - localDay(crt) - ((now + 480 * 60) % DAY < 4 * 3600 ? 1 : 0);
			const want = expectedInfo(raw, id, today);
			raw.close();
			const col = openCollection(file, {readOnly: true});
			const info = cardInfo(col, id, {nowMs, minutesWest: -480})!;
			col.close();
			expect(info).toMatchObject(withTimes(want));
			expect(info.history.length).toBeGreaterThan(2);
			expect(info.deck).not.toBe('');
		} finally {
			cleanup();
		}
	});
});
