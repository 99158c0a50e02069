// FSRS statistics of the cards that have a memory state (rslib stats/graphs/{eases,intervals,
// retrievability}.rs): difficulty, stability and retrievability, in f32 as Anki computes them.
// Only cards with a state are read, so an SM-2 collection costs one filtered scan.
import {parseCardData} from '../collection/card-data.js';
import {currentRetrievability} from '../collection/sql-functions.js';
import {CardQueue, CardType} from '../model.js';
import {hasMemoryStateSql} from './card-graphs.js';
import type {StatsContext} from './context.js';

const f32 = Math.fround;
const DAY = 86400;
/** fsrs-rs FSRS5_DEFAULT_DECAY, for cards whose data has no `decay`. */
const DEFAULT_DECAY = 0.5;

export interface MemoryStats {
	/** Cards with a memory state. */
	cards: number;
	/** Difficulty as a percent of the 1-10 range, in 1% bins (0-99). */
	difficulty: Map<number, number>;
	medianDifficulty: number;
	/** Stability rounded to whole days. */
	stability: Map<number, number>;
	/** Retrievability now, in 1% bins (0-99). */
	retrievability: Map<number, number>;
	/** Mean retrievability in percent (0 when no card has a state). */
	averageRetrievability: number;
	/** "Estimated total knowledge": Σ R over cards, and Σ over notes of the mean R of all their cards. */
	knownCards: number;
	knownNotes: number;
}

export interface CardStateRow {
	id: number;
	nid: number;
	data: string;
	type: number;
	queue: number;
	due: number;
	odue: number;
	odid: number;
	ivl: number;
}

/** Rust's `percent_to_bin(x, 1)`: whole percent, with 100 in the last bin. */
function percentBin(x: number): number {
	return x === 100 ? 99 : Math.max(0, Math.floor(x));
}

/** Rust `f32::round`: half away from zero. */
function roundHalfAway(x: number): number {
	return x < 0 ? -Math.round(-x) : Math.round(x);
}

function median(values: number[]): number {
	if (values.length === 0) return 0;
	const sorted = Float32Array.from(values).sort();
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 0 ? f32(f32(sorted[mid - 1]! + sorted[mid]!) / 2) : sorted[mid]!;
}

/**
 * Seconds since the card's last review (rslib browser_table.rs `seconds_since_last_review`): the
 * stored `lrt`, else inferred from a day due and the interval, else the learning due timestamp. The
 * result is a u32, so a last review "in the future" wraps as in Anki.
 */
export function secondsSinceLastReview(card: CardStateRow, lrt: number | undefined, now: number, today: number): number {
	if (lrt !== undefined) return (now - lrt) >>> 0;
	const due = card.odid !== 0 ? card.odue : card.due;
	const dueInDays =
		(card.type !== CardType.New && due <= 365_000) ||
		card.queue === CardQueue.DayLearn ||
		card.queue === CardQueue.Review ||
		(card.type === CardType.Review && card.queue < 0);
	if (!dueInDays) return (now - due) >>> 0;
	const dueTime = card.queue === CardQueue.Learn ? due : now + (due - today) * DAY;
	return (now - (dueTime - DAY * card.ivl)) >>> 0;
}

export function memoryStats(ctx: StatsContext): MemoryStats {
	const rows = ctx.col.db
		.prepare(`SELECT id, nid, data, type, queue, due, odue, odid, ivl FROM cards WHERE ${ctx.cardScope} AND ${hasMemoryStateSql} ORDER BY id`)
		.all() as CardStateRow[];
	const out: MemoryStats = {
		cards: rows.length,
		difficulty: new Map(),
		medianDifficulty: 0,
		stability: new Map(),
		retrievability: new Map(),
		averageRetrievability: 0,
		knownCards: 0,
		knownNotes: 0,
	};
	if (rows.length === 0) return out;
	const bump = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);
	const difficulties: number[] = [];
	const byNote = new Map<number, number>();
	let sumByCard = 0;
	for (const row of rows) {
		const data = parseCardData(row.data);
		const stability = f32(data.s!);
		const difficulty = f32(f32(f32(data.d!) - 1) / 9);
		bump(out.difficulty, percentBin(f32(difficulty * 100)));
		difficulties.push(difficulty);
		bump(out.stability, roundHalfAway(stability));
		const elapsed = secondsSinceLastReview(row, data.lrt, ctx.now, ctx.today);
		const r = currentRetrievability(stability, f32(f32(elapsed) / DAY), data.decay ?? DEFAULT_DECAY);
		bump(out.retrievability, percentBin(f32(r * 100)));
		sumByCard = f32(sumByCard + r);
		byNote.set(row.nid, f32((byNote.get(row.nid) ?? 0) + r));
	}
	out.medianDifficulty = f32(median(difficulties) * 100);
	out.averageRetrievability = f32(f32(sumByCard * 100) / rows.length);
	out.knownCards = sumByCard;
	// Every card of the note in scope counts in the note's mean, with or without a state.
	const noteCards = ctx.col.db.prepare(`SELECT nid, count(*) FROM cards WHERE ${ctx.cardScope} GROUP BY nid`).raw().all() as number[][];
	let sumByNote = 0;
	for (const [nid, count] of noteCards) {
		const sum = byNote.get(nid!);
		if (sum !== undefined) sumByNote = f32(sumByNote + f32(sum / count!));
	}
	out.knownNotes = sumByNote;
	return out;
}
