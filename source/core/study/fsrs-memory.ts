// What Anki does to cards after FSRS settings change (rslib scheduler/fsrs/memory_state.rs
// update_memory_state; the reference stats-and-study.md E.5): FSRS turned off clears the memory
// state of cards with history; otherwise each non-new card of the decks concerned gets its memory
// state rebuilt from its history, the desired retention and decay in effect, and, when asked,
// a new due date with a type-5 ("Rescheduled") revlog row.
import type {Collection} from '../collection/types.js';
import type {DeckConfig} from '../model.js';
import {parseCardData, serializeCardData} from '../collection/card-data.js';
import {insertRevlog} from '../collection/revlog.js';
import {readSchedulerSettings, timingAt} from '../scheduler/collection-settings.js';
import {difficultyShifted, fsrsModel, type FsrsModel} from '../scheduler/fsrs.js';
import {minimumReviewFuzzInterval, withReviewFuzz} from '../scheduler/fuzz.js';
import {fuzzFactorFromSeed, fuzzSeed} from '../scheduler/rng.js';
import type {MemoryState} from '../scheduler/states/types.js';
import {ignoreBeforeMs, reviewsForFsrs, type RevlogRow} from './fsrs-items.js';

export interface MemoryRecomputeRequest {
	/** Per preset: the decks whose cards are recomputed (cards whose home deck is one of them too). */
	entries: Array<{config: DeckConfig | null; deckIds: number[]}>;
	fsrs: boolean;
	reschedule: boolean;
	/** Decks with their own desired retention. */
	deckRetention: ReadonlyMap<number, number>;
	nowMs: number;
}

export interface MemoryRecompute {
	cardsUpdated: number;
	cardsRescheduled: number;
}

interface CardRow {
	id: number;
	did: number;
	odid: number;
	type: number;
	queue: number;
	due: number;
	odue: number;
	ivl: number;
	reps: number;
	data: string;
}

/** The decay a preset's parameters imply (rslib get_decay_from_params). */
export function decayOf(params: readonly number[]): number {
	if (params.length === 0) return 0.1542;
	return params.length >= 21 ? params[20]! : 0.5;
}

/** A card's memory state from its history (rslib fsrs_item_for_memory_state + FSRS::memory_state). */
export function memoryStateFromHistory(
	model: FsrsModel,
	rows: readonly RevlogRow[],
	nextDayAt: number,
	historicalRetention: number,
	ignoreMs: number,
): MemoryState | null {
	const result = reviewsForFsrs(rows, nextDayAt, false, ignoreMs);
	if (!result) return null;
	let reviews = result.items[0]!.reviews;
	let memory: MemoryState | null = null;
	if (!result.complete) {
		const first = result.filtered[0];
		if (!first) return null;
		const ease = (first.factor === 0 ? 2500 : first.factor) / 1000;
		memory = model.memoryFromSm2(ease, Math.max(first.ivl, 1), historicalRetention);
		// An ease of 1.1 or less was written by FSRS: it is the difficulty, shifted.
		if (ease <= 1.1) memory = {...memory, difficulty: Math.fround(Math.fround(Math.fround(ease - 0.1) * 9) + 1)};
		reviews = reviews.slice(1);
	}
	for (const review of reviews) memory = model.step(memory, review.deltaT, review.rating);
	return memory;
}

/** When the card was last answered and the interval before that answer, for rescheduling. */
function lastReviewInfo(rows: readonly RevlogRow[]): {lastSecs: number | null; previousInterval: number} {
	let lastSecs: number | null = null;
	let previousInterval = 0;
	for (const row of rows) {
		if (row.ease > 0 && !(row.type === 3 && row.factor === 0)) {
			lastSecs = Math.floor(row.id / 1000);
			previousInterval = row.lastIvl >= 0 && row.ease > 1 ? row.lastIvl : 0;
		} else if (row.type === 4 && row.factor === 0) {
			lastSecs = null;
			previousInterval = 0;
		}
	}
	return {lastSecs, previousInterval};
}

export function recomputeMemoryStates(col: Collection, request: MemoryRecomputeRequest): MemoryRecompute {
	const settings = readSchedulerSettings(col);
	const timing = timingAt(settings, request.nowMs);
	const nowSecs = Math.floor(request.nowMs / 1000);
	const update = col.db.prepare('UPDATE cards SET data = ?, ivl = ?, due = ?, odue = ?, mod = ?, usn = -1 WHERE id = ?');
	let cardsUpdated = 0;
	let cardsRescheduled = 0;
	for (const {config, deckIds} of request.entries) {
		if (deckIds.length === 0) continue;
		const ids = deckIds.map(id => Math.trunc(id)).join(',');
		// Anki's `did:IDS -is:new`, which matches home decks too.
		const cards = col.db
			.prepare(`SELECT id, did, odid, type, queue, due, odue, ivl, reps, data FROM cards WHERE (did IN (${ids}) OR odid IN (${ids})) AND type != 0`)
			.all() as CardRow[];
		const history = col.db.prepare('SELECT id, cid, ease, ivl, lastIvl, factor, type FROM revlog WHERE cid = ? ORDER BY id');
		const params = config?.fsrsParams ?? [];
		const model = fsrsModel(params);
		const decay = decayOf(params);
		const historical = Number(config?.extra?.['sm2Retention'] ?? 0.9) || 0.9;
		const ignoreMs = ignoreBeforeMs(String(config?.extra?.['ignoreRevlogsBeforeDate'] ?? ''));
		const maxIvl = config?.maximumReviewInterval ?? 36_500;
		for (const card of cards) {
			const rows = history.all(card.id) as RevlogRow[];
			// Cards without any history are left as they are.
			if (rows.length === 0) continue;
			const data = parseCardData(card.data);
			let {ivl, due, odue} = card;
			if (!request.fsrs || !config) {
				delete data.s;
				delete data.d;
				delete data.dr;
				delete data.decay;
			} else {
				data.dr = request.deckRetention.get(card.odid || card.did) ?? config.desiredRetention;
				data.decay = decay;
				const memory = memoryStateFromHistory(model, rows, timing.nextDayAt, historical, ignoreMs);
				if (memory) {
					data.s = memory.stability;
					data.d = memory.difficulty;
				} else {
					delete data.s;
					delete data.d;
				}
				const last = lastReviewInfo(rows);
				if (request.reschedule && memory && last.lastSecs !== null && card.type === 2 && card.queue !== -1) {
					const daysElapsed = Math.trunc((timing.nextDayAt - last.lastSecs) / 86_400);
					const interval = model.interval(memory.stability, data.dr);
					const minimum = Math.max(1, minimumReviewFuzzInterval(interval, last.previousInterval, maxIvl));
					// get_fuzz_seed(card, true): rescheduling seeds with reps - 1.
					const factor = fuzzFactorFromSeed(fuzzSeed(card.id, Math.max(0, card.reps - 1)));
					const newIvl = withReviewFuzz(interval, minimum, maxIvl, factor);
					const newDue = timing.today - daysElapsed + newIvl;
					if (odue !== 0) odue = newDue;
					else due = newDue;
					insertRevlog(col.db, {
						id: request.nowMs,
						cid: card.id,
						usn: -1,
						ease: 0,
						ivl: newIvl,
						lastIvl: card.ivl,
						factor: difficultyShifted(memory.difficulty),
						time: 0,
						type: 5,
					});
					ivl = newIvl;
					cardsRescheduled++;
				}
			}
			// Anki's update_card_inner writes every card it visited, with mod and usn.
			update.run(serializeCardData(data), ivl, due, odue, nowSecs, card.id);
			cardsUpdated++;
		}
	}
	return {cardsUpdated, cardsRescheduled};
}
