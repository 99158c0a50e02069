// The deck options page for the screens: the draft and its edits, presets, save, Optimize and
// Evaluate, each a core function (core/study/presets.ts, options-fsrs.ts). The screen keeps the draft
// in its state; nothing is written until save, which writes it all as one undoable operation.
import type {Collection} from '../core/collection/types.js';
import {optionFields, optionSections, type OptionField, type OptionSection} from '../core/study/options-schema.js';
import {
	addPreset,
	clonePreset,
	currentPreset,
	formatOption,
	isDirty,
	loadOptions,
	optionValue,
	optionWarnings,
	parseOption,
	removalWarning,
	removePreset,
	renamePreset,
	saveOptions,
	selectPreset,
	withOption,
	type OptionsDraft,
	type ParseResult,
	type SaveResult,
} from '../core/study/presets.js';

export type {OptionField, OptionSection, OptionsDraft, ParseResult, SaveResult};

export interface DeckOptionsModel {
	/** A read-only collection shows its options but cannot save them. */
	readOnly: boolean;
	fields: readonly OptionField[];
	sections: readonly OptionSection[];
	load(deckId: number): OptionsDraft;
	/** The value as the page shows it ('' for an empty deck limit). */
	display(draft: OptionsDraft, field: OptionField): string;
	/** Anki's default as the page shows it ('' for a deck's own limit: none). */
	defaultText(field: OptionField): string;
	/** The text the edit line starts with. */
	editText(draft: OptionsDraft, field: OptionField): string;
	parse(field: OptionField, text: string): ParseResult;
	set(draft: OptionsDraft, field: OptionField, value: unknown): OptionsDraft;
	/** The next (+1) or previous (-1) choice, the switch flipped, or a number one step on; unchanged at a bound. */
	step(draft: OptionsDraft, field: OptionField, direction: 1 | -1): OptionsDraft;
	/** Anki's default (an empty deck limit). */
	reset(draft: OptionsDraft, field: OptionField): OptionsDraft;
	warnings(draft: OptionsDraft): Array<{key: string; text: string}>;
	dirty(draft: OptionsDraft): boolean;
	presetName(draft: OptionsDraft): string;
	selectPreset(draft: OptionsDraft, index: number): OptionsDraft;
	addPreset(draft: OptionsDraft, name: string): OptionsDraft;
	clonePreset(draft: OptionsDraft, name: string): OptionsDraft;
	renamePreset(draft: OptionsDraft, name: string): OptionsDraft;
	/** Throws Anki's message for the default preset. */
	removePreset(draft: OptionsDraft): OptionsDraft;
	removalWarning(draft: OptionsDraft): string;
	/** Writes the draft (one undoable "Deck Options" step); throws a user error when it cannot. */
	save(draft: OptionsDraft, applyToChildren: boolean): SaveResult;
	optimize(draft: OptionsDraft, onProgress: (current: number, total: number) => boolean): Promise<{draft: OptionsDraft; messages: string[]}>;
	evaluate(draft: OptionsDraft): Promise<string>;
}

/** Where a deck's own limit starts when stepped from empty. */
const stepFrom: Record<string, string> = {
	'deck.newLimit': 'new.perDay',
	'deck.newLimitToday': 'new.perDay',
	'deck.reviewLimit': 'rev.perDay',
	'deck.reviewLimitToday': 'rev.perDay',
	'deck.desiredRetention': 'desiredRetention',
};

export function createDeckOptionsModel(col: Collection, now: () => number, onSaved?: () => void): DeckOptionsModel {
	const field = (key: string) => optionFields.find((f) => f.key === key)!;
	const display = (draft: OptionsDraft, f: OptionField) => formatOption(f, optionValue(draft, f));
	const model: DeckOptionsModel = {
		readOnly: col.readOnly,
		fields: optionFields,
		sections: optionSections,
		load: (deckId) => loadOptions(col, deckId, now()),
		display,
		defaultText: (f) => formatOption(f, f.default),
		editText: (draft, f) => (f.kind === 'params' ? (optionValue(draft, f) as number[]).join(' ') : display(draft, f)),
		parse: parseOption,
		set: withOption,
		step: (draft, f, direction) => {
			if (f.kind === 'bool') {
				const parsed = parseOption(f, display(draft, f) === 'on' ? 'off' : 'on');
				return 'value' in parsed ? withOption(draft, f, parsed.value) : draft;
			}
			if (f.kind === 'choice') {
				const choices = f.choices!;
				const at = choices.findIndex(([value]) => value === Number(optionValue(draft, f)));
				const next = choices[(at + direction + choices.length) % choices.length]!;
				return withOption(draft, f, next[0]);
			}
			if (f.kind !== 'int' && f.kind !== 'float') return draft;
			const shown = display(draft, f);
			const base = shown === '' ? Number(display(draft, field(stepFrom[f.key] ?? f.key))) : Number(shown);
			const size = f.kind === 'int' ? 1 : (f.max ?? 100) <= 5 ? 0.01 : 1;
			const parsed = parseOption(f, String(Math.round((base + direction * size) * 100) / 100));
			return 'value' in parsed ? withOption(draft, f, parsed.value) : draft;
		},
		reset: (draft, f) => withOption(draft, f, f.optional ? null : structuredClone(f.default)),
		warnings: optionWarnings,
		dirty: isDirty,
		presetName: (draft) => currentPreset(draft).name,
		selectPreset,
		addPreset: (draft, name) => addPreset(draft, name, now()),
		clonePreset: (draft, name) => clonePreset(draft, name, now()),
		renamePreset: (draft, name) => renamePreset(draft, name, now()),
		removePreset,
		removalWarning,
		save: (draft, applyToChildren) => {
			const result = saveOptions(col, draft, {nowMs: now(), applyToChildren});
			onSaved?.();
			return result;
		},
		optimize: async (draft, onProgress) => {
			const {optimizeDraft} = await import('../core/study/options-fsrs.js');
			const result = await optimizeDraft(col, draft, {nowMs: now(), onProgress});
			return {draft: result.draft, messages: result.messages};
		},
		evaluate: async (draft) => {
			const {evaluateDraft} = await import('../core/study/options-fsrs.js');
			return (await evaluateDraft(col, draft, now())).message;
		},
	};
	return model;
}
