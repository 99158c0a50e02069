// `anki-tui options [FILE] DECK [--json] [--preset NAME] [--set KEY=VALUE ...] [--optimize]
// [--evaluate] [--reschedule]`: a deck's options, keyed as in Anki's schema-11 JSON, changed for scripts
// exactly as Anki's options page saves them. Every value is checked before anything is written.
import {UsageError} from '../core/errors.js';
import {optionFields} from '../core/study/options-schema.js';
import {
	addPreset,
	clonePreset,
	currentPreset,
	findNormalDeck,
	findPresetIndex,
	formatOption,
	isDirty,
	loadOptions,
	optionValue,
	optionWarnings,
	removalWarning,
	removePreset,
	renamePreset,
	saveOptions,
	selectPreset,
	setOptionText,
	type OptionsDraft,
} from '../core/study/presets.js';
import type {Flags} from './flags.js';
import {printJson} from './json-output.js';
import {openInput} from './open-input.js';
import {splitFileAndQuery} from './search.js';
import {printErr, printOut} from './terminal-output.js';

export interface OptionsCommandContext {
	args: string[];
	flags: Flags;
	color: boolean;
}

function parseSet(assignment: string): [string, string] {
	const at = assignment.indexOf('=');
	if (at <= 0) throw new UsageError(`--set takes KEY=VALUE (e.g. --set new.perDay=30); got "${assignment}".`);
	return [assignment.slice(0, at).trim(), assignment.slice(at + 1)];
}

/** Anki's key order (DeckConfSchema11); keys it does not know follow. */
const schema11Order = [
	'id', 'mod', 'name', 'usn', 'maxTaken', 'autoplay', 'timer', 'replayq', 'new', 'rev', 'lapse', 'dyn', 'newMix', 'newPerDayMinimum',
	'interdayLearningMix', 'reviewOrder', 'newSortOrder', 'newGatherPriority', 'buryInterdayLearning', 'fsrsWeights', 'fsrsParams5',
	'fsrsParams6', 'desiredRetention', 'ignoreRevlogsBeforeDate', 'easyDaysPercentages', 'stopTimerOnAnswer', 'secondsToShowQuestion',
	'secondsToShowAnswer', 'questionAction', 'answerAction', 'waitForAudio', 'sm2Retention', 'weightSearch',
];

function inAnkiOrder(json: Record<string, unknown>): Record<string, unknown> {
	const rank = (key: string) => (schema11Order.includes(key) ? schema11Order.indexOf(key) : schema11Order.length);
	return Object.fromEntries(Object.entries(json).sort(([a], [b]) => rank(a) - rank(b)));
}

function optionsJson(draft: OptionsDraft) {
	const preset = currentPreset(draft);
	return {
		deck: {id: draft.deckId, name: draft.deckName, ...draft.limits},
		preset: inAnkiOrder(preset.json),
		conf: draft.conf,
		presets: draft.presets.map(p => ({id: p.id, name: p.name, useCount: p.useCount})),
		warnings: optionWarnings(draft),
	};
}

function optionsText(draft: OptionsDraft): string {
	const preset = currentPreset(draft);
	const lines = [`Deck ${draft.deckName}, preset ${preset.name} (id ${preset.id}, used by ${preset.useCount} deck${preset.useCount === 1 ? '' : 's'})`];
	let section = '';
	for (const field of optionFields) {
		if (field.section !== section) {
			section = field.section;
			lines.push('', section);
		}
		const value = formatOption(field, optionValue(draft, field));
		lines.push(`  ${field.key.padEnd(31)} ${field.label.padEnd(36)} ${value === '' ? '-' : value}`);
	}
	const warnings = optionWarnings(draft);
	if (warnings.length > 0) lines.push('', ...warnings.map(w => `warning: ${w.text}`));
	return `${lines.join('\n')}\n`;
}

const nameOf = (flag: string | undefined, what: string): string => {
	const name = (flag ?? '').trim();
	if (name === '') throw new UsageError(`${what} needs a preset name.`);
	return name;
};

/** --add-preset, --clone-preset, --rename-preset, --remove-preset: as the page's preset menu does them. */
function presetChanges(draft: OptionsDraft, flags: Flags, nowMs: number): OptionsDraft {
	if (flags.addPreset !== undefined) return addPreset(draft, nameOf(flags.addPreset, '--add-preset'), nowMs);
	if (flags.clonePreset !== undefined) return clonePreset(draft, nameOf(flags.clonePreset, '--clone-preset'), nowMs);
	if (flags.renamePreset !== undefined) return renamePreset(draft, nameOf(flags.renamePreset, '--rename-preset'), nowMs);
	if (flags.removePreset === undefined) return draft;
	const keep = currentPreset(draft).id;
	const target = selectPreset(draft, findPresetIndex(draft, nameOf(flags.removePreset, '--remove-preset')));
	const warning = removalWarning(target);
	const removed = removePreset(target);
	if (!flags.yes) {
		throw new UsageError(`${warning.replace(/ Remove .*\?$/, '')} Add --yes to remove "${currentPreset(target).name}".`.trim());
	}
	printErr(`${warning.replace(/ Remove .*\?$/, '')}\n`.trimStart());
	// Decks that used it (this one too, if it did) get the deck's preset, else Default (Anki's page saved with preset 1).
	const stay = removed.presets.findIndex((p) => p.id === keep);
	return selectPreset(removed, stay >= 0 ? stay : removed.presets.findIndex((p) => p.id === 1));
}

export async function runOptions({args, flags}: OptionsCommandContext): Promise<number> {
	const {file, query: deckName} = splitFileAndQuery(args);
	if (deckName.trim() === '') throw new UsageError('options needs a deck name: anki-tui options DECK [--json] [--set KEY=VALUE ...]');
	const sets = (flags.set ?? []).map(parseSet);
	const presetFlags = [flags.addPreset, flags.clonePreset, flags.renamePreset, flags.removePreset].filter((f) => f !== undefined);
	if (presetFlags.length > 1) throw new UsageError('Give one of --add-preset, --clone-preset, --rename-preset and --remove-preset at a time.');
	const writes = sets.length > 0 || flags.preset !== undefined || flags.optimize || presetFlags.length > 0;
	const input = await openInput(file, {collection: flags.collection, readOnly: !writes});
	try {
		const col = input.collection;
		const deck = findNormalDeck(col, deckName);
		const nowMs = Date.now();
		let draft = loadOptions(col, deck.id, nowMs);
		if (flags.preset !== undefined) draft = selectPreset(draft, findPresetIndex(draft, flags.preset));
		draft = presetChanges(draft, flags, nowMs);
		// Every value is parsed and checked before the save: a bad one writes nothing.
		for (const [key, value] of sets) draft = setOptionText(draft, key, value);
		draft = {...draft, reschedule: flags.reschedule === true};
		const save = () => {
			if (!isDirty(draft)) return;
			const result = saveOptions(col, draft, {nowMs});
			if (result.memory) {
				printErr(
					`Updated the memory state of ${result.memory.cardsUpdated} cards${draft.reschedule ? `, rescheduled ${result.memory.cardsRescheduled}` : ''}.\n`,
				);
			}
			draft = {...loadOptions(col, deck.id, nowMs), reschedule: draft.reschedule};
		};
		if (flags.optimize) {
			// Optimize searches the saved preset assignments, so other changes are saved first (Anki asks for that).
			save();
			const {optimizeDraft} = await import('../core/study/options-fsrs.js');
			const {progressBar} = await import('./progress-bar.js');
			const bar = progressBar();
			const optimized = await optimizeDraft(col, draft, {nowMs, onProgress: (current, total) => bar.update('Optimizing', current, total)});
			bar.done();
			for (const message of optimized.messages) printErr(`${message}\n`);
			draft = optimized.draft;
		}
		save();
		if (flags.evaluate) {
			const {evaluateDraft} = await import('../core/study/options-fsrs.js');
			const {evaluation, message} = await evaluateDraft(col, draft, nowMs);
			if (flags.json) {
				printJson({...optionsJson(draft), evaluation});
				return 0;
			}
			printOut(`${message}\n`);
			return 0;
		}
		if (flags.json) printJson(optionsJson(draft));
		else printOut(optionsText(draft));
		return 0;
	} finally {
		input.close();
	}
}
