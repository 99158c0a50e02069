// Small text helpers shared by screens.
import {groupedCount} from '../core/text/number-format.js';

export {groupedCount};

/** "1 card", "12,345 cards". */
export function countOf(n: number, word: string): string {
	return `${groupedCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** "3 minutes", "1 hour", "2 days": whole units, as Anki's congrats text reads. */
export function humanDuration(seconds: number): string {
	const s = Math.max(0, Math.round(seconds));
	const unit = (n: number, name: string) => `${n} ${name}${n === 1 ? '' : 's'}`;
	if (s < 60) return unit(s, 'second');
	if (s < 3600) return unit(Math.round(s / 60), 'minute');
	if (s < 86_400) return unit(Math.round(s / 3600), 'hour');
	return unit(Math.round(s / 86_400), 'day');
}

/** "4m 05s" / "1h 02m" for time spent studying. */
export function studyTime(ms: number): string {
	const total = Math.max(0, Math.round(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const sec = total % 60;
	if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
	return `${m}m ${String(sec).padStart(2, '0')}s`;
}

export function percent(part: number, whole: number): string {
	if (whole === 0) return '0%';
	return `${Math.round((part / whole) * 100)}%`;
}
