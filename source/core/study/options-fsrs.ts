// Optimize and Evaluate run from the options page (the screen and `anki-tui options --optimize`):
// on the draft's current preset, with Anki's messages (FsrsOptions.svelte). The fsrs-rs binding is
// loaded by fsrs-optimize.ts only when one of these runs.
import type {Collection} from '../collection/types.js';
import {OptionsError, currentPreset, withOption, type OptionsDraft} from './presets.js';
import {optionField} from './options-schema.js';
import {
	BAD_FIT_MESSAGE,
	GOOD_FIT_MESSAGE,
	NO_REVIEWS_MESSAGE,
	OPTIMAL_MESSAGE,
	evaluatePreset,
	evaluationMessage,
	optimizePreset,
	presetForFsrs,
	type Evaluation,
	type OptimizeResult,
} from './fsrs-optimize.js';

export interface DraftOptimizeResult {
	/** The draft with the new parameters in the form (saved with the preset), or as it was. */
	draft: OptionsDraft;
	result: OptimizeResult;
	/** Anki's messages, in order (optimal / no reviews, health check), and the review count. */
	messages: string[];
}

export interface DraftFsrsOptions {
	nowMs?: number;
	/** Training progress; return false to stop. */
	onProgress?: (current: number, total: number) => boolean | void;
}

/** The search Optimize runs names the preset, so its assignments must be saved first (as Anki asks). */
function refuseUnsaved(draft: OptionsDraft): void {
	const preset = currentPreset(draft);
	const saved = preset.original === null ? null : (JSON.parse(preset.original) as {name?: unknown}).name;
	if (preset.id === 0 || preset.id !== draft.originalPresetId || draft.removed.length > 0 || saved !== preset.name) {
		throw new OptionsError('Please save your changes first.');
	}
}

function fsrsPreset(draft: OptionsDraft) {
	const preset = currentPreset(draft);
	return presetForFsrs({...preset.json, name: preset.name});
}

export async function optimizeDraft(col: Collection, draft: OptionsDraft, options: DraftFsrsOptions = {}): Promise<DraftOptimizeResult> {
	refuseUnsaved(draft);
	const result = await optimizePreset(col, fsrsPreset(draft), {
		nowMs: options.nowMs,
		healthCheck: draft.conf.fsrsHealthCheck,
		onProgress: options.onProgress,
	});
	const messages: string[] = [];
	let next = draft;
	if (result.items === 0) messages.push(NO_REVIEWS_MESSAGE);
	else if (result.unchanged) messages.push(OPTIMAL_MESSAGE);
	else next = withOption(draft, optionField('fsrsParams6')!, result.params);
	if (result.healthCheckPassed !== null) messages.push(result.healthCheckPassed ? GOOD_FIT_MESSAGE : BAD_FIT_MESSAGE);
	messages.push(`${result.items} items from ${result.reviews} reviews.`);
	return {draft: next, result, messages};
}

export async function evaluateDraft(col: Collection, draft: OptionsDraft, nowMs?: number): Promise<{evaluation: Evaluation; message: string}> {
	refuseUnsaved(draft);
	const evaluation = await evaluatePreset(col, fsrsPreset(draft), nowMs);
	return {evaluation, message: evaluation.items === 0 ? NO_REVIEWS_MESSAGE : evaluationMessage(evaluation)};
}
