// The statistics report on real collections made by Anki (schema 11 on the v1 and v2 schedulers,
// schema 14, schema 18), against SQL written from the reference, with the clock set just after
// each file's last review so that every window holds answers.
import {afterAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {statsReport} from '../../source/core/stats/report.js';
import {periods} from '../../source/core/stats/period.js';
import {extractEntry, rawDb} from '../collection/helpers.js';
import {copyToTemp, noticeIfNoShared, sharedFile} from '../helpers/shared.js';
import {expectedStats} from './expected.js';
import type Database from 'better-sqlite3';

const DAY = 86400;

function rawConfig(db: Database.Database, key: string): unknown {
	const schema = (db.prepare('SELECT ver FROM col').get() as {ver: number}).ver;
	if (schema < 14) {
		const conf = (db.prepare('SELECT conf FROM col').get() as {conf: string}).conf;
		return conf ? (JSON.parse(conf) as Record<string, unknown>)[key] : undefined;
	}
	const row = db.prepare('SELECT val FROM config WHERE key = ?').get(key) as {val: Buffer} | undefined;
	return row ? JSON.parse(row.val.toString('utf8')) : undefined;
}

/** The day rules of reference sched.md §3, written out with calendar dates in fixed offsets. */
function referenceDay(crt: number, now: number, minutesWest: number, rollover: number, creationOffset: number | undefined, schedVer: number | undefined) {
	if (!schedVer || schedVer < 2) {
		const today = Math.floor((now - crt) / DAY);
		return {today, nextDayAt: crt + (today + 1) * DAY};
	}
	const localDate = (secs: number, west: number) => Math.floor((secs - west * 60) / DAY);
	const rolloverToday = localDate(now, minutesWest) * DAY + minutesWest * 60 + rollover * 3600;
	const passed = rolloverToday <= now;
	const nextDayAt = passed ? rolloverToday + DAY : rolloverToday;
	if (creationOffset === undefined) {
		const crtAtRollover = localDate(crt, minutesWest) * DAY + minutesWest * 60 + rollover * 3600;
		return {today: Math.max(0, Math.floor((now - crtAtRollover) / DAY)), nextDayAt};
	}
	return {today: Math.max(0, localDate(now, minutesWest) - localDate(crt, creationOffset) - (passed ? 0 : 1)), nextDayAt};
}

const sources: Array<{name: string; file: () => Promise<{file: string; cleanup: () => void}>}> = [
	{name: 'legacy-mode-anki21.colpkg (schema 11, v2)', file: () => extractEntry(sharedFile('legacy-mode-anki21.colpkg'), 'collection.anki21')},
	{name: 'anki2-random-reviews.apkg (schema 11, v1)', file: () => extractEntry(sharedFile('anki2-random-reviews.apkg'), 'collection.anki2')},
	{name: 'schema14-japanese-furigana.anki2', file: async () => copyToTemp(sharedFile('schema14-japanese-furigana.anki2'))},
	{name: 'schema18-two-decks.anki2', file: async () => copyToTemp(sharedFile('schema18-two-decks.anki2'))},
];

describe.skipIf(!noticeIfNoShared())('stats report on real Anki collections', () => {
	const cleanups: Array<() => void> = [];
	afterAll(() => cleanups.forEach((c) => c()));

	for (const source of sources) {
		it(`${source.name}: every number matches the reference in every period, for the collection and its largest deck`, async () => {
			const {file, cleanup} = await source.file();
			cleanups.push(cleanup);
			const raw = rawDb(file);
			const lastReview = Math.floor((raw.prepare('SELECT max(id) AS m FROM revlog').get() as {m: number}).m / 1000);
			const now = lastReview + 6 * 3600;
			const crt = (raw.prepare('SELECT crt FROM col').get() as {crt: number}).crt;
			const creationOffset = rawConfig(raw, 'creationOffset') as number | undefined;
			const minutesWest = creationOffset ?? -60;
			const rollover = (rawConfig(raw, 'rollover') as number | undefined) ?? 4;
			const day = referenceDay(crt, now, minutesWest, rollover, creationOffset, rawConfig(raw, 'schedVer') as number | undefined);
			// The deck holding the most cards, with its subdecks.
			const top = raw.prepare('SELECT did, count(*) AS n FROM cards GROUP BY did ORDER BY n DESC LIMIT 1').get() as {did: number};
			const cases = periods.flatMap((period) => [
				{period, deckId: null, deckIds: null},
				{period, deckId: top.did, deckIds: [top.did]},
			]);
			const wants = cases.map((c) =>
				expectedStats({db: raw, now, nextDayAt: day.nextDayAt, today: day.today, offsetSecs: -minutesWest * 60, rollover, period: c.period, deckIds: c.deckIds}),
			);
			raw.close();
			const col = openCollection(file, {readOnly: true});
			try {
				cases.forEach((c, i) => {
					const want = wants[i]!;
					const report = statsReport(col, {deckId: c.deckId, period: c.period, nowMs: now * 1000, minutesWest});
					const what = `${c.period}, ${c.deckId === null ? 'collection' : 'deck'}`;
					expect(report.nextDayAt, what).toBe(day.nextDayAt);
					expect(report.today, what).toEqual({...want.today, seconds: expect.closeTo(want.today['seconds']!, 6)});
					expect(Object.keys(report.reviews), what).toEqual(Object.keys(want.reviews));
					for (const [key, counts] of Object.entries(want.reviews)) expect(report.reviews[key], what).toEqual({...counts, seconds: expect.closeTo(counts.seconds!, 6)});
					expect(report.reviewsTable, what).toMatchObject({...want.reviewsTable, totalSeconds: expect.closeTo(want.reviewsTable.totalSeconds, 3)});
					expect(report.calendar, what).toMatchObject(want.calendar);
					expect(report.futureDue, what).toEqual(want.futureDue);
					expect(report.futureDueTable, what).toMatchObject(want.futureDueTable);
					expect(report.cardCounts, what).toEqual(want.cardCounts);
					expect(report.intervals, what).toEqual(want.intervals);
					expect(report.ease, what).toEqual(want.ease);
					expect(report.easeTable!.median, what).toBe(want.medianEase);
					expect(report.hourly, what).toEqual(want.hourly);
					expect(report.buttons, what).toEqual(want.buttons);
					expect(report.added, what).toEqual(want.added);
					expect(report.addedTable, what).toEqual(want.addedTable);
					expect(report.trueRetention, what).toEqual(want.trueRetention);
				});
				// The windows hold answers, so the checks above compared real numbers.
				expect(statsReport(col, {period: 'all', nowMs: now * 1000, minutesWest}).reviewsTable.total).toBeGreaterThan(0);
			} finally {
				col.close();
			}
		});
	}
});
