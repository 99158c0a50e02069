// FSRS statistics (difficulty, stability, retrievability) against the reference's formulas
// (stats-and-study.md §A.9, A.10), worked out in the test from the raw `cards.data` of a generated
// collection whose cards carry memory states with and without a last-review time.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {CardStateRow} from '../../source/core/stats/memory-graphs.js';
import {statsReport, type StatsReport} from '../../source/core/stats/report.js';
import {rawDb} from '../collection/helpers.js';
import {buildStatsCollection, type StatsFixture} from './build-collection.js';

const DAY = 86400;
const nowMs = Date.UTC(2026, 10, 20, 15, 30);
const nextDayAt = Date.UTC(2026, 10, 20, 18) / 1000; // UTC+10, rollover 4

type Row = CardStateRow;

describe('FSRS statistics', () => {
	let fixture: StatsFixture;
	let report: StatsReport;
	let rows: Row[];
	let noteCards: Map<number, number>;
	beforeAll(() => {
		fixture = buildStatsCollection({schema: 18, nowMs, nextDayAt, minutesWest: -600, rollover: 4, fsrs: true, seed: 5});
		const raw = rawDb(fixture.file);
		rows = (raw.prepare('SELECT id, nid, data, type, queue, due, odue, odid, ivl FROM cards ORDER BY id').all() as Row[]).filter((r) => r.data.includes('"s"'));
		noteCards = new Map((raw.prepare('SELECT nid, count(*) FROM cards GROUP BY nid').raw().all() as number[][]).map(([nid, n]) => [nid!, n!]));
		raw.close();
		const col = openCollection(fixture.file, {readOnly: true});
		report = statsReport(col, {period: '1m', nowMs, minutesWest: -600});
		col.close();
	});
	afterAll(() => fixture.cleanup());

	const now = nowMs / 1000;
	const today = 999;
	/**
	 * Reference A.10: the time since the last review, from lrt, else from a day due and the interval,
	 * else the learning timestamp. Anki keeps it in a u32 of seconds, so a card due further out than
	 * its interval (a moved due date) wraps round to about 136 years and shows as nearly forgotten.
	 */
	const elapsedDays = (r: Row, data: {lrt?: number}): number => {
		const due = r.odid ? r.odue : r.due;
		let secs: number;
		if (data.lrt !== undefined) secs = now - data.lrt;
		else if (due <= 365_000) secs = (today - due + r.ivl) * DAY;
		else secs = now - due;
		return (secs < 0 ? secs + 2 ** 32 : secs) / DAY;
	};
	const retrievability = (r: Row) => {
		const data = JSON.parse(r.data) as {s: number; d: number; lrt?: number; decay?: number};
		const decay = data.decay ?? 0.5;
		const factor = Math.pow(0.9, -1 / decay) - 1;
		return Math.pow(1 + (factor * elapsedDays(r, data)) / data.s, -decay);
	};

	it('shows FSRS graphs instead of ease, for the cards that have a memory state', () => {
		expect(report.fsrs).toBe(true);
		expect(report.ease).toBeUndefined();
		expect(rows.length).toBeGreaterThan(40);
		expect(report.difficultyTable!.cards).toBe(rows.length);
		expect(rows.some((r) => !r.data.includes('lrt'))).toBe(true);
	});

	it('bins difficulty as whole percent of the 1-10 range, with its median', () => {
		const want = new Map<number, number>();
		const values: number[] = [];
		// Anki keeps difficulty in an f32: (d - 1) / 9 and the percent are f32 operations.
		const f32 = Math.fround;
		for (const r of rows) {
			const d = f32(f32(f32(JSON.parse(r.data).d) - 1) / 9);
			values.push(d);
			const bin = Math.min(99, Math.floor(f32(d * 100)));
			want.set(bin, (want.get(bin) ?? 0) + 1);
		}
		expect(report.difficulty).toEqual(Object.fromEntries([...want].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v])));
		values.sort((a, b) => a - b);
		const mid = values.length >> 1;
		const median = values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
		expect(report.difficultyTable!.median).toBeCloseTo(median * 100, 3);
	});

	it('bins stability by rounded days', () => {
		const want = new Map<number, number>();
		for (const r of rows) {
			const s = Math.round(JSON.parse(r.data).s);
			want.set(s, (want.get(s) ?? 0) + 1);
		}
		expect(report.stability).toEqual(Object.fromEntries([...want].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v])));
	});

	it('computes retrievability now, its average and the estimated total knowledge', () => {
		const rs = rows.map(retrievability);
		const want = new Map<number, number>();
		for (const r of rs) want.set(Math.min(99, Math.floor(r * 100)), (want.get(Math.min(99, Math.floor(r * 100))) ?? 0) + 1);
		expect(report.retrievability).toEqual(Object.fromEntries([...want].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v])));
		const sum = rs.reduce((a, b) => a + b, 0);
		expect(report.retrievabilityTable!.average).toBeCloseTo((sum * 100) / rs.length, 2);
		expect(report.retrievabilityTable!.knownCards).toBeCloseTo(sum, 2);
		// Every card of a note counts in its mean, cards without a state as 0.
		const byNote = new Map<number, number>();
		rows.forEach((r, i) => byNote.set(r.nid, (byNote.get(r.nid) ?? 0) + rs[i]!));
		const notes = [...byNote].reduce((acc, [nid, s]) => acc + s / noteCards.get(nid)!, 0);
		expect(report.retrievabilityTable!.knownNotes).toBeCloseTo(notes, 2);
		expect(report.retrievabilityTable!.knownNotes).toBeLessThan(report.retrievabilityTable!.knownCards);
	});
});
