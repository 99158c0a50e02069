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

/** Seconds in the largest fitting unit: s, m and d whole; h, mo and y to one decimal (Anki's natural span). */
export function naturalSpan(seconds: number): {amount: number; unit: SpanUnit} {
	const secs = Math.abs(seconds);
	if (secs < MINUTE) return {unit: 's', amount: round(secs)};
	if (secs < HOUR) return {unit: 'm', amount: round(secs / MINUTE)};
	if (secs < DAY) return {unit: 'h', amount: round((secs / HOUR) * 10) / 10};
	if (secs < MONTH) return {unit: 'd', amount: round(secs / DAY)};
	if (secs < YEAR) return {unit: 'mo', amount: round((secs / MONTH) * 10) / 10};
	return {unit: 'y', amount: round((secs / YEAR) * 10) / 10};
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
