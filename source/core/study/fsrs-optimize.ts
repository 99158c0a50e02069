// FSRS Optimize and Evaluate as Anki runs them (rslib scheduler/fsrs/params.rs compute_params,
// evaluate_params_legacy; the reference stats-and-study.md E.3, E.4, E.6), with fsrs-rs through
// @open-spaced-repetition/binding. The binding is loaded only here, only when asked: it is a
// native module that nothing on the start path needs.
import type * as Binding from '@open-spaced-repetition/binding';
import type {Collection} from '../collection/types.js';
import {AnkiTuiError} from '../errors.js';
import {readSchedulerSettings, timingAt} from '../scheduler/collection-settings.js';
import {ignoreBeforeMs, presetSearch, trainingItems, type FsrsReview, type TrainingSet} from './fsrs-items.js';

export type BindingModule = typeof Binding;

let loaded: Promise<BindingModule> | undefined;

/** The fsrs-rs binding, loaded once; a one-line error where no build of it fits this machine. */
export function loadFsrsBinding(): Promise<BindingModule> {
	loaded ??= import('@open-spaced-repetition/binding').catch((error: unknown) => {
		loaded = undefined;
		const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
		throw new AnkiTuiError(
			`The FSRS optimiser (@open-spaced-repetition/binding) cannot load on this machine: ${reason}. Reinstall anki-tui with npm so it brings the build for ${process.platform}-${process.arch}.`,
			1,
		);
	});
	return loaded;
}

/** Anki's training settings: fsrs-rs defaults but 8 epochs (the binding needs all six fields). */
export const TRAINING_CONFIG = {numEpochs: 8, batchSize: 512, seed: 2023, maxSeqLen: 256, learningRate: 0.04, gamma: 1} as const;

export interface PresetForFsrs {
	name: string;
	/** `fsrsParams6` (else 5, else 4) as stored; empty = defaults. */
	params: number[];
	/** `weightSearch`. */
	paramSearch: string;
	ignoreRevlogsBeforeDate: string;
	/** Relearning steps in minutes. */
	relearnSteps: number[];
}

export interface OptimizeResult {
	params: number[];
	/** True when the parameters are the current ones (no reviews, or nothing better found). */
	unchanged: boolean;
	items: number;
	reviews: number;
	/** Health check (pref on, more than 300 items): null when not run. */
	healthCheckPassed: boolean | null;
}

export interface Evaluation {
	logLoss: number;
	rmseBins: number;
	items: number;
	reviews: number;
}

export function bindingItems(binding: BindingModule, items: readonly FsrsReview[][]): Binding.FSRSBindingItem[] {
	return items.map(reviews => new binding.FSRSBindingItem(reviews.map(r => new binding.FSRSBindingReview(r.rating, r.deltaT))));
}

/** The items Anki would train on for a preset, today. */
export function presetTrainingSet(col: Collection, preset: PresetForFsrs, nowMs = Date.now()): TrainingSet {
	const {nextDayAt} = timingAt(readSchedulerSettings(col), nowMs);
	return trainingItems(col, presetSearch(preset.name, preset.paramSearch), nextDayAt, ignoreBeforeMs(preset.ignoreRevlogsBeforeDate));
}

/** The UI's count: relearning steps whose running total stays under a day. */
export function relearningStepsInDay(steps: readonly number[]): number {
	let total = 0;
	let count = 0;
	for (const step of steps) {
		total += step;
		if (total >= 1440) break;
		count++;
	}
	return count;
}

export interface OptimizeOptions {
	nowMs?: number;
	healthCheck?: boolean;
	/** Progress of training (fsrs-rs iterations); return false to stop. */
	onProgress?: (current: number, total: number) => boolean | void;
}

export async function optimizePreset(col: Collection, preset: PresetForFsrs, options: OptimizeOptions = {}): Promise<OptimizeResult> {
	const set = presetTrainingSet(col, preset, options.nowMs);
	const current = preset.params;
	if (set.items.length === 0) return {params: current, unchanged: true, items: 0, reviews: set.reviewCount, healthCheckPassed: null};
	const binding = await loadFsrsBinding();
	const items = bindingItems(binding, set.items);
	const numRelearningSteps = relearningStepsInDay(preset.relearnSteps);
	const trainingOptions = {
		enableShortTerm: true,
		numRelearningSteps,
		trainingConfig: {...TRAINING_CONFIG},
		...(options.onProgress ? {progress: options.onProgress, timeout: 100} : {}),
	};
	let params = await binding.computeParameters(items, trainingOptions);
	// Keep the current parameters unless the new ones fit the same items better (log loss).
	const currentModel = new binding.FSRSBinding(current);
	const currentLoss = logLossOrNull(currentModel, items);
	const optimizedLoss = logLossOrNull(new binding.FSRSBinding(params), items);
	// The binding filters outliers before evaluating (Anki does not): with only a few items nothing may be
	// left to compare on; then the current parameters stay, as Anki's comparison keeps them on a tie.
	if (currentLoss === null || optimizedLoss === null || currentLoss <= optimizedLoss) {
		if (numRelearningSteps <= 1) {
			params = current;
		} else {
			let memory = currentModel.nextStates(new binding.BindingMemoryState(1, 1), 0.9, 2).again.memory;
			for (let i = 0; i < numRelearningSteps; i++) memory = currentModel.nextStates(memory, 0.9, 0).good.memory;
			if (memory.stability < 1) params = current;
		}
	}
	let healthCheckPassed: boolean | null = null;
	if (options.healthCheck && items.length > 300) {
		const evaluation = await binding.evaluateWithTimeSeriesSplits(items, {enableShortTerm: true, numRelearningSteps, trainingConfig: {...TRAINING_CONFIG}});
		const passed = set.items.filter(reviews => (reviews.at(-1)?.rating ?? 0) > 1).length / set.items.length;
		healthCheckPassed = healthCheck(evaluation.logLoss, evaluation.rmseBins, passed, set.items.length);
	}
	const same = params.length === current.length && params.every((value, i) => value.toFixed(4) === current[i]!.toFixed(4));
	return {params, unchanged: same, items: set.items.length, reviews: set.reviewCount, healthCheckPassed};
}

function logLossOrNull(model: Binding.FSRSBinding, items: Binding.FSRSBindingItem[]): number | null {
	try {
		return model.evaluate(items).logLoss;
	} catch (error) {
		if (isNotEnoughData(error)) return null;
		throw error;
	}
}

const isNotEnoughData = (error: unknown) => error instanceof Error && /NotEnoughData/.test(error.message);

/** rslib's health check: either adjusted metric within Anki's bounds. */
export function healthCheck(logLoss: number, rmse: number, passShare: number, itemCount: number): boolean {
	const logLossAdjustment = 0.623 * (4 * passShare * (1 - passShare)) ** 0.738;
	const rmseAdjustment = 0.0135 / (passShare ** 0.504 - 1.14) + 0.176 / ((itemCount / 1000) ** 0.825 + 2.22) + 0.101;
	return logLoss / logLossAdjustment <= 1.11 || rmse / rmseAdjustment <= 1.53;
}

/** Anki's Evaluate: log loss and RMSE (bins) of the parameters on the preset's items. */
export async function evaluatePreset(col: Collection, preset: PresetForFsrs, nowMs = Date.now()): Promise<Evaluation> {
	const set = presetTrainingSet(col, preset, nowMs);
	if (set.items.length === 0) return {logLoss: 0, rmseBins: 0, items: 0, reviews: set.reviewCount};
	const binding = await loadFsrsBinding();
	let result: {logLoss: number; rmseBins: number};
	try {
		result = new binding.FSRSBinding(preset.params).evaluate(bindingItems(binding, set.items));
	} catch (error) {
		if (isNotEnoughData(error)) throw new AnkiTuiError(NOT_ENOUGH_HISTORY, 1);
		throw error;
	}
	return {logLoss: result.logLoss, rmseBins: result.rmseBins, items: set.items.length, reviews: set.reviewCount};
}

export const OPTIMAL_MESSAGE =
	'The FSRS parameters are currently optimal. This is expected once parameters are well-fitted to your review history. You can try optimizing again after doing more reviews.';
export const NO_REVIEWS_MESSAGE =
	'No reviews found. Make sure this preset is assigned to all decks (including subdecks) that you want to optimize, and try again.';
export const NOT_ENOUGH_HISTORY = 'Insufficient review history to perform this operation.';
export const GOOD_FIT_MESSAGE = 'Health Check: FSRS can adapt to your memory well.';
export const BAD_FIT_MESSAGE = 'Health Check: Your memory is difficult for FSRS to predict.';

/** What Anki says after Evaluate. */
export function evaluationMessage(evaluation: Evaluation): string {
	return `Log loss: ${evaluation.logLoss.toFixed(4)}, RMSE(bins): ${(evaluation.rmseBins * 100).toFixed(2)}%. Smaller numbers indicate a better fit to your review history.`;
}

/** What Optimize needs from a preset's schema-11 JSON (the draft's or the file's). */
export function presetForFsrs(json: Record<string, unknown>): PresetForFsrs {
	const list = (key: string) => (Array.isArray(json[key]) ? (json[key] as number[]) : []);
	const params = [list('fsrsParams6'), list('fsrsParams5'), list('fsrsWeights')].find(p => p.length > 0) ?? [];
	const lapse = (json['lapse'] ?? {}) as {delays?: number[]};
	return {
		name: String(json['name'] ?? ''),
		params,
		paramSearch: typeof json['weightSearch'] === 'string' ? json['weightSearch'] : '',
		ignoreRevlogsBeforeDate: typeof json['ignoreRevlogsBeforeDate'] === 'string' ? json['ignoreRevlogsBeforeDate'] : '',
		relearnSteps: Array.isArray(lapse.delays) ? lapse.delays : [10],
	};
}
