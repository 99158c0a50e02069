// FSRS-6 maths as fsrs-rs 6.6.1 (the crate Anki pins) computes it, in f32. ts-fsrs has the same
// formulas but differs in clipping, elapsed days and rounding, so only its defaults are shared.
import {default_w} from 'ts-fsrs';
import type {FsrsNextStates, MemoryState} from './states/types.js';

const f = Math.fround;
const S_MIN = 0.001;
const S_MAX = 36500;
const D_MIN = 1;
const D_MAX = 10;

export const DEFAULT_PARAMS: readonly number[] = Array.from(default_w);

/** Settings from the deck preset and collection config that FSRS needs. */
export interface FsrsSettings {
	/** As stored (17, 19 or 21 values); empty means the FSRS-6 defaults. */
	params: number[];
	desiredRetention: number;
	/** `sm2Retention`: used to derive a memory state for cards that have none. */
	historicalRetention: number;
	shortTermWithSteps: boolean;
}

function clamp(x: number, lo: number, hi: number): number {
	return Math.min(Math.max(x, lo), hi);
}

/** Upgrades 17/19-value sets to 21 and clips them as fsrs-rs does (one relearning step). */
export function normalizeParams(params: readonly number[]): number[] {
	let w = params.length === 0 ? [...DEFAULT_PARAMS] : params.map(f);
	if (w.length === 17) {
		w = [...w];
		w[4] = f(w[4]! + 2 * w[5]!);
		w[5] = f(Math.log(f(3 * w[5]! + 1)) / 3);
		w[6] = f(w[6]! + 0.5);
		w.push(0, 0, 0, 0.5);
	} else if (w.length === 19) {
		w = [...w, 0, 0.5];
	}
	if (w.length !== 21) w = [...DEFAULT_PARAMS];
	const bounds: Array<[number, number]> = [
		[S_MIN, 100], [S_MIN, 100], [S_MIN, 100], [S_MIN, 100],
		[1, 10], [0.001, 4], [0.001, 4], [0.001, 0.75], [0, 4.5], [0, 0.8], [0.001, 3.5],
		[0.001, 5], [0.001, 0.25], [0.001, 0.9], [0, 4], [0, 1], [1, 6], [0, 2], [0, 2], [0, 0.8], [0.1, 0.8],
	];
	return w.map((value, i) => f(clamp(value, bounds[i]![0], bounds[i]![1])));
}

/** Short-term (same-day) stability changes are trusted only for parameter sets trained with them. */
export function allowShortTerm(params: readonly number[]): boolean {
	return params.length === 0 || (params.length >= 19 && params[17]! > 0 && params[18]! > 0);
}

export class FsrsModel {
	readonly w: number[];
	readonly decay: number;
	private readonly factor: number;

	constructor(params: readonly number[]) {
		this.w = normalizeParams(params);
		this.decay = f(-this.w[20]!);
		this.factor = f(f(Math.pow(0.9, f(1 / this.decay))) - 1);
	}

	retrievability(elapsedDays: number, stability: number): number {
		return f(Math.pow(f(1 + f(f(this.factor * elapsedDays) / stability)), this.decay));
	}

	/** Days until retrievability falls to `desiredRetention` (unrounded). */
	interval(stability: number, desiredRetention: number): number {
		return f(f(stability / this.factor) * f(f(Math.pow(desiredRetention, f(1 / this.decay))) - 1));
	}

	initStability(rating: number): number {
		return this.w[rating - 1]!;
	}

	private initDifficultyRaw(rating: number): number {
		const w = this.w;
		return f(f(w[4]! - f(Math.exp(f(w[5]! * (rating - 1))))) + 1);
	}

	initDifficulty(rating: number): number {
		return clamp(this.initDifficultyRaw(rating), D_MIN, D_MAX);
	}

	nextDifficulty(d: number, rating: number): number {
		const w = this.w;
		const delta = f(-w[6]! * (rating - 3));
		const damped = f(d + f(f(delta * f(10 - d)) / 9));
		const reverted = f(f(w[7]! * this.initDifficultyRaw(4)) + f(f(1 - w[7]!) * damped));
		return clamp(reverted, D_MIN, D_MAX);
	}

	private stabilityAfterSuccess(s: number, d: number, r: number, rating: number): number {
		const w = this.w;
		const hard = rating === 2 ? w[15]! : 1;
		const easy = rating === 4 ? w[16]! : 1;
		const growth = f(
			f(f(f(f(Math.exp(w[8]!)) * f(11 - d)) * f(Math.pow(s, -w[9]!))) * f(f(Math.exp(f(f(1 - r) * w[10]!))) - 1)) *
				f(hard * easy),
		);
		return f(s * f(1 + growth));
	}

	private stabilityAfterFailure(s: number, d: number, r: number): number {
		const w = this.w;
		const next = f(
			f(f(w[11]! * f(Math.pow(d, -w[12]!))) * f(f(Math.pow(f(s + 1), w[13]!)) - 1)) *
				f(Math.exp(f(f(1 - r) * w[14]!))),
		);
		const ceiling = f(s / f(Math.exp(f(w[17]! * w[18]!))));
		return Math.min(next, ceiling);
	}

	private stabilityShortTerm(s: number, rating: number): number {
		const w = this.w;
		let sinc = f(f(Math.exp(f(w[17]! * f(rating - 3 + w[18]!)))) * f(Math.pow(s, -w[19]!)));
		if (rating >= 2) sinc = Math.max(sinc, 1);
		return f(s * sinc);
	}

	/** One review of a card with `memory` (null = first review) after `elapsedDays`. */
	step(memory: MemoryState | null, elapsedDays: number, rating: number): MemoryState {
		if (!memory) {
			return {stability: clamp(this.initStability(rating), S_MIN, S_MAX), difficulty: this.initDifficulty(rating)};
		}
		const {stability: s, difficulty: d} = memory;
		let next: number;
		if (elapsedDays === 0) {
			next = this.stabilityShortTerm(s, rating);
		} else {
			const r = this.retrievability(elapsedDays, s);
			next = rating === 1 ? this.stabilityAfterFailure(s, d, r) : this.stabilityAfterSuccess(s, d, r, rating);
		}
		return {stability: clamp(next, S_MIN, S_MAX), difficulty: this.nextDifficulty(d, rating)};
	}

	nextStates(memory: MemoryState | null, desiredRetention: number, elapsedDays: number): FsrsNextStates {
		const item = (rating: number) => {
			const m = this.step(memory, elapsedDays, rating);
			return {memory: m, interval: this.interval(m.stability, desiredRetention)};
		};
		return {again: item(1), hard: item(2), good: item(3), easy: item(4)};
	}

	/** A memory state consistent with an SM-2 ease and interval (fsrs-rs `memory_state_from_sm2`). */
	memoryFromSm2(ease: number, interval: number, retention: number): MemoryState {
		const w = this.w;
		const stability = f(
			f(f(Math.max(interval, S_MIN) * this.factor)) / f(f(Math.pow(retention, f(1 / this.decay))) - 1),
		);
		const denominator = f(
			f(f(Math.exp(w[8]!)) * f(Math.pow(stability, -w[9]!))) * f(Math.expm1(f(f(1 - retention) * w[10]!))),
		);
		const difficulty = f(11 - f(f(ease - 1) / denominator));
		return {stability: clamp(stability, S_MIN, S_MAX), difficulty: clamp(difficulty, D_MIN, D_MAX)};
	}
}

const models = new Map<string, FsrsModel>();
/** Models are cached per parameter set; building one is cheap but answers are frequent. */
export function fsrsModel(params: readonly number[]): FsrsModel {
	const key = params.join(',');
	let model = models.get(key);
	if (!model) {
		model = new FsrsModel(params);
		models.set(key, model);
	}
	return model;
}

/** Difficulty as revlog `factor` stores it under FSRS (100..1100). */
export function difficultyShifted(difficulty: number): number {
	return Math.round(f(f(f(difficulty - 1) / 9) + 0.1) * 1000);
}
