// The statistics screen's body as styled rows, section by section in the order of Anki's page:
// numbers from the StatsReport, worded by summary-text.ts, drawn by charts.ts. Pure: a report and
// a width in, rows out, so the screen only scrolls them.
import type {StatsReport} from '../../core/stats/report.js';
import type {Token} from '../theme.js';
import type {ViewLine} from '../view-types.js';
import {columnChart, heatmap, proportionBar, push, sparkline, type Series} from './charts.js';
import {num, pct, plural} from './format.js';
import {
	addedLine,
	buttonGroups,
	busiestHourLine,
	cardCountRows,
	futureDueLines,
	memoryLines,
	retentionCells,
	retentionRows,
	reviewsLines,
	streakLine,
	todayLines,
} from './summary-text.js';

export interface StatsViewOptions {
	width: number;
	/** No colour: series are told apart by glyphs. */
	mono: boolean;
}

const INDENT = '  ';
const CHART_HEIGHT = 5;

const kinds: Record<'mature' | 'young' | 'relearn' | 'learn' | 'filtered', Series & {label: string}> = {
	mature: {token: 'statMature', glyph: '█', label: 'Mature'},
	young: {token: 'statYoung', glyph: '▓', label: 'Young'},
	relearn: {token: 'statRelearn', glyph: '▒', label: 'Relearn'},
	learn: {token: 'statLearn', glyph: '░', label: 'Learn'},
	filtered: {token: 'statFiltered', glyph: ':', label: 'Filtered'},
};
const bar: Series = {token: 'statBar', glyph: '█'};

function text(value: string, token?: Token): ViewLine {
	return [token === undefined ? {text: value} : {text: value, token}];
}

function title(name: string, note = ''): ViewLine[] {
	const line: ViewLine = [{text: name, token: 'title'}];
	if (note) line.push({text: `  ${note}`, token: 'muted'});
	return [[], line];
}

/** A legend: a swatch of each series (its glyph without colour) and its label. */
function legend(items: Array<Series & {label: string}>, mono: boolean): ViewLine {
	const line: ViewLine = [{text: INDENT}];
	items.forEach((item, i) => {
		if (i > 0) push(line, '  ');
		push(line, mono ? item.glyph : '■', item.token);
		push(line, ` ${item.label}`);
	});
	return line;
}

/** Adds a y-axis (the top value, then 0) and the indent before chart rows; an x-axis label row below. */
function framed(rows: ViewLine[], maxLabel: string, left: string, right: string, chartWidth: number): ViewLine[] {
	// At least four columns, so the labels of the rows under a chart ("time") fit beside it.
	const axis = Math.max(maxLabel.length, 4);
	const out = rows.map((row, i) => {
		const label = i === 0 ? maxLabel.padStart(axis) : i === rows.length - 1 ? '0'.padStart(axis) : ' '.repeat(axis);
		return [{text: `${INDENT}${label} `, token: 'muted'}, ...row] as ViewLine;
	});
	const gap = Math.max(1, chartWidth - left.length - right.length);
	out.push(text(`${INDENT}${' '.repeat(axis + 1)}${left}${' '.repeat(gap)}${right}`, 'muted'));
	return out;
}

/** Sums consecutive entries into at most `maxBins` bins; returns the bins and days per bin. */
function binned(values: number[][], maxBins: number): {bins: number[][]; size: number} {
	const size = Math.max(1, Math.ceil(values.length / Math.max(1, maxBins)));
	const bins: number[][] = [];
	for (let i = 0; i < values.length; i += size) {
		const chunk = values.slice(i, i + size);
		bins.push(chunk[0]!.map((_, s) => chunk.reduce((sum, v) => sum + v[s]!, 0)));
	}
	return {bins, size};
}

interface Chart {
	lines: ViewLine[];
	/** Days (or values) per bar. */
	size: number;
	barWidth: number;
	/** Columns before the bars (indent and y-axis). */
	offset: number;
}

/** A chart of consecutive values (days, intervals, percents) fitted to the width. */
function chart(values: number[][], series: Series[], options: StatsViewOptions, left: string, right: string, height = CHART_HEIGHT): Chart {
	const maxTotal = Math.max(0, ...values.map((v) => v.reduce((a, b) => a + b, 0)));
	const axisWidth = Math.max(4, num(maxTotal).length) + 1;
	const room = Math.max(8, options.width - INDENT.length - axisWidth - 1);
	const {bins, size} = binned(values, room);
	const barWidth = Math.max(1, Math.min(3, Math.floor(room / Math.max(1, bins.length))));
	const max = Math.max(0, ...bins.map((b) => b.reduce((a, v) => a + v, 0)));
	const rows = columnChart(bins, series, {height, barWidth, mono: options.mono});
	return {lines: framed(rows, num(max), left, right, bins.length * barWidth), size, barWidth, offset: INDENT.length + Math.max(4, num(max).length) + 1};
}

/** A one-row sparkline under a chart, bar for bar: `values` are summed over the chart's bins. */
function underChart(drawn: Chart, values: number[], token: Token, label: string): ViewLine {
	const perBin: number[] = [];
	for (let i = 0; i < values.length; i += drawn.size) perBin.push(values.slice(i, i + drawn.size).reduce((a, b) => a + b, 0));
	const glyphs = Math.max(1, drawn.barWidth - (drawn.barWidth >= 2 ? 1 : 0));
	const spark = sparkline(perBin, token);
	spark.text = [...spark.text].map((ch) => ch.repeat(glyphs).padEnd(drawn.barWidth)).join('');
	return [{text: `${INDENT}${label}`.padEnd(drawn.offset), token: 'muted'}, spark];
}

function range(from: number, to: number): number[] {
	return Array.from({length: Math.max(0, to - from + 1)}, (_, i) => from + i);
}

function todaySection(report: StatsReport): ViewLine[] {
	return [...title('Today'), ...todayLines(report).map((l) => text(INDENT + l))];
}

/** A day relative to today on the Future Due axis. */
function dayLabel(day: number): string {
	return day < 0 ? `${-day}d overdue` : day === 0 ? 'today' : `in ${day}d`;
}

function futureDueSection(report: StatsReport, options: StatsViewOptions): ViewLine[] {
	const {from, to} = report.futureDueTable;
	const days = range(from, to);
	const values = days.map((d) => [report.futureDue[String(d)] ?? 0]);
	const out = title('Future Due', from < 0 ? 'the backlog, then the days ahead' : 'the days ahead');
	if (values.every((v) => v[0] === 0)) out.push(text(`${INDENT}No cards are due in this period.`, 'muted'));
	else {
		out.push(...chart(values, [bar], options, dayLabel(from), dayLabel(to)).lines);
	}
	out.push(...futureDueLines(report).map((l) => text(INDENT + l)));
	return out;
}

function calendarSection(report: StatsReport, options: StatsViewOptions): ViewLine[] {
	const c = report.calendar;
	const out = title('Calendar', 'answers per day, darker is more');
	// At most the year that fits: 53 weeks of one column each.
	const toDay = Date.parse(`${c.to}T00:00:00Z`);
	const yearAgo = new Date(toDay - 370 * 86_400_000).toISOString().slice(0, 10);
	const from = c.from < yearAgo ? yearAgo : c.from;
	const weeks = Math.ceil((toDay - Date.parse(`${from}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
	const cellWidth = weeks * 2 + 6 <= options.width ? 2 : 1;
	const map = heatmap(c.days, from, c.to, c.firstDayOfWeek, 'statHeat', cellWidth);
	out.push([{text: INDENT}, ...map.months], ...map.rows.map((r) => [{text: INDENT}, ...r]));
	out.push(text(INDENT + streakLine(report)));
	return out;
}

function reviewsSection(report: StatsReport, options: StatsViewOptions): ViewLine[] {
	const last = report.reviewsTable.periodDays - 1;
	const days = range(0, last).reverse(); // oldest first
	const order: Array<keyof typeof kinds> = ['mature', 'young', 'relearn', 'learn', 'filtered'];
	const values = days.map((ago) => {
		const day = report.reviews[String(ago)];
		return order.map((k) => day?.[k] ?? 0);
	});
	const out = title('Reviews', 'answers per day, by kind');
	if (report.reviewsTable.total === 0) out.push(text(`${INDENT}No reviews in this period.`, 'muted'));
	else {
		const drawn = chart(values, order.map((k) => kinds[k]), options, `${last}d ago`, 'today');
		out.push(...drawn.lines, legend(order.map((k) => kinds[k]), options.mono));
		// Time per bar, on the same bins as the chart.
		out.push(underChart(drawn, days.map((ago) => report.reviews[String(ago)]?.seconds ?? 0), 'statBar', 'time'));
	}
	out.push(...reviewsLines(report).map((l) => text(INDENT + l)));
	return out;
}

function cardCountsSection(report: StatsReport, options: StatsViewOptions): ViewLine[] {
	const series: Array<Series & {label: string}> = [
		{token: 'statNew', glyph: '·', label: 'New'},
		{token: 'statLearn', glyph: '░', label: 'Learning'},
		{token: 'statRelearn', glyph: '▒', label: 'Relearning'},
		{token: 'statYoung', glyph: '▓', label: 'Young'},
		{token: 'statMature', glyph: '█', label: 'Mature'},
		{token: 'statSuspended', glyph: '-', label: 'Suspended'},
		{token: 'statBuried', glyph: '_', label: 'Buried'},
	];
	const counts = report.cardCounts;
	const values = cardCountRows.map(([key]) => counts[key]);
	const out = title('Card Counts', `${num(counts.total)} cards`);
	out.push([{text: INDENT}, ...proportionBar(values, series, Math.max(10, options.width - 2 * INDENT.length), options.mono)]);
	// Two columns of "■ Label  count  percent".
	const cell = (i: number): ViewLine => {
		const s = series[i]!;
		const line: ViewLine = [];
		push(line, options.mono ? s.glyph : '■', s.token);
		push(line, ` ${s.label.padEnd(11)}${num(values[i]!).padStart(8)} ${pct(values[i]!, counts.total).padStart(7)}`);
		return line;
	};
	for (let i = 0; i < series.length; i += 2) {
		const line: ViewLine = [{text: INDENT}, ...cell(i)];
		if (i + 1 < series.length) line.push({text: '    '}, ...cell(i + 1));
		out.push(line);
	}
	return out;
}

/** A histogram of value → count maps (intervals, ease, difficulty...) over whole-number keys. */
function histogram(map: Record<string, number>, from: number, to: number, options: StatsViewOptions, left: string, right: string): ViewLine[] {
	const values = range(from, to).map((k) => [map[String(k)] ?? 0]);
	return chart(values, [bar], options, left, right, 4).lines;
}

function memorySection(report: StatsReport, options: StatsViewOptions): ViewLine[] {
	const out: ViewLine[] = [];
	if (!report.fsrs) {
		const top = Math.max(1, Math.ceil(report.intervalsTable.percentile95));
		out.push(...title('Review Intervals', `${num(report.intervalsTable.cards)} cards; up to ${plural(top, 'day')} (95% of them)`));
		if (report.intervalsTable.cards) out.push(...histogram(report.intervals, 0, top, options, '0d', `${top}d`));
		const eases = Object.keys(report.ease ?? {}).map(Number);
		out.push(...title('Card Ease', `${num(report.easeTable?.cards ?? 0)} cards`));
		if (eases.length) out.push(...histogram(report.ease!, 130, Math.max(131, ...eases), options, '130%', `${Math.max(131, ...eases)}%`));
	} else {
		const top = Math.max(1, Math.ceil(report.stabilityTable!.percentile95));
		out.push(...title('Card Stability', `${num(report.stabilityTable!.cards)} cards; up to ${plural(top, 'day')} (95% of them)`));
		if (report.stabilityTable!.cards) out.push(...histogram(report.stability!, 0, top, options, '0d', `${top}d`));
		out.push(...title('Card Difficulty'));
		if (report.difficultyTable!.cards) out.push(...histogram(report.difficulty!, 0, 99, options, '0%', '100%'));
		out.push(...title('Card Retrievability'));
		if (report.retrievabilityTable!.cards) out.push(...histogram(report.retrievability!, 0, 99, options, '0%', '100%'));
	}
	out.push(...memoryLines(report).map((l) => text(INDENT + l)));
	return out;
}

function hourlySection(report: StatsReport, options: StatsViewOptions): ViewLine[] {
	const out = title('Hourly Breakdown', 'answers by hour of the day; the line below is % correct');
	const totals = report.hourly.map((h) => [h.total]);
	if (totals.every((t) => t[0] === 0)) {
		out.push(text(`${INDENT}No reviews in this period.`, 'muted'));
		return out;
	}
	const drawn = chart(totals, [bar], options, '0h', '23h', 4);
	out.push(...drawn.lines, underChart(drawn, report.hourly.map((h) => (h.total ? (h.correct / h.total) * 100 : 0)), 'good', '%'));
	out.push(text(INDENT + busiestHourLine(report)));
	return out;
}

function buttonsSection(report: StatsReport, options: StatsViewOptions): ViewLine[] {
	const series: Array<Series & {label: string}> = [
		{token: 'again', glyph: '░', label: 'Again'},
		{token: 'hard', glyph: '▒', label: 'Hard'},
		{token: 'good', glyph: '▓', label: 'Good'},
		{token: 'easy', glyph: '█', label: 'Easy'},
	];
	const out = title('Answer Buttons');
	for (const [key, label] of buttonGroups) {
		const t = report.buttonsTable[key];
		const barWidth = Math.max(10, options.width - 2 * INDENT.length - 40);
		out.push([
			{text: `${INDENT}${label.padEnd(9)}`},
			...proportionBar(report.buttons[key], series, barWidth, options.mono),
			{text: ` ${pct(t.correct, t.total).padStart(7)} correct of ${num(t.total)}`},
		]);
	}
	out.push(legend(series, options.mono));
	return out;
}

function addedSection(report: StatsReport, options: StatsViewOptions): ViewLine[] {
	const keys = Object.keys(report.added).map(Number);
	const last = report.period === 'all' ? Math.max(0, ...keys) : ({'1m': 31, '3m': 90, '1y': 365} as const)[report.period];
	const values = range(0, last).reverse().map((ago) => [report.added[String(ago)] ?? 0]);
	const out = title('Added', 'cards added per day');
	if (report.addedTable.total === 0) out.push(text(`${INDENT}No cards were added in this period.`, 'muted'));
	else out.push(...chart(values, [{token: 'statNew', glyph: '█'}], options, `${last}d ago`, 'today', 4).lines);
	out.push(text(INDENT + addedLine(report)));
	return out;
}

function retentionSection(report: StatsReport): ViewLine[] {
	const out = title('True Retention', 'passed reviews of cards with an interval of a day or more');
	out.push(text(`${INDENT}${''.padEnd(12)}${'Young'.padStart(8)}${'Mature'.padStart(8)}${'Total'.padStart(8)}${'Count'.padStart(9)}`, 'muted'));
	for (const [key, label] of retentionRows) {
		const counts = report.trueRetention[key];
		if (!counts) continue;
		const [young, mature, total, count] = retentionCells(counts);
		out.push(text(`${INDENT}${label.padEnd(12)}${young.padStart(8)}${mature.padStart(8)}${total.padStart(8)}${count.padStart(9)}`));
	}
	return out;
}

/** Every section of the page as rows for a screen `width` columns wide. */
export function statsLines(report: StatsReport, options: StatsViewOptions): ViewLine[] {
	const lines = [
		...todaySection(report),
		...futureDueSection(report, options),
		...calendarSection(report, options),
		...reviewsSection(report, options),
		...cardCountsSection(report, options),
		...memorySection(report, options),
		...hourlySection(report, options),
		...buttonsSection(report, options),
		...addedSection(report, options),
		...retentionSection(report),
	];
	// The first section starts at the top.
	return lines.slice(1);
}
