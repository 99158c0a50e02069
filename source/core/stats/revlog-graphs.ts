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
 * Every row from `fromMs` on, grouped. `age` differs from `-day` only for a row in the very second
 * of a rollover (the review key truncates, the windows compare `secs >= next_day_at - n days`).
 * The group key is packed into one integer: SQLite sorts one integer much faster than eight columns.
 */
function revlogGroups(ctx: StatsContext, fromMs: number): RevlogGroup[] {
	const nda = ctx.nextDayAt;
	const rel = `(id / 1000 - ${nda})`;
	// Type and ease are clipped to 0-6 and 0-5 so they pack in 3 bits; 6 reads as Learning, 5 as "rated, not a button".
	const key = `((((((${rel} / ${DAY} + ${DAY_OFFSET}) * 2 + (${rel} % ${DAY} = 0)) * 2 + (id >= ${nda * 1000})) * 8
		+ min(max(type, 0), 6)) * 8 + min(max(ease, 0), 5)) * 4 + (lastIvl >= 21) + (lastIvl >= 1 OR lastIvl <= -${DAY})) * 2 + (factor = 0)`;
	const rows = ctx.col.db
		.prepare(`SELECT ${key}, count(*), total(max(time, 0)) FROM revlog WHERE id >= ${Math.trunc(fromMs)} AND ${ctx.revlogScope} GROUP BY 1`)
		.raw()
		.all() as number[][];
	return rows.map(([packed, count, ms]) => {
		let k = packed!;
		const take = (size: number) => {
			const value = k % size;
			k = (k - value) / size;
			return value;
		};
		const zeroFactor = take(2) === 1;
		const lastIvlClass = take(4);
		const ease = take(8);
		const type = take(8);
		const future = take(2) === 1;
		const boundary = take(2);
		const day = k - DAY_OFFSET;
		return {
			day,
			age: future ? -1 : -day - boundary,
			kind: type >= 1 && type <= 5 ? type : 0,
			ease,
			mature: lastIvlClass === 2,
			interday: lastIvlClass >= 1,
			zeroFactor,
			count: count!,
			ms: ms!,
		};
	});
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
	// Every row is read, older than the period too: streaks look at all history.
	const groups = revlogGroups(ctx, 0);
	const fetchedDays = ctx.windows.revlogDays > 0 ? ctx.windows.revlogDays + 1 : null;
	const days = new Set<number>();
	for (const g of groups) if (isAnswer(g)) days.add(daysAgo(g.day));
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
