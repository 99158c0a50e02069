// The statistics drawn from the review log (rslib stats/graphs/{today,reviews,hours,buttons,
// retention}.rs). One grouped query reads every row in scope once; each graph is then summed from
// its few thousand groups. Day keys are whole days before the next rollover (`next_day_at`), never
// calendar dates, so DST does not move them, as in Anki.
import type {StatsContext} from './context.js';
import {daysAgo} from './period.js';

const DAY = 86400;
/** Keeps packed day keys positive (reviews up to 2,700 years before today). */
const DAY_OFFSET = 1_000_000;

/** Revlog rows that share everything the graphs look at. */
interface RevlogGroup {
	/** Anki's review day key: trunc((secs - next_day_at) / 86400), 0 = today, -1 = yesterday. */
	day: number;
	/** Whole days between the row and the next rollover, floor-based (0 = today); -1 for rows at or after it. */
	age: number;
	/** Revlog type as Anki reads it: anything but 1-5 reads as 0 (Learning). */
	kind: number;
	ease: number;
	/** lastIvl ≥ 21 days. */
	mature: boolean;
	/** lastIvl of a day or more (or a negative one of a day or more, in seconds): counts for true retention. */
	interday: boolean;
	/** factor 0: with type 3, a cramming (preview) answer. */
	zeroFactor: boolean;
	count: number;
	ms: number;
}

/**
 * What the graphs need of a row besides its time, packed into 9 bits: type and ease (3 bits each,
 * as `& 7`; Anki reads a type other than 1-5 as Learning, and no Anki writes a type or an ease above
 * 5), lastIvl as learning / interday / mature, and factor 0. Bit operations cost SQLite far less
 * than CASE or min().
 */
const SUB_KEY = `((((type & 7) * 8 + (ease & 7)) * 4 + (lastIvl >= 21) + (lastIvl >= 1 OR lastIvl <= -${DAY})) * 2 + (factor = 0))`;

function unpack(sub: number, day: number, age: number, count: number, ms: number): RevlogGroup {
	const type = (sub >> 6) & 7;
	return {
		day,
		age,
		kind: type >= 1 && type <= 5 ? type : 0,
		ease: (sub >> 3) & 7,
		mature: ((sub >> 1) & 3) === 2,
		interday: ((sub >> 1) & 3) >= 1,
		zeroFactor: (sub & 1) === 1,
		count,
		ms,
	};
}

/**
 * Every row in scope, grouped by review day and SUB_KEY in one integer (SQLite sorts one integer
 * much faster than several columns). The windows of the other graphs compare
 * `secs >= next_day_at - n days` where the review day truncates, so the rows in the very second of
 * a rollover, and rows after the next rollover, are read again (by rowid, a few thousand lookups at
 * most) and moved to the window they belong to, as groups with negative counts.
 */
function revlogGroups(ctx: StatsContext): RevlogGroup[] {
	const nda = ctx.nextDayAt;
	const db = ctx.col.db;
	// Rows older than the period's year are in no graph but the streaks (olderAnswerDays).
	const fetched = ctx.revlogFromMs > 0 ? `id >= ${ctx.revlogFromMs} AND ` : '';
	const main = db
		.prepare(`SELECT ((id / 1000 - ${nda}) / ${DAY} + ${DAY_OFFSET}) * 512 + ${SUB_KEY}, count(*), total(time) FROM revlog WHERE ${fetched}${ctx.revlogScope} GROUP BY 1`)
		.raw()
		.all() as number[][];
	const groups: RevlogGroup[] = [];
	for (const [key, count, ms] of main) {
		const day = Math.floor(key! / 512) - DAY_OFFSET;
		// Days after today are after the next rollover; day 0 is corrected below for the rows after it.
		groups.push(unpack(key! % 512, day, day > 0 ? -1 : -day, count!, ms!));
	}
	const oldest = (db.prepare('SELECT min(id) FROM revlog').raw().get() as [number | null])[0];
	if (oldest === null) return groups;
	const edges = db
		.prepare(
			`WITH RECURSIVE edge(t) AS (SELECT ${nda - DAY} UNION ALL SELECT t - ${DAY} FROM edge WHERE t - ${DAY} >= ${Math.floor(oldest / 1000)})
			SELECT (${nda} - t) / ${DAY}, ${SUB_KEY}, count(*), total(time) FROM edge JOIN revlog ON id BETWEEN t * 1000 AND t * 1000 + 999
			WHERE ${ctx.revlogScope} GROUP BY 1, 2
			UNION ALL
			SELECT 0, ${SUB_KEY}, count(*), total(time) FROM revlog WHERE id >= ${nda * 1000} AND id < ${(nda + DAY) * 1000} AND ${ctx.revlogScope} GROUP BY 2`,
		)
		.raw()
		.all() as number[][];
	for (const [k, sub, count, ms] of edges) {
		// The second of the rollover k days ago is review day -k but k - 1 whole days old; a row
		// less than a day after the next rollover is review day 0 but in no window.
		const [from, to] = k === 0 ? [0, -1] : [k!, k! - 1];
		groups.push(unpack(sub!, -k!, from, -count!, -ms!), unpack(sub!, -k!, to, count!, ms!));
	}
	return groups;
}

/**
 * Review days (as RevlogGroup.day) with an answer before the period's fetched year, which
 * revlogGroups leaves out: only the streaks look that far back, and they need no more than the days,
 * which SQLite finds without grouping every old row by kind (most of a long history). An answer is
 * what isAnswer keeps: a type other than 4 and 5, read as SUB_KEY reads it (`type & 7`).
 */
function olderAnswerDays(ctx: StatsContext): number[] {
	if (ctx.revlogFromMs <= 0) return [];
	return ctx.col.db
		.prepare(`SELECT DISTINCT (id / 1000 - ${ctx.nextDayAt}) / ${DAY} FROM revlog WHERE id < ${ctx.revlogFromMs} AND (type & 7) NOT IN (4, 5) AND ${ctx.revlogScope}`)
		.pluck()
		.all() as number[];
}

/** The row is at most `days` days before the next rollover (or after it). */
function within(group: RevlogGroup, days: number | null): boolean {
	return days === null || group.age < days;
}

/** Manual (set due date, reset) and FSRS rescheduling rows are left out of nearly every graph. */
function isAnswer(group: RevlogGroup): boolean {
	return group.kind !== 4 && group.kind !== 5;
}

export interface TodayStats {
	/** Answers today (rows, not distinct cards), manual and rescheduling rows excluded. */
	studied: number;
	seconds: number;
	again: number;
	correct: number;
	learn: number;
	review: number;
	relearn: number;
	/** Filtered-deck answers (early reviews and cramming, revlog type 3). */
	filtered: number;
	matureCorrect: number;
	matureTotal: number;
}

function todayStats(groups: RevlogGroup[]): TodayStats {
	const today: TodayStats = {studied: 0, seconds: 0, again: 0, correct: 0, learn: 0, review: 0, relearn: 0, filtered: 0, matureCorrect: 0, matureTotal: 0};
	let ms = 0;
	for (const g of groups) {
		if (!within(g, 1) || !isAnswer(g)) continue;
		today.studied += g.count;
		ms += g.ms;
		if (g.ease > 1) today.correct += g.count;
		if (g.mature) {
			today.matureTotal += g.count;
			if (g.ease > 1) today.matureCorrect += g.count;
		}
		if (g.kind === 0) today.learn += g.count;
		else if (g.kind === 1) today.review += g.count;
		else if (g.kind === 2) today.relearn += g.count;
		else today.filtered += g.count;
	}
	today.again = today.studied - today.correct;
	today.seconds = ms / 1000;
	return today;
}

export interface DayReviews {
	learn: number;
	/** young + mature. */
	review: number;
	young: number;
	mature: number;
	relearn: number;
	filtered: number;
	/** Time spent on all of the day's answers. */
	seconds: number;
}

/** Reviews per day (key: days ago, 0 = today), types 4 and 5 excluded. */
function reviewsByDay(groups: RevlogGroup[], fetchedDays: number | null): Map<number, DayReviews> {
	const out = new Map<number, DayReviews>();
	for (const g of groups) {
		if (!within(g, fetchedDays) || !isAnswer(g)) continue;
		const key = daysAgo(g.day);
		let day = out.get(key);
		if (!day) out.set(key, (day = {learn: 0, review: 0, young: 0, mature: 0, relearn: 0, filtered: 0, seconds: 0}));
		if (g.kind === 0) day.learn += g.count;
		else if (g.kind === 2) day.relearn += g.count;
		else if (g.kind === 3) day.filtered += g.count;
		else {
			day.review += g.count;
			if (g.mature) day.mature += g.count;
			else day.young += g.count;
		}
		day.seconds += g.ms / 1000;
	}
	return out;
}

/** Times each button (Again, Hard, Good, Easy) was pressed. */
export interface ButtonCounts {
	/** Learning, relearning and filtered-deck answers. */
	learning: [number, number, number, number];
	/** Review answers with a last interval under 21 days. */
	young: [number, number, number, number];
	mature: [number, number, number, number];
}

function buttons(groups: RevlogGroup[], days: number | null): ButtonCounts {
	const out: ButtonCounts = {learning: [0, 0, 0, 0], young: [0, 0, 0, 0], mature: [0, 0, 0, 0]};
	for (const g of groups) {
		if (!within(g, days) || !isAnswer(g) || g.ease < 1 || g.ease > 4) continue;
		const group = g.kind !== 1 ? out.learning : g.mature ? out.mature : out.young;
		group[g.ease - 1] += g.count;
	}
	return out;
}

export interface RetentionCounts {
	youngPassed: number;
	youngFailed: number;
	maturePassed: number;
	matureFailed: number;
}

export interface TrueRetention {
	today: RetentionCounts;
	yesterday: RetentionCounts;
	week: RetentionCounts;
	month: RetentionCounts;
	year: RetentionCounts;
	/** Only with all history fetched (period "all"), as Anki shows it. */
	allTime?: RetentionCounts;
}

/**
 * Pass/fail of answers that affect scheduling (rated, not cramming) on cards with an interval of a
 * day or more, over windows that end at the next rollover.
 */
function trueRetention(groups: RevlogGroup[], allHistory: boolean): TrueRetention {
	const counted = groups.filter((g) => g.age >= 0 && g.ease > 0 && !(g.kind === 3 && g.zeroFactor) && (g.kind === 1 || g.interday));
	const between = (fromAge: number, toAge: number): RetentionCounts => {
		const out = {youngPassed: 0, youngFailed: 0, maturePassed: 0, matureFailed: 0};
		for (const g of counted) {
			if (g.age < fromAge || g.age >= toAge) continue;
			if (g.mature) {
				if (g.ease === 1) out.matureFailed += g.count;
				else out.maturePassed += g.count;
			} else if (g.ease === 1) out.youngFailed += g.count;
			else out.youngPassed += g.count;
		}
		return out;
	};
	const result: TrueRetention = {
		today: between(0, 1),
		yesterday: between(1, 2),
		week: between(0, 7),
		month: between(0, 30),
		year: between(0, 365),
	};
	if (allHistory) result.allTime = between(0, Infinity);
	return result;
}

export interface RevlogStats {
	today: TodayStats;
	/** Reviews per day ago over the revlog Anki fetches for the period (a year and a day, or all). */
	byDay: Map<number, DayReviews>;
	/** Days ago with an answer, over all history (for streaks). */
	daysWithAnswers: number[];
	buttons: ButtonCounts;
	trueRetention: TrueRetention;
}

export function revlogStats(ctx: StatsContext): RevlogStats {
	const groups = revlogGroups(ctx);
	const fetchedDays = ctx.windows.revlogDays > 0 ? ctx.windows.revlogDays + 1 : null;
	// Streaks look at all history, older than the period too.
	const days = new Set<number>();
	for (const g of groups) if (isAnswer(g) && g.count > 0) days.add(daysAgo(g.day));
	for (const day of olderAnswerDays(ctx)) days.add(daysAgo(day));
	return {
		today: todayStats(groups),
		byDay: reviewsByDay(groups, fetchedDays),
		daysWithAnswers: [...days],
		buttons: buttons(groups, ctx.windows.recentDays ?? fetchedDays),
		trueRetention: trueRetention(groups.filter((g) => within(g, fetchedDays)), fetchedDays === null),
	};
}

export interface HourStats {
	hour: number;
	total: number;
	correct: number;
}

/** Answers by hour of the day in today's UTC offset (the rollover hour plays no part), types 0-2 only. */
export function hourly(ctx: StatsContext): HourStats[] {
	const days = ctx.windows.recentDays ?? (ctx.windows.revlogDays > 0 ? ctx.windows.revlogDays + 1 : null);
	const fromMs = days === null ? 0 : (ctx.nextDayAt - days * DAY) * 1000;
	const rows = ctx.col.db
		.prepare(
			// Revlog types other than 1-5 read as Learning, so only 3, 4 and 5 are left out.
			`SELECT ((id / 1000 + ${ctx.utcOffsetSecs}) / 3600) % 24, count(*), total(ease > 1)
			FROM revlog WHERE id >= ${fromMs} AND type NOT IN (3, 4, 5) AND ${ctx.revlogScope} GROUP BY 1`,
		)
		.raw()
		.all() as number[][];
	const hours = Array.from({length: 24}, (_, hour) => ({hour, total: 0, correct: 0}));
	for (const [hour, total, correct] of rows) {
		const h = hours[((hour! % 24) + 24) % 24]!;
		h.total += total!;
		h.correct += correct!;
	}
	return hours;
}
