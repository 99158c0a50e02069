// The deck options page as Anki runs it (ts/routes/deck-options/lib.ts for the editing state,
// rslib deckconfig/update.rs update_deck_configs_inner for the save): a draft holds every preset as
// schema-11 JSON, the deck's own limits and the collection-wide switches; edits, preset add, clone,
// rename and remove change only the draft, and one save writes it all in one undoable transaction.
import type {Collection} from '../collection/types.js';
import type {DayLimit, Deck, DeckConfig} from '../model.js';
import {deckConfigFromJson, deckConfigToJson} from '../collection/convert11.js';
import {defaultDeckConfig} from '../collection/ddl-defaults.js';
import {isObject, type Json} from '../collection/json-values.js';
import {UsageError} from '../errors.js';
import {findDeck, unknownDeckError} from '../overview/deck-names.js';
import {readSchedulerSettings, timingAt} from '../scheduler/collection-settings.js';
import {DEFAULT_PARAMS} from '../scheduler/fsrs.js';
import {optionField, optionFields, stepsToText, textToSteps, type OptionField} from './options-schema.js';
import {adjustRemainingSteps, sortNewCards} from './preset-effects.js';
import {recomputeMemoryStates, type MemoryRecompute} from './fsrs-memory.js';

/** Anki's name for the operation (ops.rs: Op::UpdateDeckConfig → "Deck Options"). */
export const DECK_OPTIONS_OP = 'Deck Options';

export interface DraftPreset {
	/** 0 for a preset added in this draft. */
	id: number;
	name: string;
	/** The preset as schema-11 JSON (Anki's DeckConfSchema11), keys we do not model included. */
	json: Json;
	/** The JSON as loaded, to tell what changed. */
	original: string | null;
	/** Decks using it (Anki's "used by N decks"). */
	useCount: number;
}

export interface DeckLimits {
	newLimit: number | null;
	reviewLimit: number | null;
	/** The today-only limits, when set for today. */
	newLimitToday: number | null;
	reviewLimitToday: number | null;
	desiredRetention: number | null;
}

export interface CollectionSwitches {
	fsrs: boolean;
	newCardsIgnoreReviewLimit: boolean;
	applyAllParentLimits: boolean;
	fsrsHealthCheck: boolean;
	cardStateCustomizer: string;
}

export interface OptionsDraft {
	deckId: number;
	deckName: string;
	/** Sorted by name, as Anki lists them. */
	presets: DraftPreset[];
	/** The preset shown and saved as the deck's. */
	selected: number;
	/** The deck's preset when loaded. */
	originalPresetId: number;
	removed: number[];
	limits: DeckLimits;
	conf: CollectionSwitches;
	/** "Reschedule cards on change": a choice of this save, never stored (as in Anki). */
	reschedule: boolean;
	/** What was loaded, to tell whether anything changed. */
	loaded: {limits: string; conf: string};
	today: number;
}

export class OptionsError extends UsageError {}

// ---------------------------------------------------------------- loading

export function findNormalDeck(col: Collection, name: string): Deck {
	const decks = col.adapter.decks();
	const deck = findDeck(decks, name);
	if (!deck) throw unknownDeckError(decks, name);
	if (!deck.normal) throw new OptionsError(`"${deck.name}" is a filtered deck; filtered decks have no options preset.`);
	return deck;
}

const configJson = (config: DeckConfig): Json => deckConfigToJson(config);

/** The options page for a deck, as Anki loads it (an unknown preset id falls back to preset 1). */
export function loadOptions(col: Collection, deckId: number, nowMs = Date.now()): OptionsDraft {
	const decks = col.adapter.decks();
	const deck = decks.find(d => d.id === deckId);
	if (!deck?.normal) throw new OptionsError(`Deck ${deckId} is not a normal deck; only normal decks have options.`);
	const today = timingAt(readSchedulerSettings(col), nowMs).today;
	const counts = new Map<number, number>();
	for (const d of decks) if (d.normal) counts.set(d.normal.configId, (counts.get(d.normal.configId) ?? 0) + 1);
	const presets = col.adapter
		.deckConfigs()
		.map(config => {
			const json = configJson(config);
			return {id: config.id, name: config.name, json, original: JSON.stringify(json), useCount: counts.get(config.id) ?? 0};
		})
		.sort(byName);
	let selected = presets.findIndex(p => p.id === deck.normal!.configId);
	if (selected < 0) selected = Math.max(0, presets.findIndex(p => p.id === 1));
	const normal = deck.normal;
	const activeToday = (limit: DayLimit | null) => (limit && limit.today === today ? limit.limit : null);
	const limits: DeckLimits = {
		newLimit: normal.newLimit,
		reviewLimit: normal.reviewLimit,
		newLimitToday: activeToday(normal.newLimitToday),
		reviewLimitToday: activeToday(normal.reviewLimitToday),
		desiredRetention: normal.desiredRetention,
	};
	const get = (key: string) => col.adapter.getConfig(key);
	const conf: CollectionSwitches = {
		fsrs: get('fsrs') === true,
		newCardsIgnoreReviewLimit: get('newCardsIgnoreReviewLimit') === true,
		applyAllParentLimits: get('applyAllParentLimits') === true,
		fsrsHealthCheck: get('fsrsHealthCheck') !== false,
		cardStateCustomizer: typeof get('cardStateCustomizer') === 'string' ? (get('cardStateCustomizer') as string) : '',
	};
	return {
		deckId,
		deckName: deck.name,
		presets,
		selected,
		originalPresetId: presets[selected]?.id ?? 1,
		removed: [],
		limits,
		conf,
		reschedule: false,
		loaded: {limits: JSON.stringify(limits), conf: JSON.stringify(conf)},
		today,
	};
}

function byName(a: {name: string}, b: {name: string}): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function currentPreset(draft: OptionsDraft): DraftPreset {
	return draft.presets[draft.selected]!;
}

export function isDirty(draft: OptionsDraft): boolean {
	return (
		draft.removed.length > 0 ||
		currentPreset(draft).id !== draft.originalPresetId ||
		draft.presets.some(p => p.original !== JSON.stringify(p.json)) ||
		JSON.stringify(draft.limits) !== draft.loaded.limits ||
		JSON.stringify(draft.conf) !== draft.loaded.conf
	);
}

// ---------------------------------------------------------------- values

type PathPart = string | number;

function parsePath(key: string): PathPart[] {
	return key.split('.').flatMap(part => {
		const match = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
		if (!match) return [part];
		return [match[1]!, ...[...match[2]!.matchAll(/\[(\d+)\]/g)].map(m => Number(m[1]))];
	});
}

function readPath(json: Json, key: string): unknown {
	let value: unknown = json;
	for (const part of parsePath(key)) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PathPart, unknown>)[part];
	}
	return value;
}

/** A copy of `json` with the value at `key` replaced (objects and arrays on the way copied). */
function writePath(json: Json, key: string, value: unknown): Json {
	const parts = parsePath(key);
	const set = (node: unknown, index: number): unknown => {
		const part = parts[index]!;
		const copy = (Array.isArray(node) ? [...node] : isObject(node) ? {...node} : typeof part === 'number' ? [] : {}) as Record<PathPart, unknown>;
		copy[part] = index === parts.length - 1 ? value : set(copy[part], index + 1);
		return copy;
	};
	return set(json, 0) as Json;
}

const limitKey = (key: string) => key.slice('deck.'.length) as keyof DeckLimits;
const confKey = (key: string) => key.slice('conf.'.length) as keyof CollectionSwitches;

/** The stored value of a field (JSON value; a deck limit may be null). */
export function optionValue(draft: OptionsDraft, field: OptionField): unknown {
	if (field.scope === 'deck') return draft.limits[limitKey(field.key)];
	if (field.scope === 'conf') return draft.conf[confKey(field.key)];
	const value = readPath(currentPreset(draft).json, field.key);
	return value === undefined ? field.default : value;
}

/** How a value reads on screen and in `options DECK`. */
export function formatOption(field: OptionField, value: unknown): string {
	if (value === null || value === undefined) return field.optional ? '' : String(field.default);
	switch (field.kind) {
		case 'bool': {
			const on = field.numeric ? Number(value) !== 0 : value === true;
			return (field.inverted ? !on : on) ? 'on' : 'off';
		}
		case 'choice':
			return field.choices?.find(([v]) => v === Number(value))?.[1] ?? String(value);
		case 'steps':
			return Array.isArray(value) ? stepsToText(value as number[]) : '';
		case 'params':
			return Array.isArray(value) ? (value as number[]).map(v => String(Math.round(v * 10_000) / 10_000)).join(', ') : '';
		case 'float':
			return field.scale ? (Number(value) / field.scale).toFixed(2) : String(value);
		default:
			return String(value);
	}
}

export type ParseResult = {value: unknown} | {error: string};

/** Text typed for a field (screen) or given to --set, to the value stored; an error message when invalid. */
export function parseOption(field: OptionField, text: string): ParseResult {
	const input = text.trim();
	const range = () => ({error: `${field.label} must be between ${field.min} and ${field.max} (${field.key}).`});
	if (field.optional && input === '') return {value: null};
	switch (field.kind) {
		case 'int':
		case 'float': {
			const number = Number(input);
			if (input === '' || !Number.isFinite(number)) return {error: `${field.label} takes a number (${field.key}); "${text}" is not one.`};
			if (field.kind === 'int' && !Number.isInteger(number)) return {error: `${field.label} takes a whole number (${field.key}).`};
			if ((field.min !== undefined && number < field.min) || (field.max !== undefined && number > field.max)) return range();
			return {value: field.scale ? Math.round(number * field.scale) : number};
		}
		case 'bool': {
			const on = /^(on|true|1|yes)$/i.test(input) ? true : /^(off|false|0|no)$/i.test(input) ? false : null;
			if (on === null) return {error: `${field.label} is on or off (${field.key}).`};
			const stored = field.inverted ? !on : on;
			return {value: field.numeric ? (stored ? 1 : 0) : stored};
		}
		case 'choice': {
			const byLabel = field.choices!.find(([, label]) => label.toLowerCase() === input.toLowerCase());
			const byValue = field.choices!.find(([value]) => String(value) === input);
			const choice = byLabel ?? byValue;
			if (!choice) return {error: `${field.label} is one of: ${field.choices!.map(([v, l]) => `${v} ${l}`).join(', ')} (${field.key}).`};
			return {value: choice[0]};
		}
		case 'steps': {
			const steps = textToSteps(input);
			if (!steps) return {error: `${field.label}: "${text}" is not a list of delays; write e.g. 1m 10m 1d (s, m, h, d).`};
			return {value: steps};
		}
		case 'params': {
			const values = input === '' ? [] : input.split(/[\s,]+/).filter(Boolean).map(Number);
			// Anki's check at save (FSRS::new): 0, 17, 19 or 21 finite values.
			if (![0, 17, 19, 21].includes(values.length) || values.some(v => !Number.isFinite(v))) {
				return {error: 'The provided FSRS parameters are invalid. Leave them blank to use the default values.'};
			}
			return {value: values};
		}
		case 'date':
			if (input !== '' && (!/^\d{4}-\d{2}-\d{2}$/.test(input) || Number.isNaN(Date.parse(input)))) {
				return {error: `${field.label} takes a date as YYYY-MM-DD, or nothing (${field.key}).`};
			}
			return {value: input};
		default:
			return {value: text};
	}
}

/** The draft with one field changed. */
export function withOption(draft: OptionsDraft, field: OptionField, value: unknown): OptionsDraft {
	if (field.scope === 'deck') return {...draft, limits: {...draft.limits, [limitKey(field.key)]: value}};
	if (field.scope === 'conf') return {...draft, conf: {...draft.conf, [confKey(field.key)]: value}};
	const presets = [...draft.presets];
	const preset = presets[draft.selected]!;
	presets[draft.selected] = {...preset, json: writePath(preset.json, field.key, value)};
	return {...draft, presets};
}

/** `--set KEY=VALUE`: Anki's schema-11 key (`new.perDay`), `deck.newLimit` or `conf.fsrs`. */
export function setOptionText(draft: OptionsDraft, key: string, text: string): OptionsDraft {
	const field = optionField(key);
	if (!field) {
		throw new OptionsError(`Unknown option "${key}". Run anki-tui options DECK to see the keys.`);
	}
	const parsed = parseOption(field, text);
	if ('error' in parsed) throw new OptionsError(parsed.error);
	return withOption(draft, field, parsed.value);
}

// ---------------------------------------------------------------- presets

function uniqueName(draft: OptionsDraft, name: string, nowMs: number): string {
	// Anki's ensureNewNameUnique: a clash gets the epoch seconds appended.
	return draft.presets.some(p => p.name === name) ? `${name}${Math.round(nowMs / 1000)}` : name;
}

function withNewPreset(draft: OptionsDraft, name: string, json: Json, nowMs: number): OptionsDraft {
	const trimmed = name.trim();
	if (trimmed === '') return draft;
	const preset: DraftPreset = {id: 0, name: uniqueName(draft, trimmed, nowMs), json: {...json, id: 0}, original: null, useCount: 0};
	preset.json = {...preset.json, name: preset.name};
	const presets = [...draft.presets, preset].sort(byName);
	return {...draft, presets, selected: presets.indexOf(preset)};
}

/** Anki's defaults for a new preset, with the FSRS-6 default parameters filled in. */
export function defaultPresetJson(): Json {
	return deckConfigToJson({...defaultDeckConfig(), id: 0, name: '', fsrsParams: [...DEFAULT_PARAMS], easyDaysPercentages: [1, 1, 1, 1, 1, 1, 1]});
}

export function addPreset(draft: OptionsDraft, name: string, nowMs = Date.now()): OptionsDraft {
	return withNewPreset(draft, name, defaultPresetJson(), nowMs);
}

export function clonePreset(draft: OptionsDraft, name: string, nowMs = Date.now()): OptionsDraft {
	return withNewPreset(draft, name, structuredClone(currentPreset(draft).json), nowMs);
}

export function renamePreset(draft: OptionsDraft, name: string, nowMs = Date.now()): OptionsDraft {
	const trimmed = name.trim();
	const current = currentPreset(draft);
	if (trimmed === '' || trimmed === current.name) return draft;
	const renamed = {...current, name: uniqueName(draft, trimmed, nowMs)};
	renamed.json = {...renamed.json, name: renamed.name};
	const presets = draft.presets.map(p => (p === current ? renamed : p)).sort(byName);
	return {...draft, presets, selected: presets.indexOf(renamed)};
}

/** Anki's confirmation text for removing the current preset. */
export function removalWarning(draft: OptionsDraft): string {
	const current = currentPreset(draft);
	const fullSync =
		current.id !== 0 && draft.removed.length === 0
			? 'The requested change will require a one-way sync. If you have made changes on another device, and not synced them to this device yet, please do so before you proceed. '
			: '';
	return `${fullSync}Remove ${current.name}?`;
}

export function removePreset(draft: OptionsDraft): OptionsDraft {
	const current = currentPreset(draft);
	if (current.id === 1) throw new OptionsError("The default configuration can't be removed.");
	const presets = draft.presets.filter(p => p !== current);
	return {
		...draft,
		presets,
		selected: Math.max(0, draft.selected - 1),
		removed: current.id !== 0 ? [...draft.removed, current.id] : draft.removed,
	};
}

export function selectPreset(draft: OptionsDraft, index: number): OptionsDraft {
	return {...draft, selected: Math.max(0, Math.min(draft.presets.length - 1, index))};
}

export function findPresetIndex(draft: OptionsDraft, name: string): number {
	const index = draft.presets.findIndex(p => p.name === name) ?? -1;
	if (index < 0) {
		throw new OptionsError(`No preset named "${name}". Presets: ${draft.presets.map(p => p.name).join(', ')}.`);
	}
	return index;
}

// ---------------------------------------------------------------- warnings (none blocks saving)

/** Anki's warnings for the current values (deck-config.ftl), each tied to the field it concerns. */
export function optionWarnings(draft: OptionsDraft): Array<{key: string; text: string}> {
	const value = (key: string) => optionValue(draft, optionField(key)!);
	const warnings: Array<{key: string; text: string}> = [];
	const newPerDay = Number(draft.limits.newLimit ?? value('new.perDay'));
	const reviews = Number(draft.limits.reviewLimit ?? value('rev.perDay'));
	const expected = Math.min(9999, newPerDay * 10);
	if (reviews < expected) {
		warnings.push({key: 'rev.perDay', text: `If adding ${newPerDay} new card${newPerDay === 1 ? '' : 's'} each day, your review limit should be at least ${expected}.`});
	}
	const learn = value('new.delays') as number[];
	const relearn = value('lapse.delays') as number[];
	const good = Number(value('new.ints[0]'));
	const easy = Number(value('new.ints[1]'));
	const lastDays = (steps: number[]) => (steps.length > 0 ? steps.at(-1)! / 1440 : 0);
	if (lastDays(learn) > good) warnings.push({key: 'new.ints[0]', text: 'The graduating interval should be at least as long as your final learning step.'});
	if (good > easy) warnings.push({key: 'new.ints[1]', text: 'The easy interval should be at least as long as the graduating interval.'});
	if (Number(value('new.order')) === 0) {
		warnings.push({key: 'new.order', text: 'With the v3 scheduler, it is better to leave this set to sequential, and adjust the new card gather order instead.'});
	}
	if (!draft.conf.fsrs && lastDays(relearn) > Number(value('lapse.minInt'))) {
		warnings.push({key: 'lapse.minInt', text: 'The minimum lapse interval should be at least as long as your final relearning step.'});
	}
	if (draft.conf.fsrs && (lastDays(learn) >= 1 || lastDays(relearn) >= 1)) {
		warnings.push({key: lastDays(learn) >= 1 ? 'new.delays' : 'lapse.delays', text: 'When FSRS is enabled, steps of 1 day or more are not recommended.'});
	}
	if (Number(value('rev.maxIvl')) < 180) warnings.push({key: 'rev.maxIvl', text: 'A maximum interval less than 6 months is not recommended.'});
	if (Number(value('maxTaken')) > 600) {
		warnings.push({key: 'maxTaken', text: 'Anki can schedule your reviews more efficiently when you keep each question short.'});
	}
	const retention = Number(draft.limits.desiredRetention ?? value('desiredRetention'));
	if (draft.conf.fsrs && retention < 0.8) warnings.push({key: 'desiredRetention', text: 'Your desired retention is very low, which can lead to very long intervals.'});
	if (draft.conf.fsrs && retention > 0.95) warnings.push({key: 'desiredRetention', text: 'Your desired retention is very high, which can lead to very short intervals.'});
	const easyDays = optionFields.filter(f => f.section === 'Easy Days').map(f => Number(optionValue(draft, f)));
	if (!easyDays.includes(1)) warnings.push({key: 'easyDaysPercentages[0]', text: "At least one day should be set to 'Normal'."});
	return warnings;
}

// ---------------------------------------------------------------- saving

export interface SaveOptions {
	nowMs?: number;
	/** "Save to All Subdecks": the deck's subdecks get the preset too. */
	applyToChildren?: boolean;
}

export interface SaveResult {
	/** The preset the deck uses now. */
	presetId: number;
	/** Whether a preset was removed (a schema change: the next sync is a one-way full sync). */
	schemaChanged: boolean;
	memory: MemoryRecompute | null;
}

function dayLimit(old: DayLimit | null, value: number | null, today: number): DayLimit | null {
	// rslib update_day_limit: a value is today's; clearing keeps the last value but makes it inactive.
	if (value !== null) return {limit: value, today};
	if (!old || old.today === 0 || old.today > today) return null;
	return {limit: old.limit, today: Math.min(old.today, Math.max(0, today - 1))};
}

/** Writes the draft as Anki's Save does, in one undoable operation ("Deck Options"). */
export function saveOptions(col: Collection, draft: OptionsDraft, options: SaveOptions = {}): SaveResult {
	if (col.readOnly) throw new OptionsError('The collection is open read-only; options cannot be saved.');
	const nowMs = options.nowMs ?? Date.now();
	const nowSecs = Math.floor(nowMs / 1000);
	return col.undo.run(DECK_OPTIONS_OP, () => saveInner(col, draft, nowMs, nowSecs, options.applyToChildren ?? false), {nowMs});
}

function saveInner(col: Collection, draft: OptionsDraft, nowMs: number, nowSecs: number, applyToChildren: boolean): SaveResult {
	const adapter = col.adapter;
	const before = new Map(adapter.deckConfigs().map(c => [c.id, c]));
	const after = new Map(before);
	for (const id of draft.removed) {
		if (id === 1) throw new OptionsError("The default configuration can't be removed.");
		if (!before.has(id)) continue;
		adapter.removeDeckConfig(id);
		after.delete(id);
	}
	const schemaChanged = draft.removed.some(id => before.has(id));
	// Anki's set_schema_modified: scm = now (ms); the next sync must be a one-way full sync.
	if (schemaChanged) col.db.prepare('UPDATE col SET scm = ?').run(nowMs);

	// The current preset is saved last, as Anki's request lists it.
	const ordered = [...draft.presets.filter((_, i) => i !== draft.selected), currentPreset(draft)];
	let selectedId = 0;
	for (const preset of ordered) {
		const isCurrent = preset === currentPreset(draft);
		if (preset.id !== 0 && preset.original === JSON.stringify(preset.json) && !isCurrent) continue;
		const config = deckConfigFromJson({...preset.json, name: preset.name});
		// Empty FSRS-6 parameters clear the older sets too, so they are not fallen back on.
		if (config.fsrsParams.length === 0) {
			for (const key of ['fsrsWeights', 'fsrsParams5']) {
				if (Array.isArray(config.extra?.[key]) && (config.extra[key] as unknown[]).length > 0) config.extra = {...config.extra, [key]: []};
			}
		}
		let id = preset.id;
		if (id === 0) {
			id = adapter.addDeckConfig({...config, id: nowMs}, nowSecs);
		} else if (preset.original !== JSON.stringify(preset.json)) {
			adapter.updateDeckConfig({...config, id}, nowSecs);
		}
		after.set(id, {...config, id});
		if (isCurrent) selectedId = id;
	}

	const decks = adapter.decks();
	const target = decks.find(d => d.id === draft.deckId)!;
	const prefix = `${target.name}::`;
	const selectedDecks = new Set(
		decks.filter(d => d.id === draft.deckId || (applyToChildren && d.name.startsWith(prefix))).map(d => d.id),
	);
	const settings = readSchedulerSettings(col);
	const fsrsToggled = settings.fsrs !== draft.conf.fsrs;
	const recompute = new Map<number, number[]>();
	const deckRetention = new Map<number, number>();
	for (const deck of decks) {
		if (!deck.normal) continue;
		const previous = before.get(deck.normal.configId);
		let current = previous;
		let deckDr = deck.normal.desiredRetention;
		const previousDr = deckDr ?? previous?.desiredRetention;
		let currentId = deck.normal.configId;
		if (selectedDecks.has(deck.id) || !after.has(deck.normal.configId)) {
			const normal = {
				...deck.normal,
				configId: selectedId,
				newLimit: draft.limits.newLimit,
				reviewLimit: draft.limits.reviewLimit,
				newLimitToday: dayLimit(deck.normal.newLimitToday, draft.limits.newLimitToday, draft.today),
				reviewLimitToday: dayLimit(deck.normal.reviewLimitToday, draft.limits.reviewLimitToday, draft.today),
				desiredRetention: draft.limits.desiredRetention,
			};
			if (JSON.stringify(normal) !== JSON.stringify(deck.normal)) adapter.updateDeck({...deck, normal}, nowSecs);
			currentId = selectedId;
			deckDr = normal.desiredRetention;
		}
		current = after.get(currentId);
		if ((previous?.newCardInsertOrder ?? 0) !== (current?.newCardInsertOrder ?? 0)) {
			sortNewCards(col, deck.id, current?.newCardInsertOrder === 1, nowSecs);
		}
		const easyDaysChanged = JSON.stringify(previous?.easyDaysPercentages ?? []) !== JSON.stringify(current?.easyDaysPercentages ?? []);
		if (
			fsrsToggled ||
			JSON.stringify(previous?.fsrsParams) !== JSON.stringify(current?.fsrsParams) ||
			previousDr !== (deckDr ?? current?.desiredRetention) ||
			(draft.reschedule && easyDaysChanged)
		) {
			recompute.set(currentId, [...(recompute.get(currentId) ?? []), deck.id]);
		}
		if (deckDr !== null) deckRetention.set(deck.id, deckDr);
		if (previous && current) adjustRemainingSteps(col, deck.id, previous, current, nowSecs);
	}

	// Anki's set_config writes a key only when it is absent or its value changed.
	const setConfig = (key: string, value: unknown) => {
		if (JSON.stringify(adapter.getConfig(key)) !== JSON.stringify(value)) adapter.setConfig(key, value, nowSecs);
	};
	if (fsrsToggled) setConfig('fsrs', draft.conf.fsrs);
	let memory: MemoryRecompute | null = null;
	if (recompute.size > 0) {
		memory = recomputeMemoryStates(col, {
			entries: [...recompute].map(([presetId, deckIds]) => ({config: after.get(presetId) ?? null, deckIds})),
			fsrs: draft.conf.fsrs,
			reschedule: draft.reschedule,
			deckRetention,
			nowMs,
		});
	}
	setConfig('cardStateCustomizer', draft.conf.cardStateCustomizer);
	setConfig('newCardsIgnoreReviewLimit', draft.conf.newCardsIgnoreReviewLimit);
	setConfig('applyAllParentLimits', draft.conf.applyAllParentLimits);
	setConfig('fsrsHealthCheck', draft.conf.fsrsHealthCheck);
	col.touch(nowMs);
	return {presetId: selectedId, schemaChanged, memory};
}
