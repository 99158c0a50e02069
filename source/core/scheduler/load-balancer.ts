// Anki's load balancer (rslib states/load_balancer.rs): within the same constrained fuzz range, a
// review interval of up to 90 days is picked by a weighted draw that favours days with fewer cards
// of the same preset, keeps siblings apart (when reviews bury siblings) and honours easy days.
// Counts come from one GROUP BY at queue build and are then kept in memory as Anki keeps its cache.
import type Database from 'better-sqlite3';
import {dueCountsByDeckAndDay, noteCardsDueInRange} from '../collection/cards.js';
import {easyDaysModifiers, parseEasyDays, weekdayOfInterval, type EasyDay} from './easy-days.js';
import {constrainedFuzzBounds} from './fuzz.js';
import {fuzzFactorFromSeed} from './rng.js';

const f32 = Math.fround;
const MAX_BALANCED_INTERVAL = 90;
/** `(90f32 * 1.1) as usize`: days kept, a little past the largest interval balanced. */
export const LOAD_BALANCE_DAYS = 99;
const SIBLING_STEPS = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5];
const SIBLING_FACTORS = [1.0, 0.8, 0.6, 0.4, 0.2, 0.000001, 0.2, 0.4, 0.6, 0.8, 1.0].map(f32);
const ONE_MINUS_EPSILON = f32(1 - 2 ** -23);

export interface LoadBalancerInputs {
	db: Database.Database;
	today: number;
	/** Next rollover (unix secs): easy-day weekdays are counted from it. */
	nextDayAt: number;
	/** Preset id of every normal deck (filtered decks have none, so their cards are not counted). */
	configIdByDeck: ReadonlyMap<number, number>;
	/**
	 * Presets whose cards the session may answer (the only ones ever balanced); default all. Anki
	 * counts every preset, but the others' counts are never read.
	 */
	configIds?: ReadonlySet<number>;
	/** `easyDaysPercentages` of every preset. */
	easyDaysByConfig: ReadonlyMap<number, readonly number[] | undefined>;
	/** Fixed offset for weekdays (tests); default the system time zone, as Anki uses. */
	minutesWest?: number;
}

/** The balancer as one answer sees it: its preset, the note when siblings should be spread, the fuzz seed. */
export interface BalancerContext {
	find(interval: number, minimum: number, maximum: number): number | null;
}

export class LoadBalancer {
	/** Cards per day (index = days from today) per preset; only presets that had cards due in range. */
	private readonly days = new Map<number, Int32Array>();
	private readonly easyDays = new Map<number, readonly EasyDay[]>();
	/** Cards answered this session: where the cache holds them (their snapshot day, then each answer's day). */
	private readonly answered = new Map<number, {nid: number; entries: Array<{configId: number; day: number}>}>();
	/** Per note: the days of its answered cards' cache entries. */
	private readonly daysByNote = new Map<number, number[]>();

	private constructor(private readonly inputs: LoadBalancerInputs) {
		for (const [id, percentages] of inputs.easyDaysByConfig) this.easyDays.set(id, parseEasyDays(percentages));
		const dids = [...inputs.configIdByDeck].filter(([, id]) => !inputs.configIds || inputs.configIds.has(id)).map(([did]) => did);
		for (const [did, due, count] of dueCountsByDeckAndDay(inputs.db, dids, inputs.today, inputs.today + LOAD_BALANCE_DAYS)) {
			const configId = inputs.configIdByDeck.get(did)!;
			let perDay = this.days.get(configId);
			if (!perDay) this.days.set(configId, (perDay = new Int32Array(LOAD_BALANCE_DAYS)));
			perDay[due - inputs.today]! += count;
		}
	}

	static build(inputs: LoadBalancerInputs): LoadBalancer {
		return new LoadBalancer(inputs);
	}

	/** Cards counted on a day for a preset (tests and diagnostics). */
	countOn(configId: number, day: number): number {
		return this.days.get(configId)?.[day] ?? 0;
	}

	/** `noteId` only when the card's preset buries review siblings; null `seed` (no fuzz) disables balancing. */
	context(configId: number, noteId: number | null, seed: bigint | null): BalancerContext | null {
		if (seed === null) return null;
		let siblings: Set<number> | null | undefined;
		return {
			find: (interval, minimum, maximum) => {
				if (siblings === undefined) siblings = noteId === null ? null : this.siblingDays(noteId);
				return this.findInterval(interval, minimum, maximum, configId, seed, siblings);
			},
		};
	}

	/** Call before the answered card's row is rewritten: the cache keeps it on its snapshot day. */
	noteAnswering(card: {id: number; nid: number; did: number; due: number}): void {
		if (this.answered.has(card.id)) return;
		const record = {nid: card.nid, entries: [] as Array<{configId: number; day: number}>};
		this.answered.set(card.id, record);
		const day = card.due - this.inputs.today;
		const configId = this.inputs.configIdByDeck.get(card.did); // the snapshot counts cards by their current deck
		if (day >= 0 && day < LOAD_BALANCE_DAYS && configId !== undefined) {
			record.entries.push({configId, day});
			this.noteDay(card.nid, day);
		}
	}

	/** A card answered into the review queue joins its new day (it stays on its old one, as in Anki). */
	addCard(cid: number, nid: number, configId: number, interval: number): void {
		const perDay = this.days.get(configId);
		if (!perDay || interval < 0 || interval >= LOAD_BALANCE_DAYS) return;
		perDay[interval]! += 1;
		this.noteDay(nid, interval);
		this.answered.get(cid)?.entries.push({configId, day: interval});
	}

	/** Undoing an answer takes the card off every day of the cache, as Anki's `remove_card` does. */
	removeCard(cid: number): void {
		const record = this.answered.get(cid);
		if (!record) return;
		for (const {configId, day} of record.entries) {
			const perDay = this.days.get(configId);
			if (perDay && perDay[day]! > 0) perDay[day]! -= 1;
			const days = this.daysByNote.get(record.nid);
			const at = days?.indexOf(day) ?? -1;
			if (at >= 0) days!.splice(at, 1);
		}
		record.entries = [];
	}

	private noteDay(nid: number, day: number): void {
		const days = this.daysByNote.get(nid);
		if (days) days.push(day);
		else this.daysByNote.set(nid, [day]);
	}

	/** Days (indices) holding a card of the note in the cache: the snapshot plus this session's answers. */
	private siblingDays(nid: number): Set<number> {
		const {db, today, configIdByDeck} = this.inputs;
		const out = new Set<number>(this.daysByNote.get(nid) ?? []);
		for (const [id, did, due] of noteCardsDueInRange(db, nid, today, today + LOAD_BALANCE_DAYS)) {
			if (!this.answered.has(id) && configIdByDeck.has(did)) out.add(due - today);
		}
		return out;
	}

	findInterval(
		interval: number,
		minimum: number,
		maximum: number,
		configId: number,
		seed: bigint,
		siblings: Set<number> | null,
	): number | null {
		if (Math.trunc(interval) > MAX_BALANCED_INTERVAL || minimum > MAX_BALANCED_INTERVAL) return null;
		const [before, after] = constrainedFuzzBounds(interval, minimum, maximum);
		const perDay = this.days.get(configId);
		const kinds = this.easyDays.get(configId);
		if (!perDay || !kinds) return null;
		const counts: number[] = [];
		const weekdays: number[] = [];
		for (let day = before; day <= after; day++) {
			counts.push(perDay[day] ?? 0);
			weekdays.push(weekdayOfInterval(day, this.inputs.nextDayAt, this.inputs.minutesWest));
		}
		const easy = easyDaysModifiers(kinds, weekdays, counts);
		const sibling = siblingModifiers(siblings, before, after);
		const weights = counts.map((count, i) => {
			if (count === 0) return 1; // an empty day gets the full weight, modifiers aside (as Anki does)
			const countWeight = f32(Math.pow(f32(1 / count), f32(2.15)));
			const x = f32(1 / (before + i));
			const intervalWeight = f32(x * f32(x * x)); // powi(3)
			return f32(f32(f32(countWeight * intervalWeight) * sibling[i]!) * easy[i]!);
		});
		const index = weightedIndex(weights, fuzzFactorFromSeed(seed));
		return index === null ? null : before + index;
	}
}

/** Siblings' days push weight away: the day itself almost to zero, up to 5 days either side less so. */
export function siblingModifiers(siblingDays: Iterable<number> | null, before: number, after: number): number[] {
	const modifiers: number[] = Array(after - before + 1).fill(1);
	if (!siblingDays) return modifiers;
	for (const day of siblingDays) {
		for (let s = 0; s < SIBLING_STEPS.length; s++) {
			const target = day + SIBLING_STEPS[s]! - before;
			if (target >= 0 && target < modifiers.length) modifiers[target] = f32(modifiers[target]! * SIBLING_FACTORS[s]!);
		}
	}
	return modifiers;
}

/**
 * rand 0.9 `WeightedIndex` over f32 weights, sampled with a fresh StdRng: a uniform f32 in
 * [0, total) from the generator's first u32 (the fuzz factor), then the first item whose running
 * total exceeds it. Null when the weights sum to zero (rand refuses them; Anki then falls back).
 */
export function weightedIndex(weights: readonly number[], unit: number): number | null {
	if (weights.length === 0) return null;
	let total = f32(weights[0]!);
	const cumulative: number[] = [];
	for (let i = 1; i < weights.length; i++) {
		cumulative.push(total);
		total = f32(total + weights[i]!);
	}
	if (!(total > 0)) return null;
	let scale = total;
	while (f32(scale * ONE_MINUS_EPSILON) > total) scale = previousF32(scale);
	const chosen = f32(unit * scale);
	let index = 0;
	while (index < cumulative.length && cumulative[index]! <= chosen) index++;
	return index;
}

const f32Buffer = new Float32Array(1);
const u32View = new Uint32Array(f32Buffer.buffer);
function previousF32(x: number): number {
	f32Buffer[0] = x;
	u32View[0]! -= 1;
	return f32Buffer[0]!;
}
