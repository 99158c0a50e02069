// Anki's day: which day number "today" is and when the next day starts (rslib scheduler/timing.rs).

export interface DayTiming {
	/** Days since the collection was created (day numbers of review/day-learn `due`). */
	today: number;
	/** Epoch secs when the next day starts. */
	nextDayAt: number;
}

export interface TimingInputs {
	/** `col.crt`, epoch secs. */
	crt: number;
	/** Epoch secs. */
	now: number;
	/** Hour the day starts (config `rollover`, default 4, capped at 23). */
	rollover?: number | null;
	/** Minutes west of UTC when the collection was created (config `creationOffset`). */
	creationOffset?: number | null;
	/** Minutes west of UTC now (system offset; the server uses config `localOffset`). */
	localOffset?: number | null;
	/** `schedVer`; 1 or missing means the v1 day rule. */
	schedVer?: number | null;
}

const DAY = 86400;

/** Whole days between the calendar date of `secs` seen `minutesWest` west of UTC and day zero. */
function localDayNumber(secs: number, minutesWest: number): number {
	return Math.floor((secs - minutesWest * 60) / DAY);
}

export function rolloverHour(value: unknown): number {
	const hour = typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 4;
	return Math.min(Math.max(hour, 0), 23);
}

export function dayTiming(inputs: TimingInputs): DayTiming {
	const {crt, now} = inputs;
	const localOffset = inputs.localOffset ?? new Date(now * 1000).getTimezoneOffset();
	if (!inputs.schedVer || inputs.schedVer < 2) {
		// v1 ignores the rollover hour: the day starts at crt's time of day.
		const today = Math.floor((now - crt) / DAY);
		return {today, nextDayAt: crt + (today + 1) * DAY};
	}
	const rollover = rolloverHour(inputs.rollover);
	const nowDay = localDayNumber(now, localOffset);
	const rolloverToday = nowDay * DAY + rollover * 3600 + localOffset * 60;
	const passed = rolloverToday <= now;
	const nextDayAt = rolloverToday + (passed ? DAY : 0);
	if (inputs.creationOffset === null || inputs.creationOffset === undefined) {
		// Legacy v2: the rollover hour on crt's date, in the current offset.
		const crtAtRollover = localDayNumber(crt, localOffset) * DAY + rollover * 3600 + localOffset * 60;
		return {today: Math.max(0, Math.floor((now - crtAtRollover) / DAY)), nextDayAt};
	}
	const crtDay = localDayNumber(crt, inputs.creationOffset);
	const today = Math.max(0, nowDay - crtDay - (passed ? 0 : 1));
	return {today, nextDayAt};
}
