// Every number of the statistics page, computed again with SQL written from the reference
// (shared/reference/stats-and-study.md §A) rather than from the code under test: plain per-number
// queries on a raw connection, with the day keys spelled out the long way round.
import type Database from 'better-sqlite3';

export interface ExpectedInputs {
	db: Database.Database;
	/** Epoch secs. */
	now: number;
	nextDayAt: number;
	today: number;
	/** Seconds east of UTC. */
	offsetSecs: number;
	rollover: number;
	period: '1m' | '3m' | '1y' | 'all';
	/** Decks in scope (a deck and its subdecks), or null for the whole collection. */
	deckIds: number[] | null;
}

const DAY = 86400;

export function expectedStats(x: ExpectedInputs) {
	const {db, nextDayAt: nda} = x;
	const list = x.deckIds?.join(',');
	const inScope = list ? `(did IN (${list}) OR odid IN (${list}))` : '1';
	const revlogInScope = list ? `cid IN (SELECT id FROM cards WHERE ${inScope})` : '1';
	// Anki fetches 366 days of revlog (a year plus today) unless all history is asked for.
	const fetched = x.period === 'all' ? '1' : `id >= ${(nda - 366 * DAY) * 1000}`;
	const rows = (where: string) => `FROM revlog WHERE ${revlogInScope} AND ${fetched} AND ${where}`;
	const one = (sql: string) => db.prepare(sql).get() as Record<string, number>;
	const map = (sql: string) => Object.fromEntries((db.prepare(sql).raw().all() as number[][]).map(([k, v]) => [String(k), v]));
	// Days ago of a review: trunc((secs - next_day_at) / 86400), negated.
	const secs = 'id / 1000';
	const reviewDaysAgo = `(CASE WHEN ${secs} < ${nda} THEN (${nda} - ${secs}) / ${DAY} ELSE -((${secs} - ${nda}) / ${DAY}) END)`;
	const learnType = 'type NOT IN (1, 2, 3, 4, 5)';
	const windowDays = {'1m': 30, '3m': 90, '1y': 365, all: null}[x.period];

	const todayRow = one(`SELECT count(*) AS studied, coalesce(sum(time), 0) / 1000.0 AS seconds, coalesce(sum(ease > 1), 0) AS correct,
		coalesce(sum(${learnType}), 0) AS learn, coalesce(sum(type = 1), 0) AS review, coalesce(sum(type = 2), 0) AS relearn,
		coalesce(sum(type = 3), 0) AS filtered, coalesce(sum(lastIvl >= 21 AND ease > 1), 0) AS matureCorrect,
		coalesce(sum(lastIvl >= 21), 0) AS matureTotal
		${rows(`id >= ${(nda - DAY) * 1000} AND type NOT IN (4, 5)`)}`);
	const today: Record<string, number> = {...todayRow, again: todayRow['studied']! - todayRow['correct']!};

	const reviewsLast =
		x.period === 'all' ? (one(`SELECT max(${reviewDaysAgo}) AS m ${rows('type NOT IN (4, 5)')}`)['m'] ?? 0) : {'1m': 30, '3m': 89, '1y': 364}[x.period];
	const reviewRows = db
		.prepare(
			`SELECT ${reviewDaysAgo} AS ago, sum(${learnType}) AS learn, sum(type = 1 AND lastIvl < 21) AS young, sum(type = 1 AND lastIvl >= 21) AS mature,
				sum(type = 2) AS relearn, sum(type = 3) AS filtered, sum(time) / 1000.0 AS seconds
			${rows('type NOT IN (4, 5)')} GROUP BY ago HAVING ago BETWEEN 0 AND ${reviewsLast} ORDER BY ago`,
		)
		.all() as Array<Record<string, number>>;
	const reviews = Object.fromEntries(
		reviewRows.map((r) => [String(r['ago']), {learn: r['learn'], review: r['young']! + r['mature']!, young: r['young'], mature: r['mature'], relearn: r['relearn'], filtered: r['filtered'], seconds: r['seconds']}]),
	);
	const reviewTotal = reviewRows.reduce((s, r) => s + r['learn']! + r['young']! + r['mature']! + r['relearn']! + r['filtered']!, 0);
	const reviewSeconds = reviewRows.reduce((s, r) => s + r['seconds']!, 0);

	// Calendar dates: the relative day, minus the rollover hours, in local time.
	const calendar = Object.fromEntries(
		reviewRows.map((r) => {
			const date = (db.prepare(`SELECT date(?, 'unixepoch') AS d`).get(x.now - r['ago']! * DAY - x.rollover * 3600 + x.offsetSecs) as {d: string}).d;
			return [date, r['learn']! + r['young']! + r['mature']! + r['relearn']! + r['filtered']!];
		}),
	);
	const studiedDays = new Set((db.prepare(`SELECT DISTINCT ${reviewDaysAgo} FROM revlog WHERE ${revlogInScope} AND type NOT IN (4, 5)`).raw().all() as number[][]).map(([d]) => d!));
	let longestStreak = 0;
	for (const d of studiedDays) {
		let n = 0;
		while (studiedDays.has(d + n)) n++;
		longestStreak = Math.max(longestStreak, n);
	}
	let currentStreak = 0;
	const start = studiedDays.has(0) ? 0 : 1;
	while (studiedDays.has(start + currentStreak)) currentStreak++;

	const dueOf = 'CASE WHEN odid != 0 THEN odue ELSE due END';
	const dueDay = `(CASE WHEN ${dueOf} > 1000000000 THEN (CASE WHEN ${dueOf} >= ${nda} THEN (${dueOf} - ${nda}) / ${DAY} ELSE -((${nda} - ${dueOf}) / ${DAY}) END) ELSE ${dueOf} - ${x.today} END)`;
	const futureAll = map(
		`SELECT ${dueDay} AS day, count(*) FROM cards WHERE ${inScope} AND type != 0 AND queue != -1 AND NOT (queue IN (-2, -3) AND ${dueDay} <= 0) GROUP BY day`,
	);
	const futureKeys = Object.keys(futureAll).map(Number);
	const from = futureKeys.length ? Math.min(...futureKeys) : 0;
	const to = {'1m': 31, '3m': 90, '1y': 365, all: futureKeys.length ? Math.max(...futureKeys) : 0}[x.period];
	const futureDue = Object.fromEntries(Object.entries(futureAll).filter(([d]) => Number(d) >= from && Number(d) <= to));
	const futureTotal = Object.values(futureDue).reduce((a, b) => a + b!, 0);
	const dailyLoad = Math.floor(one(`SELECT total(1.0 / max(ivl, 1)) AS l FROM cards WHERE ${inScope} AND type != 0 AND queue != -1`)['l']!);

	const cardCounts = one(`SELECT sum(type = 0 AND queue >= 0) AS new, sum(type = 1 AND queue >= 0) AS learning, sum(type = 3 AND queue >= 0) AS relearning,
		sum(type = 2 AND queue >= 0 AND ivl < 21) AS young, sum(type = 2 AND queue >= 0 AND ivl >= 21) AS mature,
		sum(queue = -1) AS suspended, sum(queue IN (-2, -3)) AS buried, count(*) AS total FROM cards WHERE ${inScope}`);

	const intervals = map(`SELECT ivl, count(*) FROM cards WHERE ${inScope} AND type IN (2, 3) GROUP BY ivl`);
	const ease = map(`SELECT factor / 10, count(*) FROM cards WHERE ${inScope} AND type IN (2, 3) AND data NOT LIKE '%"s":%' GROUP BY factor / 10`);
	const factors = (db.prepare(`SELECT factor FROM cards WHERE ${inScope} AND type IN (2, 3) AND data NOT LIKE '%"s":%' ORDER BY factor`).raw().all() as number[][]).map(([f]) => f!);
	const mid = factors.length >> 1;
	const medianEase = factors.length === 0 ? 0 : (factors.length % 2 ? factors[mid]! : (factors[mid - 1]! + factors[mid]!) / 2) / 10;

	const recent = windowDays === null ? '1' : `id >= ${(nda - windowDays * DAY) * 1000}`;
	const hourRows = db
		.prepare(`SELECT CAST(strftime('%H', id / 1000 + ${x.offsetSecs}, 'unixepoch') AS INTEGER) AS h, count(*) AS total, sum(ease > 1) AS correct ${rows(`${recent} AND type NOT IN (3, 4, 5)`)} GROUP BY h`)
		.all() as Array<{h: number; total: number; correct: number}>;
	const hourly = Array.from({length: 24}, (_, hour) => {
		const r = hourRows.find((h) => h.h === hour);
		return {hour, total: r?.total ?? 0, correct: r?.correct ?? 0};
	});

	const press = (group: string, ease: number) =>
		one(`SELECT count(*) AS n ${rows(`${recent} AND type NOT IN (4, 5) AND ease = ${ease} AND ${group}`)}`)['n']!;
	const groups = {learning: 'type != 1', young: 'type = 1 AND lastIvl < 21', mature: 'type = 1 AND lastIvl >= 21'};
	const buttons = Object.fromEntries(Object.entries(groups).map(([name, where]) => [name, [1, 2, 3, 4].map((e) => press(where, e))]));

	const addedLast = x.period === 'all' ? (one(`SELECT max((${nda} - id / 1000) / ${DAY}) AS m FROM cards WHERE ${inScope}`)['m'] ?? 0) : {'1m': 31, '3m': 90, '1y': 365}[x.period];
	const added = map(
		`SELECT (${nda} - id / 1000) / ${DAY} AS ago, count(*) FROM cards WHERE ${inScope} AND id / 1000 <= ${nda} GROUP BY ago HAVING ago <= ${addedLast}`,
	);
	const addedTotal = Object.values(added).reduce((a, b) => a + b!, 0);

	const retentionPeriod = (startSecs: number, endSecs: number) =>
		one(`SELECT coalesce(sum(lastIvl < 21 AND ease > 1), 0) AS youngPassed, coalesce(sum(lastIvl < 21 AND ease = 1), 0) AS youngFailed,
			coalesce(sum(lastIvl >= 21 AND ease > 1), 0) AS maturePassed, coalesce(sum(lastIvl >= 21 AND ease = 1), 0) AS matureFailed
			${rows(`id >= ${startSecs * 1000} AND id < ${endSecs * 1000} AND ease > 0 AND NOT (type = 3 AND factor = 0)
				AND (type = 1 OR lastIvl <= -86400 OR lastIvl >= 1)`)}`);
	const trueRetention: Record<string, Record<string, number>> = {
		today: retentionPeriod(nda - DAY, nda),
		yesterday: retentionPeriod(nda - 2 * DAY, nda - DAY),
		week: retentionPeriod(nda - 7 * DAY, nda),
		month: retentionPeriod(nda - 30 * DAY, nda),
		year: retentionPeriod(nda - 365 * DAY, nda),
	};
	if (x.period === 'all') trueRetention['allTime'] = retentionPeriod(0, nda);

	return {
		today,
		reviews,
		reviewsTable: {daysStudied: reviewRows.length, periodDays: reviewsLast + 1, total: reviewTotal, totalSeconds: reviewSeconds, averagePerDay: Math.round(reviewTotal / (reviewsLast + 1))},
		calendar: {days: calendar, currentStreak, longestStreak},
		futureDue,
		futureDueTable: {from, to, total: futureTotal, dueTomorrow: futureAll['1'] ?? 0, dailyLoad, hasBacklog: futureKeys.some((d) => d < 0)},
		cardCounts,
		intervals,
		ease,
		medianEase,
		hourly,
		buttons,
		added,
		addedTable: {total: addedTotal, averagePerDay: Math.round(addedTotal / Math.max(1, addedLast))},
		trueRetention,
	};
}
