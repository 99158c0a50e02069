// Interval labels above the answer buttons, formatted as Anki does (rslib scheduler/timespan.rs,
// answering describe_next_states): `<1m`, `<10m`, `4d`, `1.2mo`, `2y`, `End`.
import {intervalOf} from './answer.js';
import type {CardState, NextStates} from './states/types.js';
import type {Rating} from './types.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const YEAR = 365 * DAY;
const MONTH = YEAR / 12;

/** Rust `f32::round`: half away from zero. */
function round(x: number): number {
	return x < 0 ? -Math.round(-x) : Math.round(x);
}

export type SpanUnit = 's' | 'm' | 'h' | 'd' | 'mo' | 'y';

const unitSeconds: Array<[SpanUnit, number]> = [['y', YEAR], ['mo', MONTH], ['d', DAY], ['h', HOUR], ['m', MINUTE]];

/** The largest unit that fits (Anki's natural unit: a month is a twelfth of 365 days), and its length in seconds. */
export function naturalUnit(seconds: number): {unit: SpanUnit; unitSeconds: number} {
	const secs = Math.abs(seconds);
	for (const [unit, length] of unitSeconds) if (secs >= length) return {unit, unitSeconds: length};
	return {unit: 's', unitSeconds: 1};
}

/** Seconds in the natural unit: s, m and d whole; h, mo and y to one decimal (the answer buttons' rounding). */
export function naturalSpan(seconds: number): {amount: number; unit: SpanUnit} {
	const {unit, unitSeconds: length} = naturalUnit(seconds);
	const amount = Math.abs(seconds) / length;
	return {unit, amount: unit === 'h' || unit === 'mo' || unit === 'y' ? round(amount * 10) / 10 : round(amount)};
}

/** `<1m`-style labels: `4d`, `1.5h`, `1.2mo`. */
export function answerButtonTime(seconds: number): string {
	const {amount, unit} = naturalSpan(seconds);
	return `${amount}${unit}`;
}

/** With a learn-ahead limit, short delays show as `<10m`: the card may come back sooner. */
export function answerButtonTimeCollapsible(seconds: number, collapseSecs: number): string {
	if (seconds === 0) return 'End';
	const text = answerButtonTime(seconds);
	return seconds < collapseSecs ? `<${text}` : text;
}

export function stateLabel(state: CardState, secsUntilRollover: number, collapseSecs: number): string {
	const interval = intervalOf(state, secsUntilRollover);
	const seconds = 'days' in interval ? interval.days * DAY : interval.secs;
	return answerButtonTimeCollapsible(seconds, collapseSecs);
}

export function buttonLabels(states: NextStates, secsUntilRollover: number, collapseSecs: number): Record<Rating, string> {
	return {
		1: stateLabel(states.again, secsUntilRollover, collapseSecs),
		2: stateLabel(states.hard, secsUntilRollover, collapseSecs),
		3: stateLabel(states.good, secsUntilRollover, collapseSecs),
		4: stateLabel(states.easy, secsUntilRollover, collapseSecs),
	};
}
