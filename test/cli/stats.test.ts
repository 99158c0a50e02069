// `anki-tui stats`: the JSON every script relies on, the text summary, the time zone taken from the
// environment, and one-line errors for a wrong period or deck.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {statsReport} from '../../source/core/stats/report.js';
import {buildStatsCollection, type StatsFixture} from '../stats/build-collection.js';
import {copyToTemp, noticeIfNoShared, sharedFile} from '../helpers/shared.js';
import {runCli} from './run-cli.js';

describe('stats command', () => {
	let fixture: StatsFixture;
	beforeAll(() => {
		const nowMs = Date.now();
		// A rollover at the next whole hour is enough here: the checks below do not depend on the day.
		fixture = buildStatsCollection({schema: 18, nowMs, nextDayAt: Math.ceil(nowMs / 3_600_000) * 3600, minutesWest: 0, rollover: 4});
	});
	afterAll(() => fixture.cleanup());

	it('--json holds every section with the documented keys', () => {
		const result = runCli(['stats', fixture.file, '--json']);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const json = JSON.parse(result.stdout);
		expect(Object.keys(json.today).sort()).toEqual(['again', 'correct', 'filtered', 'learn', 'matureCorrect', 'matureTotal', 'relearn', 'review', 'seconds', 'studied'].sort());
		expect(Object.keys(json.cardCounts).sort()).toEqual(['buried', 'learning', 'mature', 'new', 'relearning', 'suspended', 'total', 'young'].sort());
		for (const key of ['futureDue', 'reviews', 'hourly', 'buttons', 'added', 'intervals', 'trueRetention', 'calendar', 'ease']) expect(json).toHaveProperty(key);
		expect(json.period).toBe('1m');
		expect(json.deck).toBeNull();
		expect(json.hourly).toHaveLength(24);
		for (const [day, counts] of Object.entries(json.reviews)) {
			expect(Number(day)).toBeGreaterThanOrEqual(0);
			expect(Number(day)).toBeLessThanOrEqual(30);
			expect(Object.keys(counts as object).sort()).toEqual(['filtered', 'learn', 'mature', 'relearn', 'review', 'seconds', 'young']);
		}
		for (const day of Object.keys(json.futureDue)) expect(Number(day)).toBeLessThanOrEqual(31);
		const col = openCollection(fixture.file, {readOnly: true});
		const direct = statsReport(col, {period: '1m'});
		col.close();
		expect(json.cardCounts).toEqual(direct.cardCounts);
		expect(json.intervals).toEqual(direct.intervals);
	});

	it('--deck and --period narrow the report', () => {
		const result = runCli(['stats', fixture.file, '--json', '--deck', 'lang', '--period', '1y']);
		expect(result.status).toBe(0);
		const json = JSON.parse(result.stdout);
		expect(json.deck).toBe('Lang');
		expect(json.period).toBe('1y');
		const whole = JSON.parse(runCli(['stats', fixture.file, '--json', '--period', '1y']).stdout);
		expect(json.cardCounts.total).toBeLessThan(whole.cardCounts.total);
		expect(Math.max(...Object.keys(json.reviews).map(Number))).toBeGreaterThan(30);
	});

	it('prints a readable summary with every section', () => {
		const result = runCli(['stats', fixture.file, '--no-color']);
		expect(result.status).toBe(0);
		for (const title of ['Today', 'Future Due', 'Calendar', 'Reviews', 'Card Counts', 'Review Intervals and Card Ease', 'Hourly Breakdown', 'Answer Buttons', 'Added', 'True Retention']) {
			expect(result.stdout).toContain(`\n${title}\n`);
		}
		expect(result.stdout).toMatch(/^Statistics: whole collection, 1 month\n/);
		expect(result.stdout).not.toContain('\u001B[');
	});

	it('rejects an unknown period or deck with one line and exit code 64', () => {
		const period = runCli(['stats', fixture.file, '--period', '2w']);
		expect(period.status).toBe(64);
		expect(period.stderr).toBe("anki-tui: --period 2w: use one of 1m, 3m, 1y, all (1 month, 3 months, 1 year, the deck's life).\n");
		const deck = runCli(['stats', fixture.file, '--deck', 'Nope']);
		expect(deck.status).toBe(64);
		expect(deck.stderr).toMatch(/^anki-tui: No deck named "Nope"\. Decks: .*\n$/);
		expect(deck.stdout).toBe('');
	});
});

describe.skipIf(!noticeIfNoShared())('stats command on a real collection', () => {
	it('counts hours in the time zone of the environment (TZ)', () => {
		const {file, cleanup} = copyToTemp(sharedFile('schema14-japanese-furigana.anki2'));
		try {
			const col = openCollection(file, {readOnly: true});
			// India has no daylight saving: 330 minutes east all year; Tokyo 540.
			const india = statsReport(col, {period: 'all', minutesWest: -330}).hourly;
			const tokyo = statsReport(col, {period: 'all', minutesWest: -540}).hourly;
			col.close();
			expect(india).not.toEqual(tokyo);
			expect(JSON.parse(runCli(['stats', file, '--json', '--period', 'all'], {TZ: 'Asia/Kolkata'}).stdout).hourly).toEqual(india);
			expect(JSON.parse(runCli(['stats', file, '--json', '--period', 'all'], {TZ: 'Asia/Tokyo'}).stdout).hourly).toEqual(tokyo);
		} finally {
			cleanup();
		}
	});
});
