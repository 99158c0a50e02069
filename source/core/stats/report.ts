// Every number of Anki's statistics page for a deck (with subdecks) or the whole collection, over one
// period, as plain data: the maps each graph draws and the tables under them, with the same windows
// and roundings as Anki's page (ts/routes/graphs/*.ts). JSON output and the stats screen both read
// this, so they always agree.
import type {Collection} from '../collection/types.js';
import {addedByDay, cardStats, easeFactors, futureDue, type CardCounts} from './card-graphs.js';
import {statsContext, type StatsContext, type StatsOptions} from './context.js';
import {memoryStats} from './memory-graphs.js';
import {daysAgo, type Period} from './period.js';
import {hourly, revlogStats, type ButtonCounts, type DayReviews, type HourStats, type TodayStats, type TrueRetention} from './revlog-graphs.js';

const DAY = 86400;

/** Keys are whole numbers as strings (JSON object keys), sorted ascending by number. */
export type DayMap<T> = Record<string, T>;

export interface FutureDueTable {
	/** Days shown: from the oldest overdue day (or today) to the period's end. */
	from: number;
	to: number;
	total: number;
	averagePerDay: number;
	dueTomorrow: number;
	dailyLoad: number;
	hasBacklog: boolean;
}

export interface Calendar {
	/** Reviews per local calendar date (YYYY-MM-DD) over the period, days without reviews left out. */
	days: Record<string, number>;
	/** First and last date of the period (today's date last). */
	from: string;
	to: string;
	/** Anki's `firstDayOfWeek` preference: 0 Sunday (default), 1 Monday, 5 Friday, 6 Saturday. */
	firstDayOfWeek: number;
	/** Days in a row with a review, up to today (or up to yesterday while today has none yet). */
	currentStreak: number;
	longestStreak: number;
}

export interface ReviewsTable {
	daysStudied: number;
	periodDays: number;
	total: number;
	totalSeconds: number;
	/** Reviews a day over the period and over the days studied (rounded, as shown). */
	averagePerDay: number;
	averageForDaysStudied: number;
	/** Minutes a day over the period and over the days studied (rounded, as shown). */
	averageMinutesPerDay: number;
	averageMinutesForDaysStudied: number;
	averageAnswerSeconds: number;
	cardsPerMinute: number;
}

export interface ButtonsTable {
	learning: {correct: number; total: number; percent: number};
	young: {correct: number; total: number; percent: number};
	mature: {correct: number; total: number; percent: number};
}

export interface StatsReport {
	/** The deck (with its subdecks), or null for the whole collection. */
	deck: string | null;
	period: Period;
	/** FSRS on: difficulty, stability and retrievability are shown; off: ease. */
	fsrs: boolean;
	rolloverHour: number;
	/** Epoch secs of the next rollover; every day key is counted from it. */
	nextDayAt: number;
	today: TodayStats;
	/** Cards due per day from today (negative: overdue). */
	futureDue: DayMap<number>;
	futureDueTable: FutureDueTable;
	calendar: Calendar;
	/** Reviews per day ago (0 = today). */
	reviews: DayMap<DayReviews>;
	reviewsTable: ReviewsTable;
	cardCounts: CardCounts;
	/** Review and relearning cards by interval (days). */
	intervals: DayMap<number>;
	intervalsTable: {cards: number; median: number; percentile95: number};
	/** SM-2 only: cards by ease in percent. */
	ease?: DayMap<number>;
	easeTable?: {cards: number; median: number};
	/** FSRS only: cards by difficulty percent, stability days and retrievability percent. */
	difficulty?: DayMap<number>;
	difficultyTable?: {cards: number; median: number};
	stability?: DayMap<number>;
	stabilityTable?: {cards: number; median: number; percentile95: number};
	retrievability?: DayMap<number>;
	retrievabilityTable?: {cards: number; average: number; knownCards: number; knownNotes: number};
	/** Answers by hour of the day (local time), 24 entries. */
	hourly: HourStats[];
	buttons: ButtonCounts;
	buttonsTable: ButtonsTable;
	/** Cards added per day ago (0 = today). */
	added: DayMap<number>;
	addedTable: {total: number; averagePerDay: number};
	trueRetention: TrueRetention;
}

function sortedRecord<T>(entries: Iterable<[number, T]>): DayMap<T> {
	const out: DayMap<T> = {};
	for (const [key, value] of [...entries].sort((a, b) => a[0] - b[0])) out[String(key)] = value;
	return out;
}

/** The value at a 0-based rank of values given as value → count (ranks in ascending order). */
function valueAtRank(counts: Map<number, number>, rank: number): number {
	let seen = 0;
	let last = 0;
	for (const value of [...counts.keys()].sort((a, b) => a - b)) {
		seen += counts.get(value)!;
		last = value;
		if (rank < seen) return value;
	}
	return last;
}

function countOf(map: Map<number, number>): number {
	let n = 0;
	for (const v of map.values()) n += v;
	return n;
}

/** d3's `quantile` (R-7: linear between the closest ranks) over values given as value → count. */
export function quantileOfCounts(counts: Map<number, number>, p: number): number {
	const n = countOf(counts);
	if (n === 0) return 0;
	const i = (n - 1) * p;
	const lo = Math.floor(i);
	const low = valueAtRank(counts, lo);
	return lo + 1 < n ? low + (valueAtRank(counts, lo + 1) - low) * (i - lo) : low;
}

/** Anki's median (stats/graphs/eases.rs): the middle value, or the mean of the middle two. */
function medianOfCounts(counts: Map<number, number>): number {
	const n = countOf(counts);
	if (n === 0) return 0;
	return (valueAtRank(counts, Math.floor((n - 1) / 2)) + valueAtRank(counts, Math.floor(n / 2))) / 2;
}

function percent(part: number, whole: number): number {
	return whole === 0 ? 0 : (part / whole) * 100;
}

function futureDueSection(ctx: StatsContext, showBacklog: boolean, dailyLoad: number): {map: DayMap<number>; table: FutureDueTable} {
	const due = futureDue(ctx);
	const shown = [...due.byDay].filter(([day]) => showBacklog || day >= 0);
	const keys = shown.map(([day]) => day);
	const from = keys.length === 0 ? 0 : showBacklog ? Math.min(...keys) : 0;
	const to = ctx.windows.futureDueTo ?? (keys.length === 0 ? 0 : Math.max(...keys));
	const inRange = shown.filter(([day]) => day >= from && day <= to);
	const total = inRange.reduce((sum, [, n]) => sum + n, 0);
	const span = to - from;
	return {
		map: sortedRecord(inRange),
		table: {
			from,
			to,
			total,
			averagePerDay: span > 0 ? Math.round(total / span) : total,
			dueTomorrow: due.byDay.get(1) ?? 0,
			dailyLoad,
			hasBacklog: due.hasBacklog,
		},
	};
}

/** The local calendar date of a relative day, placed as Anki's calendar places it (minus the rollover hours). */
export function calendarDate(ctx: StatsContext, relativeDay: number): string {
	const secs = ctx.now + relativeDay * DAY - ctx.rolloverHour * 3600 + ctx.utcOffsetSecs;
	return new Date(secs * 1000).toISOString().slice(0, 10);
}

function streaks(daysWithReviews: Iterable<number>): {current: number; longest: number} {
	const days = new Set(daysWithReviews);
	let longest = 0;
	for (const day of days) {
		if (days.has(day + 1)) continue; // not the start (oldest day) of a run
		let length = 1;
		while (days.has(day - length)) length++;
		longest = Math.max(longest, length);
	}
	let current = 0;
	const start = days.has(0) ? 0 : days.has(1) ? 1 : null;
	if (start !== null) while (days.has(start + current)) current++;
	return {current, longest};
}

function reviewsSection(ctx: StatsContext, byDay: Map<number, DayReviews>, daysWithAnswers: number[], firstDayOfWeek: number): {map: DayMap<DayReviews>; table: ReviewsTable; calendar: Calendar} {
	const oldest = byDay.size === 0 ? 0 : Math.max(...byDay.keys());
	const lastDayAgo = ctx.windows.reviewsFrom === null ? oldest : -ctx.windows.reviewsFrom;
	const inRange = [...byDay].filter(([ago]) => ago >= 0 && ago <= lastDayAgo);
	let total = 0;
	let totalSeconds = 0;
	const days: Record<string, number> = {};
	for (const [ago, day] of inRange.sort((a, b) => b[0] - a[0])) {
		const count = day.learn + day.review + day.relearn + day.filtered;
		total += count;
		totalSeconds += day.seconds;
		days[calendarDate(ctx, -ago)] = count;
	}
	const periodDays = lastDayAgo + 1;
	const daysStudied = inRange.length;
	const round = Math.round;
	const streak = streaks(daysWithAnswers);
	return {
		map: sortedRecord(inRange),
		table: {
			daysStudied,
			periodDays,
			total,
			totalSeconds,
			averagePerDay: round(total / periodDays),
			averageForDaysStudied: daysStudied ? round(total / daysStudied) : 0,
			averageMinutesPerDay: round(totalSeconds / 60 / periodDays),
			averageMinutesForDaysStudied: daysStudied ? round(totalSeconds / 60 / daysStudied) : 0,
			averageAnswerSeconds: total ? totalSeconds / total : 0,
			cardsPerMinute: totalSeconds ? (total * 60) / totalSeconds : 0,
		},
		calendar: {
			days,
			from: calendarDate(ctx, -lastDayAgo),
			to: calendarDate(ctx, 0),
			firstDayOfWeek,
			currentStreak: streak.current,
			longestStreak: streak.longest,
		},
	};
}

function addedSection(ctx: StatsContext): {map: DayMap<number>; table: {total: number; averagePerDay: number}} {
	const from = ctx.windows.addedFrom;
	const added = addedByDay(ctx, from === null ? undefined : -from);
	const lastDayAgo = from === null ? (added.size === 0 ? 0 : Math.max(...added.keys())) : -from;
	const inRange = [...added].filter(([ago]) => ago >= 0 && ago <= lastDayAgo);
	const total = inRange.reduce((sum, [, n]) => sum + n, 0);
	// Anki divides by |xMin| although the range holds one day more (today).
	return {map: sortedRecord(inRange), table: {total, averagePerDay: Math.round(total / Math.max(1, lastDayAgo))}};
}

function buttonsTable(counts: ButtonCounts): ButtonsTable {
	const group = (presses: number[]) => {
		const total = presses.reduce((a, b) => a + b, 0);
		const correct = total - presses[0]!;
		return {correct, total, percent: percent(correct, total)};
	};
	return {learning: group(counts.learning), young: group(counts.young), mature: group(counts.mature)};
}

/** Anki accepts Sunday, Monday, Friday and Saturday; anything else reads as Sunday. */
function firstDayOfWeek(col: Collection): number {
	let value: unknown;
	try {
		value = col.adapter.getConfig('firstDayOfWeek');
	} catch {
		return 0;
	}
	return value === 1 || value === 5 || value === 6 ? value : 0;
}

function configBool(col: Collection, key: string, fallback: boolean): boolean {
	try {
		const value = col.adapter.getConfig(key);
		return typeof value === 'boolean' ? value : fallback;
	} catch {
		return fallback;
	}
}

/** Reads only; Anki's own page may rewrite `localOffset` as a side effect, this never writes. */
export function statsReport(col: Collection, options: StatsOptions): StatsReport {
	const ctx = statsContext(col, options);
	const cards = cardStats(ctx);
	const future = futureDueSection(ctx, configBool(col, 'futureDueShowBacklog', true), cards.dailyLoad);
	const revlog = revlogStats(ctx);
	const reviews = reviewsSection(ctx, revlog.byDay, revlog.daysWithAnswers, firstDayOfWeek(col));
	const added = addedSection(ctx);
	const ivls = cards.intervals;
	const report: StatsReport = {
		deck: ctx.deckName,
		period: ctx.period,
		fsrs: ctx.fsrs,
		rolloverHour: ctx.rolloverHour,
		nextDayAt: ctx.nextDayAt,
		today: revlog.today,
		futureDue: future.map,
		futureDueTable: future.table,
		calendar: reviews.calendar,
		reviews: reviews.map,
		reviewsTable: reviews.table,
		cardCounts: cards.counts,
		intervals: sortedRecord(ivls),
		intervalsTable: {cards: countOf(ivls), median: Math.round(quantileOfCounts(ivls, 0.5)), percentile95: quantileOfCounts(ivls, 0.95)},
		hourly: hourly(ctx),
		buttons: revlog.buttons,
		buttonsTable: buttonsTable(revlog.buttons),
		added: added.map,
		addedTable: added.table,
		trueRetention: revlog.trueRetention,
	};
	if (ctx.fsrs) {
		const memory = memoryStats(ctx);
		report.difficulty = sortedRecord(memory.difficulty);
		report.difficultyTable = {cards: memory.cards, median: memory.medianDifficulty};
		report.stability = sortedRecord(memory.stability);
		report.stabilityTable = {
			cards: memory.cards,
			median: Math.round(quantileOfCounts(memory.stability, 0.5)),
			percentile95: quantileOfCounts(memory.stability, 0.95),
		};
		report.retrievability = sortedRecord(memory.retrievability);
		report.retrievabilityTable = {cards: memory.cards, average: memory.averageRetrievability, knownCards: memory.knownCards, knownNotes: memory.knownNotes};
	} else {
		const factors = easeFactors(ctx);
		const byPercent = new Map<number, number>();
		for (const [factor, n] of factors) byPercent.set(Math.trunc(factor / 10), (byPercent.get(Math.trunc(factor / 10)) ?? 0) + n);
		report.ease = sortedRecord(byPercent);
		report.easeTable = {cards: countOf(factors), median: medianOfCounts(factors) / 10};
	}
	return report;
}
