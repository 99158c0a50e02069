// What every statistics query shares: the scope (a deck tree or the whole collection) as SQL, the
// day boundaries and the local UTC offset, computed once per report.
import type {Collection} from '../collection/types.js';
import {DeckIndex, readSchedulerSettings, timingAt} from '../scheduler/collection-settings.js';
import {rolloverHour} from '../scheduler/timing.js';
import {periodWindows, type Period, type PeriodWindows} from './period.js';

const DAY = 86400;

export interface StatsOptions {
	/** A deck: the deck, its subdecks and cards whose home deck is among them. Absent = the whole collection. */
	deckId?: number | null;
	period: Period;
	/** Defaults to the clock. */
	nowMs?: number;
	/** Minutes west of UTC (as `Date#getTimezoneOffset`); defaults to the system's offset now. */
	minutesWest?: number;
}

export interface StatsContext {
	col: Collection;
	period: Period;
	windows: PeriodWindows;
	now: number;
	/** Epoch secs of the next rollover (Anki's `next_day_at`); every day boundary is a whole number of days before it. */
	nextDayAt: number;
	/** Day number of today (review and day-learning `due`). */
	today: number;
	/** Seconds east of UTC now; the hourly graph uses the current offset for every date, as Anki does. */
	utcOffsetSecs: number;
	rolloverHour: number;
	fsrs: boolean;
	/** Epoch ms of the oldest revlog row the page uses (0 = all history). */
	revlogFromMs: number;
	/** Decks in scope, or null for the whole collection. */
	deckIds: number[] | null;
	deckName: string | null;
	/** SQL condition on a `cards` row for the scope (column names unqualified). */
	cardScope: string;
	/** SQL condition on a `revlog` row for the scope: its card is in scope (any row, deleted cards included, for the collection). */
	revlogScope: string;
}

export function statsContext(col: Collection, options: StatsOptions): StatsContext {
	const nowMs = options.nowMs ?? Date.now();
	const minutesWest = options.minutesWest ?? new Date(nowMs).getTimezoneOffset();
	const settings = readSchedulerSettings(col);
	const timing = timingAt(settings, nowMs, minutesWest);
	const windows = periodWindows(options.period);
	let deckIds: number[] | null = null;
	let deckName: string | null = null;
	if (options.deckId !== undefined && options.deckId !== null) {
		const index = DeckIndex.load(col);
		const subtree = index.subtree(options.deckId);
		deckIds = subtree.length > 0 ? subtree.map((d) => d.id) : [options.deckId];
		deckName = index.byId.get(options.deckId)?.name ?? null;
	}
	// Deck ids are integers from the file, so they are written into the SQL as literals.
	const list = deckIds?.map((id) => String(Math.trunc(id))).join(',');
	// Anki's `deck:` search matches cards in the decks and cards whose home deck (odid) is among them.
	const cardScope = list === undefined ? '1' : `(did IN (${list}) OR odid IN (${list}))`;
	// Only the whole collection counts reviews of deleted cards (Anki reads the revlog unfiltered then).
	// `+cid` keeps SQLite off the cid index: with it, each time window (the calendar's 365 rollover
	// seconds) probed the index once per card of the deck, 3 s on a 100k collection instead of 90 ms.
	const revlogScope = list === undefined ? '1' : `+cid IN (SELECT id FROM cards WHERE ${cardScope})`;
	return {
		col,
		period: options.period,
		windows,
		now: Math.floor(nowMs / 1000),
		nextDayAt: timing.nextDayAt,
		today: timing.today,
		utcOffsetSecs: -minutesWest * 60,
		// Anki refuses statistics on a v1 collection until it is upgraded; its day then starts at the rollover hour too.
		rolloverHour: rolloverHour(settings.rollover),
		fsrs: settings.fsrs,
		revlogFromMs: windows.revlogDays > 0 ? (timing.nextDayAt - (windows.revlogDays + 1) * DAY) * 1000 : 0,
		deckIds,
		deckName,
		cardScope,
		revlogScope,
	};
}
