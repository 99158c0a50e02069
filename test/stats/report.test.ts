// The statistics report against SQL written from the reference, on generated collections of schema
// 11 and 18 whose review log is full of edge cases, in three time zones and rollover hours.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {statsReport} from '../../source/core/stats/report.js';
import {periods} from '../../source/core/stats/period.js';
import {rawDb} from '../collection/helpers.js';
import {buildStatsCollection, type StatsFixture} from './build-collection.js';
import {expectedStats} from './expected.js';

// Each zone's next rollover, worked out by hand from the clock, the zone and the rollover hour.
const zones = [
	// 15:30 UTC is 01:30 on the 21st in UTC+10, before the 04:00 rollover: the day ends at 04:00 local = 18:00 UTC on the 20th.
	{name: 'UTC+10, rollover 4', minutesWest: -600, rollover: 4, nextDayAt: Date.UTC(2026, 10, 20, 18) / 1000},
	// 10:30 local in UTC-5, past a midnight rollover: the day ends at midnight local = 05:00 UTC on the 21st.
	{name: 'UTC-5, rollover 0', minutesWest: 300, rollover: 0, nextDayAt: Date.UTC(2026, 10, 21, 5) / 1000},
	// 21:00 local in UTC+5:30, before a 23:00 rollover: the day ends at 23:00 local = 17:30 UTC on the 20th.
	{name: 'UTC+5:30, rollover 23', minutesWest: -330, rollover: 23, nextDayAt: Date.UTC(2026, 10, 20, 17, 30) / 1000},
];
const nowMs = Date.UTC(2026, 10, 20, 15, 30);

for (const schema of [11, 18] as const) {
	for (const zone of zones) {
		describe(`stats report, schema ${schema}, ${zone.name}`, () => {
			let fixture: StatsFixture;
			beforeAll(() => {
				fixture = buildStatsCollection({schema, nowMs, nextDayAt: zone.nextDayAt, minutesWest: zone.minutesWest, rollover: zone.rollover, seed: schema + zone.rollover});
			});
			afterAll(() => fixture.cleanup());

			const scopes = [
				{name: 'whole collection', deck: () => null, ids: () => null},
				{name: 'deck Lang with subdecks and filtered cards from it', deck: () => fixture.decks.lang, ids: () => [fixture.decks.lang, fixture.decks.verbs]},
			];
			for (const scope of scopes) {
				for (const period of periods) {
					it(`${scope.name}, period ${period}: every number matches the reference`, () => {
						// One connection at a time: collections are opened with an exclusive lock, as Anki opens them.
						const raw = rawDb(fixture.file);
						const want = expectedStats({
							db: raw,
							now: nowMs / 1000,
							nextDayAt: zone.nextDayAt,
							today: fixture.today,
							offsetSecs: -zone.minutesWest * 60,
							rollover: zone.rollover,
							period,
							deckIds: scope.ids(),
						});
						raw.close();
						const col = openCollection(fixture.file, {readOnly: true});
						const report = statsReport(col, {deckId: scope.deck(), period, nowMs, minutesWest: zone.minutesWest});
						col.close();
						expect(report.nextDayAt).toBe(zone.nextDayAt);
						expect(report.rolloverHour).toBe(zone.rollover);
						expect(report.today).toEqual({...want.today, seconds: expect.closeTo(want.today['seconds']!, 6)});
						expect(report.today.studied).toBeGreaterThan(0);
						expect(Object.keys(report.reviews)).toEqual(Object.keys(want.reviews));
						for (const [day, counts] of Object.entries(want.reviews)) {
							expect(report.reviews[day]).toEqual({...counts, seconds: expect.closeTo(counts.seconds!, 6)});
						}
						expect(report.reviewsTable).toMatchObject({...want.reviewsTable, totalSeconds: expect.closeTo(want.reviewsTable.totalSeconds, 4)});
						expect(report.calendar.days).toEqual(want.calendar.days);
						expect(report.calendar.currentStreak).toBe(want.calendar.currentStreak);
						expect(report.calendar.longestStreak).toBe(want.calendar.longestStreak);
						expect(report.futureDue).toEqual(want.futureDue);
						expect(report.futureDueTable).toMatchObject(want.futureDueTable);
						expect(report.cardCounts).toEqual(want.cardCounts);
						expect(report.intervals).toEqual(want.intervals);
						expect(report.ease).toEqual(want.ease);
						expect(report.easeTable!.median).toBe(want.medianEase);
						expect(report.hourly).toEqual(want.hourly);
						expect(report.buttons).toEqual(want.buttons);
						expect(report.added).toEqual(want.added);
						expect(report.addedTable).toEqual(want.addedTable);
						expect(report.trueRetention).toEqual(want.trueRetention);
					});
				}
			}
		});
	}
}
