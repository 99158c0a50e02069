// Easy days (deck option `easyDaysPercentages`, Monday first). Anki applies them only through the
// load balancer when answering (rslib states/load_balancer.rs), plus FSRS reschedule/simulation,
// which this client does not offer.
const f32 = Math.fround;

/** 1.0 Normal, 0.0 Minimum, anything else Reduced. */
export type EasyDay = 'normal' | 'reduced' | 'minimum';

const ALL_NORMAL: readonly EasyDay[] = Array(7).fill('normal');

/**
 * Seven weekday kinds from the stored percentages. Anki treats an empty list as all normal and
 * refuses other lengths; this client treats other lengths as all normal instead of failing.
 */
export function parseEasyDays(percentages: readonly number[] | undefined): readonly EasyDay[] {
	if (!percentages || percentages.length !== 7) return ALL_NORMAL;
	return percentages.map(p => (f32(p) === 1 ? 'normal' : f32(p) === 0 ? 'minimum' : 'reduced'));
}

/** Weight factor of a day kind (Minimum is tiny, not zero, so all-minimum ranges still work). */
export function loadModifier(day: EasyDay): number {
	return day === 'minimum' ? f32(0.0001) : day === 'reduced' ? 0.5 : 1;
}

/**
 * Per-day weight factors over a fuzz range: a Reduced day stays open only while its share of the
 * range's cards is at most half a normal day's; otherwise it counts as Minimum.
 */
export function easyDaysModifiers(kinds: readonly EasyDay[], weekdays: readonly number[], counts: readonly number[]): number[] {
	let total = 0;
	for (const count of counts) total += count;
	let totalPercent = 0;
	for (const weekday of weekdays) totalPercent = f32(totalPercent + loadModifier(kinds[weekday]!));
	return weekdays.map((weekday, i) => {
		let kind = kinds[weekday]!;
		if (kind === 'reduced') {
			const count = counts[i]!;
			const threshold = f32(f32(total - count) / f32(totalPercent - 0.5));
			kind = f32(count / 0.5) > threshold ? 'minimum' : 'normal';
		}
		return loadModifier(kind);
	});
}

/** Weekday (0 = Monday) of the day `interval` days from today, as Anki computes it from the next rollover. */
export function weekdayOfInterval(interval: number, nextDayAt: number, minutesWest?: number): number {
	const ms = (nextDayAt + (interval - 1) * 86400) * 1000;
	const sunday0 = minutesWest === undefined ? new Date(ms).getDay() : new Date(ms - minutesWest * 60_000).getUTCDay();
	return (sunday0 + 6) % 7;
}
