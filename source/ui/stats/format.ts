// Words and numbers of the statistics page, worded as Anki's page words them (ftl/core/statistics.ftl),
// shared by the stats screen and the text output of `anki-tui stats`.
import {naturalUnit, type SpanUnit} from '../../core/scheduler/labels.js';
import {formatNumber} from '../../core/text/number-format.js';

/** 1,234 / 4.33: grouped, at most two decimals (Anki's localizedNumber). */
export function num(value: number): string {
	return formatNumber(Number.isFinite(value) ? value : 0, {max: 2});
}

/** "12.5%" of part in whole, "0%" when whole is 0. */
export function pct(part: number, whole: number): string {
	return `${num(whole === 0 ? 0 : (part / whole) * 100)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
	return `${num(n)} ${n === 1 ? one : many}`;
}

const unitNames: Record<SpanUnit, string> = {s: 'second', m: 'minute', h: 'hour', d: 'day', mo: 'month', y: 'year'};

/**
 * "13 seconds", "1.53 months": Anki's timeSpan in its long form. Precise spans keep two decimals;
 * otherwise amounts below a month are whole.
 */
export function span(seconds: number, precise = true): string {
	const {unit, unitSeconds} = naturalUnit(seconds);
	let amount = Math.abs(seconds) / unitSeconds;
	if (!precise && unit !== 'mo' && unit !== 'y') amount = Math.round(amount);
	return plural(amount, unitNames[unit]);
}

/** "Studied 3 cards in 13 seconds today (4.33s/card)": the unit stops at minutes, as in Anki. */
export function studiedToday(cards: number, seconds: number): string {
	const amount = seconds < 60 ? plural(seconds, 'second') : plural(seconds / 60, 'minute');
	const perCard = cards > 0 ? seconds / cards : 0;
	return `Studied ${plural(cards, 'card')} in ${amount} today (${num(perCard)}s/card)`;
}

/** True retention cell: "90.1%", or "N/A" for a period without answers. */
export function retention(passed: number, failed: number): string {
	const total = passed + failed;
	return total === 0 ? 'N/A' : `${formatNumber((passed / total) * 100, {min: 1, max: 1})}%`;
}

/** A relative day as words: "today", "tomorrow", "yesterday", "in 3 days", "5 days ago". */
export function relativeDay(day: number): string {
	if (day === 0) return 'today';
	if (day === 1) return 'tomorrow';
	if (day === -1) return 'yesterday';
	return day > 0 ? `in ${plural(day, 'day')}` : `${plural(-day, 'day')} ago`;
}
