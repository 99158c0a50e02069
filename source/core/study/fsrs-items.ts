// Review history to FSRS items, exactly as Anki builds them (rslib scheduler/fsrs/params.rs
// reviews_for_fsrs, fsrs_items_for_training; memory_state.rs fsrs_item_for_memory_state; the
// reference stats-and-study.md E.2): the last run of learning answers starts a card's history,
// resets and cram answers cut or drop rows, and `delta_t` counts Anki days before the next rollover.
import type {Collection} from '../collection/types.js';
import {cardSearchWhere} from '../search/index.js';

export interface RevlogRow {
	id: number;
	cid: number;
	ease: number;
	ivl: number;
	lastIvl: number;
	factor: number;
	type: number;
}

export interface FsrsReview {
	rating: number;
	deltaT: number;
}

export interface ReviewsForFsrs {
	/** The rows left after filtering (graded, not cram), oldest first. */
	filtered: RevlogRow[];
	/** Training: one item per later review on a new day; otherwise the whole history as one item. */
	items: Array<{revlogId: number; reviews: FsrsReview[]}>;
	/** The history starts with learning answers (else the memory state starts from SM-2 values). */
	complete: boolean;
}

const isCramming = (row: RevlogRow) => row.type === 3 && row.factor === 0;
const isReset = (row: RevlogRow) => row.type === 4 && row.factor === 0;
const hasRating = (row: RevlogRow) => row.ease > 0;

/** `ignoreBeforeMs`: the preset's "ignore cards reviewed before" as ms (0: none). */
export function reviewsForFsrs(rows: readonly RevlogRow[], nextDayAt: number, training: boolean, ignoreBeforeMs: number): ReviewsForFsrs | null {
	let entries = [...rows];
	let firstOfLastLearn: number | null = null;
	let firstUserGrade: number | null = null;
	let complete = false;
	for (let index = entries.length - 1; index >= 0; index--) {
		const entry = entries[index]!;
		if (isCramming(entry)) continue;
		const interday = entry.ivl >= 1 || entry.ivl <= -86_400;
		if (hasRating(entry) && entry.id > ignoreBeforeMs && interday) firstUserGrade = index;
		if (hasRating(entry) && entry.type === 0) {
			firstOfLastLearn = index;
			complete = true;
		} else if (isReset(entry)) {
			if (firstOfLastLearn !== null) {
				complete = true;
				break;
			} else if (firstUserGrade !== null) {
				complete = false;
				break;
			}
			return null;
		} else if (firstOfLastLearn !== null) {
			break;
		}
	}
	if (training) {
		if (firstOfLastLearn !== null && entries[firstOfLastLearn]!.id < ignoreBeforeMs) return null;
	} else if (firstOfLastLearn !== null && entries[firstOfLastLearn]!.id < ignoreBeforeMs && firstOfLastLearn < entries.length - 1) {
		complete = false;
		firstOfLastLearn = null;
	}
	if (firstOfLastLearn !== null) {
		entries = entries.slice(firstOfLastLearn);
	} else if (training) {
		return null;
	} else {
		if (firstUserGrade === null) return null;
		entries = entries.slice(firstUserGrade);
	}
	entries = entries.filter(entry => hasRating(entry) && !isCramming(entry));
	// Anki days before the next rollover (Rust integer division, floored at 0).
	const daysAgo = (entry: RevlogRow) => Math.max(0, Math.trunc((nextDayAt - Math.floor(entry.id / 1000)) / 86_400));
	const deltas = entries.map((entry, i) => (i === 0 ? 0 : daysAgo(entries[i - 1]!) - daysAgo(entry)));
	const reviews = entries.map((entry, i) => ({rating: entry.ease, deltaT: deltas[i]!}));
	let items: ReviewsForFsrs['items'];
	if (training) {
		items = [];
		for (let i = 1; i < entries.length; i++) if (deltas[i]! > 0) items.push({revlogId: entries[i]!.id, reviews: reviews.slice(0, i + 1)});
	} else {
		items = entries.length > 0 ? [{revlogId: entries.at(-1)!.id, reviews}] : [];
	}
	return items.length === 0 ? null : {filtered: entries, items, complete};
}

export interface TrainingSet {
	/** Each item's reviews, sorted by the revlog id of its last review. */
	items: FsrsReview[][];
	/** The card of each item, aligned with `items`. */
	cardIds: number[];
	/** Reviews used (Anki's "N reviews"). */
	reviewCount: number;
}

/** Anki's `ignoreRevlogsBeforeDate` as ms: the date's UTC midnight ("" → 0). */
export function ignoreBeforeMs(date: string): number {
	if (date.trim() === '') return 0;
	const ms = Date.parse(`${date.trim()}T00:00:00Z`);
	return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Revlog rows of the cards matching `search`, grouped per card in (cid, id) order; the empty
 * search is the whole collection and includes rows of deleted cards, as in Anki's revlog_for_srs.
 */
export function* revlogForSearch(col: Collection, search: string): Generator<RevlogRow[]> {
	const columns = 'r.id, r.cid, r.ease, r.ivl, r.lastIvl, r.factor, r.type';
	let rows: Iterable<RevlogRow>;
	if (search.trim() === '') {
		rows = col.db.prepare(`SELECT ${columns} FROM revlog r ORDER BY r.cid, r.id`).iterate() as Iterable<RevlogRow>;
	} else {
		const where = cardSearchWhere(col, search);
		const from = where.table === 'both' ? 'cards c JOIN notes n ON n.id = c.nid' : 'cards c';
		rows = col.db
			.prepare(`SELECT ${columns} FROM revlog r WHERE r.cid IN (SELECT c.id FROM ${from} WHERE ${where.where}) ORDER BY r.cid, r.id`)
			.iterate(...where.params) as Iterable<RevlogRow>;
	}
	let group: RevlogRow[] = [];
	for (const row of rows) {
		if (group.length > 0 && group[0]!.cid !== row.cid) {
			yield group;
			group = [];
		}
		group.push(row);
	}
	if (group.length > 0) yield group;
}

/** The training items of `search` (rslib fsrs_items_for_training). */
export function trainingItems(col: Collection, search: string, nextDayAt: number, ignoreMs: number): TrainingSet {
	const collected: Array<{revlogId: number; cid: number; reviews: FsrsReview[]}> = [];
	let reviewCount = 0;
	for (const rows of revlogForSearch(col, search)) {
		const result = reviewsForFsrs(rows, nextDayAt, true, ignoreMs);
		if (!result) continue;
		reviewCount += result.filtered.length;
		for (const item of result.items) collected.push({revlogId: item.revlogId, cid: rows[0]!.cid, reviews: item.reviews});
	}
	collected.sort((a, b) => a.revlogId - b.revlogId);
	return {items: collected.map(c => c.reviews), cardIds: collected.map(c => c.cid), reviewCount};
}

/** Anki's search for a preset's optimisation: its own, else `preset:"NAME" -is:suspended`. */
export function presetSearch(name: string, paramSearch: string): string {
	if (paramSearch.trim() !== '') return paramSearch;
	return `preset:"${name.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}" -is:suspended`;
}
