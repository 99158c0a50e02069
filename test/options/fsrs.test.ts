// FSRS from the options page: training items exactly as Anki builds them (rslib params.rs test
// vectors), Optimize and Evaluate against fsrs-rs called directly on the same items, memory states
// recomputed when FSRS is turned on and off, rescheduling with type-5 revlog rows.
import {afterEach, describe, expect, it} from 'vitest';
import * as binding from '@open-spaced-repetition/binding';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {parseCardData} from '../../source/core/collection/card-data.js';
import {fsrsModel} from '../../source/core/scheduler/fsrs.js';
import {reviewsForFsrs, trainingItems, presetSearch, ignoreBeforeMs, type RevlogRow} from '../../source/core/study/fsrs-items.js';
import {
	TRAINING_CONFIG,
	bindingItems,
	evaluatePreset,
	optimizePreset,
	presetForFsrs,
	presetTrainingSet,
	relearningStepsInDay,
} from '../../source/core/study/fsrs-optimize.js';
import {memoryStateFromHistory} from '../../source/core/study/fsrs-memory.js';
import {currentPreset, loadOptions, saveOptions, setOptionText} from '../../source/core/study/presets.js';
import {copyToTemp, noticeIfNoShared, projectRoot, sharedFile} from '../helpers/shared.js';

const NEXT_DAY_AT = 86_400 * 1000;
let nextId = 0;
/** A row as rslib's tests make them: `days_ago` before the rollover, Good, interval 1. */
function row(type: number, daysAgo: number, extra: Partial<RevlogRow> = {}): RevlogRow {
	const ease = type === 4 || type === 5 ? 0 : 3;
	return {id: (NEXT_DAY_AT - daysAgo * 86_400) * 1000 + nextId++ % 1, cid: 1, ease, ivl: 1, lastIvl: 0, factor: 0, type, ...extra};
}
const L = 0;
const R = 1;
const FILTERED = 3;
const MANUAL = 4;
const items = (rows: RevlogRow[], training = true, ignore = 0) =>
	reviewsForFsrs(rows, NEXT_DAY_AT, training, ignore)?.items.map(item => item.reviews.map(r => r.deltaT)) ?? null;

describe("training items (rslib params.rs tests' vectors)", () => {
	it('delta_t counts Anki days before the rollover', () => {
		expect(items([row(L, 1), row(R, 0)])).toEqual([[0, 1]]);
		expect(items([row(L, 15), row(L, 13), row(R, 10), row(R, 5)])).toEqual([
			[0, 2],
			[0, 2, 3],
			[0, 2, 3, 5],
		]);
		expect(items([row(L, 15), row(L, 13)])).toEqual([[0, 2]]);
	});

	it('drops cram answers and set-due-date rows', () => {
		expect(items([row(L, 10), row(R, 9), row(FILTERED, 7), row(R, 4)])).toEqual([
			[0, 1],
			[0, 1, 5],
		]);
		expect(items([row(L, 10), row(R, 9), row(MANUAL, 7, {factor: 100}), row(R, 4)])).toEqual([
			[0, 1],
			[0, 1, 5],
		]);
	});

	it('a reset drops the history before it; a card without learning answers trains nothing', () => {
		expect(items([row(L, 10), row(R, 9), row(MANUAL, 8), row(L, 7), row(R, 5)])).toEqual([[0, 2]]);
		expect(items([row(R, 10), row(R, 5)])).toBeNull();
		// Not training (memory state): the history starts at the first graded interday answer.
		expect(items([row(R, 10), row(R, 5)], false)).toEqual([[0, 5]]);
	});

	it('ignores cards whose learning began before the ignore date when training', () => {
		const ignore = (NEXT_DAY_AT - 12 * 86_400) * 1000;
		expect(items([row(L, 15), row(R, 10), row(R, 5)], true, ignore)).toBeNull();
		expect(items([row(L, 11), row(R, 10), row(R, 5)], true, ignore)).toEqual([
			[0, 1],
			[0, 1, 5],
		]);
		expect(ignoreBeforeMs('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
		expect(ignoreBeforeMs('')).toBe(0);
	});

	it("Anki's search for a preset, and the relearning steps within a day", () => {
		expect(presetSearch('My "deck"', '')).toBe('preset:"My \\"deck\\"" -is:suspended');
		expect(presetSearch('x', 'deck:Spanish')).toBe('deck:Spanish');
		expect(relearningStepsInDay([10, 60, 1440])).toBe(2);
	});
});

describe.runIf(noticeIfNoShared())('Optimize, Evaluate and memory states on a real collection with history', () => {
	const cleanups: Array<() => void> = [];
	afterEach(() => {
		while (cleanups.length > 0) cleanups.pop()!();
	});

	/** A real schema-14 collection: 4,110 cards, 4,490 revlog rows over two years. */
	async function open(): Promise<Collection> {
		const temp = copyToTemp(sharedFile('schema14-japanese-furigana.anki2'));
		const col = openCollection(temp.file);
		cleanups.push(temp.cleanup, () => col.close());
		return col;
	}
	const NOW = Date.UTC(2026, 10, 20, 12);

	it('builds items from the revlog of the preset, sorted by the last review, cards aligned', async () => {
		const col = await open();
		const set = trainingItems(col, '', Math.floor(NOW / 1000) + 3600, 0);
		expect(set.items.length).toBe(1800);
		expect(set.reviewCount).toBe(3759);
		expect(set.cardIds).toHaveLength(set.items.length);
		for (const reviews of set.items) {
			expect(reviews[0]!.deltaT).toBe(0);
			expect(reviews.at(-1)!.deltaT).toBeGreaterThan(0);
		}
		const preset = presetTrainingSet(col, presetForFsrs({name: 'Default'}), NOW);
		expect(preset.items.length).toBeGreaterThan(0);
	});

	it('Optimize gives what fsrs-rs gives when called directly on the same items, and Evaluate its metrics', async () => {
		const col = await open();
		const preset = presetForFsrs({name: 'Default', lapse: {delays: [10]}});
		const set = presetTrainingSet(col, preset, NOW);
		const direct = await binding.computeParameters(bindingItems(binding, set.items), {
			enableShortTerm: true,
			numRelearningSteps: 1,
			trainingConfig: {...TRAINING_CONFIG},
		});
		const ours = await optimizePreset(col, preset, {nowMs: NOW});
		expect(ours.items).toBe(set.items.length);
		expect(direct).toHaveLength(21);
		// Defaults are kept only if the trained parameters do not fit better: then they are the defaults.
		const defaultsLoss = new binding.FSRSBinding([]).evaluate(bindingItems(binding, set.items)).logLoss;
		const directLoss = new binding.FSRSBinding(direct).evaluate(bindingItems(binding, set.items)).logLoss;
		expect(ours.params).toEqual(defaultsLoss <= directLoss ? [] : direct);
		const evaluation = await evaluatePreset(col, {...preset, params: direct}, NOW);
		expect(evaluation.logLoss).toBeCloseTo(directLoss, 6);
		expect(evaluation.rmseBins).toBeGreaterThan(0);
	});

	it("memory states match fsrs-rs's chained next states on every card's history", async () => {
		const col = await open();
		const nextDayAt = Math.floor(NOW / 1000) + 3600;
		const model = fsrsModel([]);
		const direct = new binding.FSRSBinding([]);
		const cards = col.db.prepare('SELECT DISTINCT cid FROM revlog').pluck().all() as number[];
		let compared = 0;
		for (const cid of cards) {
			const rows = col.db.prepare('SELECT id, cid, ease, ivl, lastIvl, factor, type FROM revlog WHERE cid = ? ORDER BY id').all(cid) as RevlogRow[];
			const result = reviewsForFsrs(rows, nextDayAt, false, 0);
			if (!result?.complete) continue;
			const ours = memoryStateFromHistory(model, rows, nextDayAt, 0.9, 0)!;
			let state: binding.BindingMemoryState | null = null;
			for (const review of result.items[0]!.reviews) {
				const next: binding.BindingNextStates = direct.nextStates(state, 0.9, review.deltaT);
				state = [next.again, next.hard, next.good, next.easy][review.rating - 1]!.memory;
			}
			expect(ours.stability).toBeCloseTo(state!.stability, 3);
			expect(ours.difficulty).toBeCloseTo(state!.difficulty, 4);
			compared++;
		}
		expect(compared).toBeGreaterThan(50);
	});

	it('turning FSRS on writes memory states, dr and decay; rescheduling adds type-5 rows; off clears them', async () => {
		const col = await open();
		const deck = col.adapter.decks().find(d => d.normal && d.id !== 1) ?? col.adapter.decks().find(d => d.normal)!;
		const withHistory = col.db.prepare('SELECT count(DISTINCT cid) FROM revlog r JOIN cards c ON c.id = r.cid WHERE c.type != 0').pluck().get() as number;
		let draft = setOptionText(loadOptions(col, deck.id, NOW), 'conf.fsrs', 'on');
		draft = {...draft, reschedule: true};
		const on = saveOptions(col, draft, {nowMs: NOW});
		expect(on.memory!.cardsUpdated).toBeGreaterThan(0);
		expect(col.adapter.getConfig('fsrs')).toBe(true);
		const sample = col.db.prepare("SELECT data FROM cards WHERE data LIKE '%\"s\"%'").pluck().all() as string[];
		expect(sample.length).toBeGreaterThan(0);
		const data = parseCardData(sample[0]!);
		expect(data.dr).toBe(0.9);
		expect(data.decay).toBe(0.154);
		const rescheduled = col.db.prepare('SELECT count(), min(ease), max(time), min(usn) FROM revlog WHERE type = 5').raw().get() as number[];
		expect(rescheduled[0]).toBe(on.memory!.cardsRescheduled);
		expect(rescheduled.slice(1)).toEqual(on.memory!.cardsRescheduled > 0 ? [0, 0, -1] : [null, null, null]);
		expect(on.memory!.cardsUpdated).toBeLessThanOrEqual(withHistory);

		saveOptions(col, setOptionText(loadOptions(col, deck.id, NOW + 1000), 'conf.fsrs', 'off'), {nowMs: NOW + 1000});
		expect(col.db.prepare("SELECT count() FROM cards WHERE data LIKE '%\"s\"%' OR data LIKE '%\"dr\"%'").pluck().get()).toBe(0);
		expect(currentPreset(loadOptions(col, deck.id, NOW)).name).toBeTruthy();
	});
});

describe('Optimize on a collection with little history', () => {
	it('keeps the current parameters when too few items are left to compare on (no crash)', async () => {
		const temp = copyToTemp(`${projectRoot}/fixtures/schema18.anki2`);
		const col = openCollection(temp.file);
		try {
			const preset = presetForFsrs({name: 'Default'});
			const set = presetTrainingSet(col, preset);
			expect(set.items.length).toBeGreaterThan(0);
			const result = await optimizePreset(col, preset);
			expect(result).toMatchObject({params: [], unchanged: true, items: set.items.length});
		} finally {
			col.close();
			temp.cleanup();
		}
	});
});
