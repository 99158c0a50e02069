// Charts as styled text rows: stacked column charts with eighth-block tops, one-row sparklines,
// proportion bars and a calendar heatmap. Colours are theme tokens; without colour (the `none`
// theme) every series keeps a glyph of its own, so the charts still read.
import type {Token} from '../theme.js';
import type {ViewLine, ViewSpan} from '../view-types.js';

/** One series in a chart: its theme token, and the glyph that stands for it without colour. */
export interface Series {
	token: Token;
	glyph: string;
}

const eighths = ['', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const sparks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Appends text to a line, merging it into the last span when the look is the same. */
export function push(line: ViewLine, text: string, token?: Token): void {
	const last = line.at(-1);
	if (last && last.token === token) last.text += text;
	else line.push(token === undefined ? {text} : {text, token});
}

export interface ColumnChartOptions {
	/** Rows of bars. */
	height: number;
	/** Characters per bar (the last one a gap when 2 or more). */
	barWidth: number;
	/** No colour: whole cells only, each in its series' glyph. */
	mono: boolean;
	/** The value of a full-height bar (default: the largest bar). */
	max?: number;
}

/**
 * Stacked columns, bottom series first: `bars[i][s]` is bar i's value for series s. Returns the
 * rows top first. With colour each cell is a full block in the colour of the series filling most
 * of it, the top one an eighth block; without colour, whole cells in the series' glyphs.
 */
export function columnChart(bars: number[][], series: Series[], options: ColumnChartOptions): ViewLine[] {
	const {height, barWidth, mono} = options;
	const max = options.max ?? Math.max(0, ...bars.map((b) => b.reduce((a, v) => a + v, 0)));
	const unit = mono ? 1 : 8; // resolution of a cell
	const rows: ViewLine[] = Array.from({length: height}, () => []);
	const glyphs = Math.max(1, barWidth - (barWidth >= 2 ? 1 : 0));
	const gap = ' '.repeat(barWidth - glyphs);
	for (const bar of bars) {
		// Cumulative tops of each series, in cell units (a bar that is not empty shows at least a sliver).
		const tops: number[] = [];
		let sum = 0;
		for (const value of bar) {
			sum += value;
			tops.push(max > 0 ? (sum / max) * height * unit : 0);
		}
		const total = tops.at(-1) ?? 0;
		const filled = sum > 0 ? Math.max(1, Math.round(total)) : 0;
		for (let r = 0; r < height; r++) {
			const row = rows[height - 1 - r]!;
			const bottom = r * unit;
			const inCell = Math.min(unit, Math.max(0, filled - bottom));
			if (inCell === 0) {
				push(row, ' '.repeat(glyphs) + gap);
				continue;
			}
			// The series covering the middle of what is drawn in this cell.
			const middle = (bottom + bottom + inCell) / 2;
			const s = Math.max(0, tops.findIndex((top) => top >= middle));
			const glyph = mono ? series[s]!.glyph : eighths[inCell]!;
			push(row, glyph.repeat(glyphs), series[s]!.token);
			if (gap) push(row, gap);
		}
	}
	return rows;
}

/** One row: each value as an eighth-block height against the largest. */
export function sparkline(values: number[], token: Token): ViewSpan {
	const max = Math.max(0, ...values);
	const text = values.map((v) => (v <= 0 || max === 0 ? ' ' : sparks[Math.min(7, Math.floor((v / max) * 8))]!)).join('');
	return {text, token};
}

/** A bar `width` cells wide split among the parts by value (largest remainders), for shares of a whole. */
export function proportionBar(values: number[], series: Series[], width: number, mono: boolean): ViewLine {
	const total = values.reduce((a, b) => a + b, 0);
	const line: ViewLine = [];
	if (total === 0) {
		push(line, '·'.repeat(width), 'muted');
		return line;
	}
	const exact = values.map((v) => (v / total) * width);
	const cells = exact.map(Math.floor);
	const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
	for (let k = 0; cells.reduce((a, b) => a + b, 0) < width; k++) cells[order[k % order.length]![1]]! += 1;
	cells.forEach((n, i) => {
		if (n > 0) push(line, (mono ? series[i]!.glyph : '█').repeat(n), series[i]!.token);
	});
	return line;
}

/** Heat levels of a calendar cell, from no answers to the busiest day (square-root scale, as Anki's). */
const heatGlyphs = ['·', '░', '▒', '▓', '█'];

export function heatLevel(count: number, max: number): number {
	if (count <= 0 || max <= 0) return 0;
	return Math.min(4, 1 + Math.floor(Math.sqrt(count / max) * 3.999));
}

export interface Heatmap {
	/** Seven rows, one per weekday from the first day of the week, with their labels. */
	rows: ViewLine[];
	/** The month names above the weeks where a month starts. */
	months: ViewLine;
}

const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dayNumber(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}

function dateOf(day: number): Date {
	return new Date(day * 86_400_000);
}

/**
 * Weeks as columns, weekdays as rows (like a contribution calendar), from `from` to `to`
 * (YYYY-MM-DD). Days before `from` or after `to` stay blank; days without answers show a dot.
 */
export function heatmap(days: Record<string, number>, from: string, to: string, firstDayOfWeek: number, token: Token, cellWidth: number): Heatmap {
	const start = dayNumber(from);
	const end = dayNumber(to);
	// Day numbers count from 1970-01-01, a Thursday (weekday 4).
	const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;
	const firstColumn = start - ((weekday(start) - firstDayOfWeek + 7) % 7);
	const weeks = Math.floor((end - firstColumn) / 7) + 1;
	const max = Math.max(0, ...Object.values(days));
	const label = 4;
	const rows: ViewLine[] = [];
	for (let r = 0; r < 7; r++) {
		const line: ViewLine = [{text: `${weekdayNames[(firstDayOfWeek + r) % 7]} `, token: 'muted'}];
		for (let w = 0; w < weeks; w++) {
			const day = firstColumn + w * 7 + r;
			const pad = ' '.repeat(cellWidth - 1);
			if (day < start || day > end) {
				push(line, ' ' + pad);
				continue;
			}
			const date = dateOf(day).toISOString().slice(0, 10);
			const level = heatLevel(days[date] ?? 0, max);
			push(line, heatGlyphs[level]!, level === 0 ? 'muted' : token);
			if (pad) push(line, pad);
		}
		rows.push(line);
	}
	// A month's name goes over the week holding its first day (the first week: its own month), and
	// is left out where it would run into the next one.
	const marks: Array<{at: number; name: string}> = [];
	for (let w = 0; w < weeks; w++) {
		const last = dateOf(firstColumn + w * 7 + 6);
		if (w === 0 || last.getUTCDate() <= 7) marks.push({at: label + w * cellWidth, name: monthNames[last.getUTCMonth()]!});
	}
	let months = '';
	marks.forEach((mark, i) => {
		const next = marks[i + 1];
		if (months.length <= mark.at && (!next || mark.at + mark.name.length < next.at)) months = months.padEnd(mark.at) + mark.name;
	});
	return {rows, months: [{text: months, token: 'muted'}]};
}
