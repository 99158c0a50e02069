import {describe, expect, it} from 'vitest';
import {dayTiming} from '../../source/core/scheduler/timing.js';

// Collection created 2020-01-01 04:00 in UTC+10 (minutes west = -600).
const crt = Date.UTC(2019, 11, 31, 18, 0, 0) / 1000;
const aest = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 10, mi) / 1000;

describe('dayTiming (v2/v3 with creationOffset)', () => {
	const base = {crt, rollover: 4, creationOffset: -600, localOffset: -600, schedVer: 2};
	it('counts calendar days, the day starting at the rollover hour', () => {
		expect(dayTiming({...base, now: aest(2020, 1, 1, 12)})).toEqual({today: 0, nextDayAt: aest(2020, 1, 2, 4)});
		expect(dayTiming({...base, now: aest(2020, 1, 2, 3, 59)})).toEqual({today: 0, nextDayAt: aest(2020, 1, 2, 4)});
		expect(dayTiming({...base, now: aest(2020, 1, 2, 4)})).toEqual({today: 1, nextDayAt: aest(2020, 1, 3, 4)});
		expect(dayTiming({...base, now: aest(2020, 3, 1, 23)}).today).toBe(60);
	});

	it('ignores the time of day of crt', () => {
		const lateCrt = aest(2020, 1, 1, 23);
		expect(dayTiming({...base, crt: lateCrt, now: aest(2020, 1, 2, 5)}).today).toBe(1);
	});

	it('follows a moved timezone (local offset differs from the creation offset)', () => {
		// Now in UTC-5 (300 minutes west): 2020-01-10 05:00 local = 10:00Z.
		const now = Date.UTC(2020, 0, 10, 10, 0) / 1000;
		const t = dayTiming({...base, localOffset: 300, now});
		expect(t.today).toBe(9);
		expect(t.nextDayAt).toBe(Date.UTC(2020, 0, 11, 9, 0) / 1000);
	});

	it('honours other rollover hours and never goes below day 0', () => {
		expect(dayTiming({...base, rollover: 0, now: aest(2020, 1, 2, 0, 30)}).today).toBe(1);
		expect(dayTiming({...base, rollover: 99, now: aest(2020, 1, 2, 22)}).today).toBe(0);
		expect(dayTiming({...base, now: aest(2019, 12, 31, 12)}).today).toBe(0);
	});
});

describe('dayTiming legacy rules', () => {
	it('v2 without creationOffset measures from crt at the rollover hour in the current offset', () => {
		const now = aest(2020, 1, 5, 3);
		const t = dayTiming({crt, now, rollover: 4, localOffset: -600, schedVer: 2, creationOffset: null});
		expect(t.today).toBe(3);
		expect(t.nextDayAt).toBe(aest(2020, 1, 5, 4));
	});

	it('v1 counts whole days since crt', () => {
		const t = dayTiming({crt, now: crt + 86400 * 3 + 5, schedVer: 1});
		expect(t).toEqual({today: 3, nextDayAt: crt + 86400 * 4});
	});
});
