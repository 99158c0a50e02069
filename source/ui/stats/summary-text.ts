// The statistics report as plain text lines (the human output of `anki-tui stats`), in the order and
// wording of Anki's statistics page.
import type {Period} from '../../core/stats/period.js';
import type {StatsReport} from '../../core/stats/report.js';
import type {RetentionCounts} from '../../core/stats/revlog-graphs.js';
import {num, pct, plural, retention, span, studiedToday} from './format.js';

/** "1 review/day", "40 reviews/day". */
function perDay(n: number, one: string): string {
	return `${plural(n, one)}/day`;
}

/** The screen cycles periods in the stats command's order. */
export {nextPeriod} from '../../core/stats/period.js';

export const periodNames: Record<Period, string> = {'1m': '1 month', '3m': '3 months', '1y': '1 year', all: 'deck life'};

export function scopeName(report: StatsReport): string {
	return report.deck === null ? 'whole collection' : `${report.deck} (with subdecks)`;
}

export function todayLines(report: StatsReport): string[] {
	const t = report.today;
	if (t.studied === 0) return ['No cards have been studied today.'];
	return [
		studiedToday(t.studied, t.seconds),
		`Again count: ${num(t.again)} (${pct(t.again, t.studied)})`,
		`Learn: ${num(t.learn)}, Review: ${num(t.review)}, Relearn: ${num(t.relearn)}, Filtered: ${num(t.filtered)}`,
		t.matureTotal === 0
			? 'No mature cards were studied today.'
			: `Correct answers on mature cards: ${num(t.matureCorrect)}/${num(t.matureTotal)} (${pct(t.matureCorrect, t.matureTotal)})`,
	];
}

export function futureDueLines(report: StatsReport): string[] {
	const f = report.futureDueTable;
	const overdue = Object.entries(report.futureDue).reduce((sum, [day, n]) => sum + (Number(day) < 0 ? n : 0), 0);
	return [
		`Total: ${plural(f.total, 'review')}   Average: ${perDay(f.averagePerDay, 'review')}`,
		`Due tomorrow: ${plural(f.dueTomorrow, 'review')}   Daily load: ${perDay(f.dailyLoad, 'review')}`,
		...(overdue > 0 ? [`Overdue: ${plural(overdue, 'card')}`] : []),
	];
}

export function streakLine(report: StatsReport): string {
	const c = report.calendar;
	return `Current streak: ${plural(c.currentStreak, 'day')}   Longest streak: ${plural(c.longestStreak, 'day')}`;
}

export function reviewsLines(report: StatsReport): string[] {
	const r = report.reviewsTable;
	const lines = [
		`Days studied: ${num(r.daysStudied)} of ${num(r.periodDays)} (${pct(r.daysStudied, r.periodDays)})`,
		`Total: ${plural(r.total, 'review')} in ${span(r.totalSeconds)}`,
		`Average over period: ${perDay(r.averagePerDay, 'review')}, ${perDay(r.averageMinutesPerDay, 'minute')}`,
	];
	if (r.daysStudied < r.periodDays) {
		lines.push(`Average for days studied: ${perDay(r.averageForDaysStudied, 'review')}, ${perDay(r.averageMinutesForDaysStudied, 'minute')}`);
	}
	if (r.total > 0) lines.push(`Average answer time: ${num(r.averageAnswerSeconds)}s (${num(r.cardsPerMinute)} cards/minute)`);
	return lines;
}

export const cardCountRows = [
	['new', 'New'],
	['learning', 'Learning'],
	['relearning', 'Relearning'],
	['young', 'Young'],
	['mature', 'Mature'],
	['suspended', 'Suspended'],
	['buried', 'Buried'],
] as const;

export function memoryLines(report: StatsReport): string[] {
	const lines = [`Median ${report.fsrs ? 'stability' : 'interval'}: ${span((report.fsrs ? report.stabilityTable!.median : report.intervalsTable.median) * 86400)}`];
	if (report.easeTable) lines.push(`Median ease: ${num(report.easeTable.median)}%`);
	if (report.difficultyTable) lines.push(`Median difficulty: ${num(report.difficultyTable.median)}%`);
	if (report.retrievabilityTable) {
		const r = report.retrievabilityTable;
		lines.push(`Average retrievability: ${num(r.average)}%`, `Estimated total knowledge: ${num(Math.round(r.knownCards))} cards / ${num(Math.round(r.knownNotes))} notes`);
	}
	return lines;
}

export function busiestHourLine(report: StatsReport): string {
	const busiest = report.hourly.reduce((best, h) => (h.total > best.total ? h : best), report.hourly[0]!);
	if (busiest.total === 0) return 'No reviews in this period.';
	const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
	return `Busiest hour: ${hh(busiest.hour)}-${hh((busiest.hour + 1) % 24)}, ${plural(busiest.total, 'review')} (${pct(busiest.correct, busiest.total)} correct)`;
}

export const buttonGroups = [
	['learning', 'Learning'],
	['young', 'Young'],
	['mature', 'Mature'],
] as const;

export function buttonLine(report: StatsReport, group: 'learning' | 'young' | 'mature'): string {
	const t = report.buttonsTable[group];
	const [again, hard, good, easy] = report.buttons[group];
	return `${num(t.correct)}/${num(t.total)} correct (${pct(t.correct, t.total)})  Again ${num(again)}  Hard ${num(hard)}  Good ${num(good)}  Easy ${num(easy)}`;
}

export function addedLine(report: StatsReport): string {
	return `Total: ${plural(report.addedTable.total, 'card')}   Average: ${perDay(report.addedTable.averagePerDay, 'card')}`;
}

export const retentionRows = [
	['today', 'Today'],
	['yesterday', 'Yesterday'],
	['week', 'Last week'],
	['month', 'Last month'],
	['year', 'Last year'],
	['allTime', 'All time'],
] as const;

/** Anki's summary mode: Young %, Mature %, Total %, Count. */
export function retentionCells(counts: RetentionCounts): [string, string, string, string] {
	const passed = counts.youngPassed + counts.maturePassed;
	const failed = counts.youngFailed + counts.matureFailed;
	return [retention(counts.youngPassed, counts.youngFailed), retention(counts.maturePassed, counts.matureFailed), retention(passed, failed), num(passed + failed)];
}

function table(rows: string[][], indent = '  '): string[] {
	const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
	return rows.map((r) => indent + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
}

/** The whole report as text, one section per paragraph. */
export function summaryText(report: StatsReport, bold: (s: string) => string = (s) => s): string {
	const out: string[] = [];
	const section = (title: string, lines: string[]) => out.push('', bold(title), ...lines.map((l) => (l.startsWith('  ') ? l : `  ${l}`)));
	out.push(bold(`Statistics: ${scopeName(report)}, ${periodNames[report.period]}`));
	section('Today', todayLines(report));
	section('Future Due', futureDueLines(report));
	section('Calendar', [streakLine(report)]);
	section('Reviews', reviewsLines(report));
	const counts = report.cardCounts;
	section('Card Counts', table([...cardCountRows.map(([key, label]) => [label, num(counts[key]), pct(counts[key], counts.total)]), ['Total', num(counts.total), '']]));
	section(report.fsrs ? 'Card Stability, Difficulty and Retrievability' : 'Review Intervals and Card Ease', memoryLines(report));
	section('Hourly Breakdown', [busiestHourLine(report)]);
	section('Answer Buttons', buttonGroups.map(([key, label]) => `${label.padEnd(9)}${buttonLine(report, key)}`));
	section('Added', [addedLine(report)]);
	const rows = retentionRows.flatMap(([key, label]) => {
		const counts = report.trueRetention[key];
		return counts ? [[label, ...retentionCells(counts)]] : [];
	});
	section('True Retention', table([['', 'Young', 'Mature', 'Total', 'Count'], ...rows]));
	return `${out.join('\n')}\n`;
}
