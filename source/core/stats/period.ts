// The four periods of the statistics page and the windows each graph uses for them, as Anki's
// graphs do (ts/routes/graphs/*.ts, rslib stats/graphs/*.rs). "all" is the deck's whole life.
import {UsageError} from '../errors.js';

export const periods = ['1m', '3m', '1y', 'all'] as const;
export type Period = (typeof periods)[number];

export function parsePeriod(text: string | undefined): Period {
	if (text === undefined) return '1m';
	const wanted = text.trim().toLowerCase();
	const found = periods.find((p) => p === wanted);
	if (!found) throw new UsageError(`--period ${text}: use one of ${periods.join(', ')} (1 month, 3 months, 1 year, the deck's life).`);
	return found;
}

/** The next period in the cycle 1m → 3m → 1y → all → 1m. */
export function nextPeriod(period: Period): Period {
	return periods[(periods.indexOf(period) + 1) % periods.length]!;
}

export interface PeriodWindows {
	/**
	 * Days of revlog Anki fetches for the page: 365 (one year plus today) or 0 for all history
	 * (`GraphsRequest.days`); the true-retention "all time" row only exists with all history.
	 */
	revlogDays: number;
	/** Reviews graph: first day shown (relative, 0 = today); null = the oldest day with a review. */
	reviewsFrom: number | null;
	/** Future Due graph: last day shown; null = the furthest due day. */
	futureDueTo: number | null;
	/** Added graph: first day shown; null = the oldest card. Its average divides by |from|. */
	addedFrom: number | null;
	/** Hourly Breakdown and Answer Buttons: days before the next rollover; null = everything fetched. */
	recentDays: number | null;
}

const windows: Record<Period, PeriodWindows> = {
	'1m': {revlogDays: 365, reviewsFrom: -30, futureDueTo: 31, addedFrom: -31, recentDays: 30},
	'3m': {revlogDays: 365, reviewsFrom: -89, futureDueTo: 90, addedFrom: -90, recentDays: 90},
	'1y': {revlogDays: 365, reviewsFrom: -364, futureDueTo: 365, addedFrom: -365, recentDays: 365},
	all: {revlogDays: 0, reviewsFrom: null, futureDueTo: null, addedFrom: null, recentDays: null},
};

export function periodWindows(period: Period): PeriodWindows {
	return windows[period];
}

/** A relative day (0 today, -1 yesterday) as days ago, without a negative zero. */
export function daysAgo(day: number): number {
	return day === 0 ? 0 : -day;
}
