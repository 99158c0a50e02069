// The statistics drawn from the cards table (rslib stats/graphs/{card_counts,future_due,intervals,
// eases,added}.rs): a few grouped queries over the cards in scope.
import type {StatsContext} from './context.js';
import {daysAgo} from './period.js';

const DAY = 86400;

/** Anki's card counts with inactive cards separate (the page's default): a suspended card counts only as suspended. */
export interface CardCounts {
	new: number;
	learning: number;
	relearning: number;
	young: number;
	mature: number;
	suspended: number;
	buried: number;
	total: number;
}

interface CardGroup {
	type: number;
	queue: number;
	ivl: number;
	count: number;
}

/**
 * Cards in scope grouped by type, queue and interval: card counts, review intervals and the daily
 * load all come from these few hundred groups. The key is packed into one integer (fast to sort).
 */
function cardGroups(ctx: StatsContext): CardGroup[] {
	const rows = ctx.col.db
		.prepare(
			// Bit operations, not min()/CASE: queue -3..4 and type 0..3 each fit in their bits.
			`SELECT (ivl & 16777215) * 32 + (type & 3) * 8 + ((queue + 3) & 7), count(*)
			FROM cards WHERE ${ctx.cardScope} GROUP BY 1`,
		)
		.raw()
		.all() as number[][];
	return rows.map(([key, count]) => ({queue: (key! % 8) - 3, type: Math.floor(key! / 8) % 4, ivl: Math.floor(key! / 32), count: count!}));
}

function cardCounts(groups: CardGroup[]): CardCounts {
	const counts: CardCounts = {new: 0, learning: 0, relearning: 0, young: 0, mature: 0, suspended: 0, buried: 0, total: 0};
	for (const g of groups) {
		counts.total += g.count;
		if (g.queue === -1) counts.suspended += g.count;
		else if (g.queue === -2 || g.queue === -3) counts.buried += g.count;
		else if (g.type === 0) counts.new += g.count;
		else if (g.type === 1) counts.learning += g.count;
		else if (g.type === 3) counts.relearning += g.count;
		else if (g.ivl < 21) counts.young += g.count;
		else counts.mature += g.count;
	}
	return counts;
}

export interface CardStats {
	counts: CardCounts;
	/** Review and relearning cards (any queue) by interval in days. */
	intervals: Map<number, number>;
	/** floor(Σ 1/interval) over cards that are not new or suspended: the reviews a day the collection settles at. */
	dailyLoad: number;
}

export function cardStats(ctx: StatsContext): CardStats {
	const groups = cardGroups(ctx);
	const intervals = new Map<number, number>();
	let load = 0;
	for (const g of groups) {
		if (g.type === 2 || g.type === 3) intervals.set(g.ivl, (intervals.get(g.ivl) ?? 0) + g.count);
		// Buried cards count in the load too (Anki adds them before it skips buried cards due today).
		if (g.type !== 0 && g.queue !== -1) load += g.count / Math.max(g.ivl, 1);
	}
	return {counts: cardCounts(groups), intervals, dailyLoad: Math.floor(load)};
}

/** SQL for a card's due day relative to today: day numbers directly, timestamps by whole days from the next rollover. */
function dueDaySql(ctx: StatsContext): string {
	// Anki's `original_or_current_due`: the original due whenever the card is in a filtered deck.
	const due = 'CASE WHEN odid != 0 THEN odue ELSE due END';
	// Rust truncates toward zero, so intraday learning due any time before tomorrow's rollover is day 0.
	return `CASE WHEN ${due} > 1000000000 THEN (${due} - ${ctx.nextDayAt}) / ${DAY} ELSE ${due} - ${ctx.today} END`;
}

export interface FutureDue {
	/** Cards due per day from today (0 = today and overdue learning, negative = overdue days). */
	byDay: Map<number, number>;
	/** Some card is overdue. */
	hasBacklog: boolean;
}

/** Cards that are not new (by type, so buried and suspended new cards are skipped too) and not suspended. */
export function futureDue(ctx: StatsContext): FutureDue {
	const rows = ctx.col.db
		.prepare(
			// Buried cards are left out only when due today or earlier.
			`SELECT day, count(*) FROM (SELECT ${dueDaySql(ctx)} AS day, queue FROM cards WHERE type != 0 AND queue != -1 AND ${ctx.cardScope})
			WHERE NOT (day <= 0 AND queue IN (-2, -3)) GROUP BY day`,
		)
		.raw()
		.all() as number[][];
	const byDay = new Map<number, number>();
	for (const [day, n] of rows) byDay.set(day!, n!);
	return {byDay, hasBacklog: [...byDay.keys()].some((d) => d < 0)};
}

/** SQL: the card has an FSRS memory state (numeric `s` and `d` in `cards.data`), as Anki reads it; never NULL. */
export const hasMemoryStateSql = `(json_valid(data) AND coalesce(json_type(data, '$.s') IN ('integer', 'real') AND json_type(data, '$.d') IN ('integer', 'real'), 0))`;

/** SM-2 ease factors (permille) of review and relearning cards without a memory state, with their counts. */
export function easeFactors(ctx: StatsContext): Map<number, number> {
	const rows = ctx.col.db
		.prepare(`SELECT factor, count(*) FROM cards WHERE type IN (2, 3) AND ${ctx.cardScope} AND NOT ${hasMemoryStateSql} GROUP BY factor`)
		.raw()
		.all() as number[][];
	return new Map(rows.map(([factor, n]) => [factor!, n!]));
}

/**
 * Cards added per day (key: days before today, 0 = today), by the card id's timestamp. With
 * `withinDays`, only cards added at most that many days ago are sure to be counted (older ones may
 * be too): the graph of a period shows no more, and the card id is the rowid, so SQLite then reads
 * only the recent end of the table (30 ms less on 100k cards) instead of grouping every card.
 */
export function addedByDay(ctx: StatsContext, withinDays?: number): Map<number, number> {
	// A day's margin below the exact cut, which the caller makes.
	const recent = withinDays === undefined ? '' : `id >= ${(ctx.nextDayAt - (withinDays + 2) * DAY) * 1000} AND `;
	const rows = ctx.col.db
		.prepare(
			// ceil((secs - next_day_at) / 86400), as Anki computes it; integer division truncates toward zero.
			`SELECT CASE WHEN diff > 0 THEN (diff + ${DAY - 1}) / ${DAY} ELSE diff / ${DAY} END AS day, count(*)
			FROM (SELECT id / 1000 - ${ctx.nextDayAt} AS diff FROM cards WHERE ${recent}${ctx.cardScope}) GROUP BY day`,
		)
		.raw()
		.all() as number[][];
	return new Map(rows.map(([day, n]) => [daysAgo(day!), n!]));
}
