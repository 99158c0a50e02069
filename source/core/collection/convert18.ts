// Schema 15-18 protobuf blobs <-> the domain model. Values the domain does not model go to
// `extra` under their schema-11 JSON names (as Anki's own schema-11 conversion does), so a
// notetype or deck config read from one schema can be written to another.
import type {Deck, DeckConfig, Notetype, NotetypeField, NotetypeTemplate} from '../model.js';
import {
	decodeDeckCommon,
	decodeDeckConfigConfig,
	decodeDeckKind,
	decodeFieldConfig,
	decodeNotetypeConfig,
	decodeTemplateConfig,
	newDeckCommon,
	newDeckConfigConfig,
	newDeckKind,
	newFieldConfig,
	newNotetypeConfig,
	newTemplateConfig,
	newDayLimit,
	newFilteredDeck,
	newFilteredSearchTerm,
	newNormalDeck,
	type DeckCommon,
	type DeckConfigConfig,
	type DeckKindContainer,
	type FieldConfig,
	type NotetypeConfig,
	type TemplateConfig,
} from '../proto/index.js';
import {fromFloat32, withValidValues} from './deck-config-values.js';
import {bool, isObject, num, numbers, parseObject, str, type Json} from './json-values.js';

/** Schema 18 joins deck name levels with U+001F; the domain (and schema 11) use `::`. */
export const deckNameFromNative = (name: string): string => name.replaceAll('\u001f', '::');
export const deckNameToNative = (name: string): string => name.replaceAll('::', '\u001f');

const otherJson = (bytes: Uint8Array): Json => (bytes.length > 0 ? parseObject(bytes) : {});
const otherBytes = (json: Json): Uint8Array =>
	Object.keys(json).length > 0 ? Buffer.from(JSON.stringify(json)) : new Uint8Array(0);
const compact = (json: Json): Json | undefined => (Object.keys(json).length > 0 ? json : undefined);
const bigintOrZero = (value: unknown): bigint => BigInt(Math.trunc(num(value, 0)));

/** Moves the keys in `keys` out of `extra` (they become proto fields); the rest is JSON `other`. */
function splitExtra(extra: Json | undefined, keys: readonly string[]): {known: Json; other: Json} {
	const known: Json = {};
	const other: Json = {};
	for (const [key, value] of Object.entries(extra ?? {})) (keys.includes(key) ? known : other)[key] = value;
	return {known, other};
}

// ---------------------------------------------------------------- notetypes

export interface NotetypeRow {
	id: number;
	name: string;
	mtime_secs: number;
	usn: number;
	config: Uint8Array;
}
export interface FieldRow {
	ord: number;
	name: string;
	config: Uint8Array;
}
export interface TemplateRow {
	ord: number;
	name: string;
	mtime_secs: number;
	usn: number;
	config: Uint8Array;
}

const requirementKinds = ['none', 'any', 'all'];

export function notetypeFromRows(row: NotetypeRow, fields: FieldRow[], templates: TemplateRow[]): Notetype {
	const config = decodeNotetypeConfig(row.config);
	const extra: Json = {
		...otherJson(config.other),
		did: config.targetDeckIdUnused === 0n ? null : Number(config.targetDeckIdUnused),
		req: config.reqs.map(req => [req.cardOrd, requirementKinds[req.kind] ?? 'none', [...req.fieldOrds]]),
	};
	if (config.originalId !== undefined) extra['originalId'] = Number(config.originalId);
	return {
		id: row.id,
		name: row.name,
		kind: config.kind === 1 ? 'cloze' : 'standard',
		fields: [...fields].sort((a, b) => a.ord - b.ord).map(fieldFromRow),
		templates: [...templates].sort((a, b) => a.ord - b.ord).map(templateFromRow),
		css: config.css,
		sortFieldIndex: config.sortFieldIdx,
		latexPre: config.latexPre,
		latexPost: config.latexPost,
		latexSvg: config.latexSvg,
		mtimeSecs: row.mtime_secs,
		usn: row.usn,
		originalStockKind: config.originalStockKind,
		extra,
	};
}

function fieldFromRow(row: FieldRow): NotetypeField {
	const config = decodeFieldConfig(row.config);
	const extra: Json = {
		...otherJson(config.other),
		sticky: config.sticky,
		rtl: config.rtl,
		font: config.fontName,
		size: config.fontSize,
		description: config.description,
		plainText: config.plainText,
		collapsed: config.collapsed,
		excludeFromSearch: config.excludeFromSearch,
		preventDeletion: config.preventDeletion,
	};
	if (config.id !== undefined) extra['id'] = Number(config.id);
	if (config.tag !== undefined) extra['tag'] = config.tag;
	return {name: row.name, ord: row.ord, extra};
}

function templateFromRow(row: TemplateRow): NotetypeTemplate {
	const config = decodeTemplateConfig(row.config);
	const extra: Json = {
		...otherJson(config.other),
		bqfmt: config.qFormatBrowser,
		bafmt: config.aFormatBrowser,
		bfont: config.browserFontName,
		bsize: config.browserFontSize,
	};
	if (config.id !== undefined) extra['id'] = Number(config.id);
	return {
		name: row.name,
		ord: row.ord,
		qfmt: config.qFormat,
		afmt: config.aFormat,
		targetDeckId: Number(config.targetDeckId),
		extra,
	};
}

export function notetypeConfigFromDomain(notetype: Notetype): NotetypeConfig {
	// As rslib: keys without a proto field (tags, vers, ...) travel in the JSON `other` bytes.
	const {known, other} = splitExtra(notetype.extra, ['did', 'req', 'originalId']);
	const config = newNotetypeConfig({
		kind: notetype.kind === 'cloze' ? 1 : 0,
		sortFieldIdx: notetype.sortFieldIndex,
		css: notetype.css,
		targetDeckIdUnused: bigintOrZero(known['did']),
		latexPre: notetype.latexPre,
		latexPost: notetype.latexPost,
		latexSvg: notetype.latexSvg,
		originalStockKind: notetype.originalStockKind,
		other: otherBytes(other),
	});
	if (Array.isArray(known['req'])) {
		for (const req of known['req']) {
			if (!Array.isArray(req)) continue;
			config.reqs.push({
				$typeName: 'ankitui.blobs.NotetypeConfig.CardRequirement',
				cardOrd: num(req[0], 0),
				kind: Math.max(0, requirementKinds.indexOf(str(req[1]))),
				fieldOrds: numbers(req[2], []),
			});
		}
	}
	if (known['originalId'] !== undefined && known['originalId'] !== null) config.originalId = bigintOrZero(known['originalId']);
	return config;
}

const fieldKeys = ['sticky', 'rtl', 'font', 'size', 'description', 'plainText', 'collapsed', 'excludeFromSearch', 'id', 'tag', 'preventDeletion'];

export function fieldConfigFromDomain(field: NotetypeField): FieldConfig {
	const {known, other} = splitExtra(field.extra, fieldKeys);
	const config = newFieldConfig({
		sticky: bool(known['sticky'], false),
		rtl: bool(known['rtl'], false),
		fontName: str(known['font'], 'Arial'),
		fontSize: num(known['size'], 20),
		description: str(known['description']),
		plainText: bool(known['plainText'], false),
		collapsed: bool(known['collapsed'], false),
		excludeFromSearch: bool(known['excludeFromSearch'], false),
		preventDeletion: bool(known['preventDeletion'], false),
		other: otherBytes(other),
	});
	if (known['id'] !== undefined && known['id'] !== null) config.id = bigintOrZero(known['id']);
	if (known['tag'] !== undefined && known['tag'] !== null) config.tag = num(known['tag'], 0);
	return config;
}

export function templateConfigFromDomain(template: NotetypeTemplate): TemplateConfig {
	const {known, other} = splitExtra(template.extra, ['bqfmt', 'bafmt', 'bfont', 'bsize', 'id']);
	const config = newTemplateConfig({
		qFormat: template.qfmt,
		aFormat: template.afmt,
		qFormatBrowser: str(known['bqfmt']),
		aFormatBrowser: str(known['bafmt']),
		targetDeckId: bigintOrZero(template.targetDeckId),
		browserFontName: str(known['bfont']),
		browserFontSize: num(known['bsize'], 0),
		other: otherBytes(other),
	});
	if (known['id'] !== undefined && known['id'] !== null) config.id = bigintOrZero(known['id']);
	return config;
}

// ---------------------------------------------------------------- decks

export interface DeckRow {
	id: number;
	name: string;
	mtime_secs: number;
	usn: number;
	common: Uint8Array;
	kind: Uint8Array;
}

export function deckFromRow(row: DeckRow): Deck {
	const common = decodeDeckCommon(row.common);
	const kind = decodeDeckKind(row.kind);
	const extra: Json = otherJson(common.other);
	const deck: Deck = {
		id: row.id,
		name: deckNameFromNative(row.name),
		mtimeSecs: row.mtime_secs,
		usn: row.usn,
		collapsed: common.studyCollapsed,
		browserCollapsed: common.browserCollapsed,
		description: '',
		today: {
			day: common.lastDayStudied,
			newStudied: common.newStudied,
			reviewStudied: common.reviewStudied,
			learningStudied: common.learningStudied,
			millisecondsStudied: common.millisecondsStudied,
		},
	};
	if (kind.kind.case === 'filtered') {
		const filtered = kind.kind.value;
		if (filtered.delays.length > 0) extra['delays'] = filtered.delays.map(fromFloat32);
		deck.filtered = {
			reschedule: filtered.reschedule,
			searchTerms: filtered.searchTerms.map(term => ({search: term.search, limit: term.limit, order: term.order})),
			previewDelayMins: filtered.previewDelay,
			previewAgainSecs: filtered.previewAgainSecs,
			previewHardSecs: filtered.previewHardSecs,
			previewGoodSecs: filtered.previewGoodSecs,
		};
	} else {
		const normal = kind.kind.case === 'normal' ? kind.kind.value : newNormalDeck();
		if (normal.markdownDescription) extra['md'] = true;
		deck.description = normal.description;
		deck.normal = {
			configId: Number(normal.configId) || 1,
			extendNew: normal.extendNew,
			extendReview: normal.extendReview,
			reviewLimit: normal.reviewLimit ?? null,
			newLimit: normal.newLimit ?? null,
			reviewLimitToday: normal.reviewLimitToday ? {limit: normal.reviewLimitToday.limit, today: normal.reviewLimitToday.today} : null,
			newLimitToday: normal.newLimitToday ? {limit: normal.newLimitToday.limit, today: normal.newLimitToday.today} : null,
			desiredRetention: normal.desiredRetention === undefined ? null : fromFloat32(normal.desiredRetention),
		};
	}
	deck.extra = compact(extra);
	return deck;
}

/** Applies the domain deck onto decoded blobs (so fields we do not model stay as they were). */
export function applyDeckToBlobs(deck: Deck, common: DeckCommon = newDeckCommon(), kind: DeckKindContainer = newDeckKind()): void {
	// `separate` is a schema-11 filtered-deck key that rslib drops when converting
	const {known, other} = splitExtra(deck.extra, ['md', 'delays', 'separate']);
	common.studyCollapsed = deck.collapsed;
	common.browserCollapsed = deck.browserCollapsed;
	common.lastDayStudied = deck.today.day;
	common.newStudied = deck.today.newStudied;
	common.reviewStudied = deck.today.reviewStudied;
	common.learningStudied = deck.today.learningStudied;
	common.millisecondsStudied = deck.today.millisecondsStudied;
	// Re-serialize `other` only when it really changed, so untouched blobs stay byte-identical.
	const previousOther = otherJson(common.other);
	const mergedOther = {...previousOther, ...other};
	if (JSON.stringify(mergedOther) !== JSON.stringify(previousOther)) common.other = otherBytes(mergedOther);
	if (deck.filtered) {
		const filtered = deck.filtered;
		const value = kind.kind.case === 'filtered' ? kind.kind.value : newFilteredDeck();
		value.reschedule = filtered.reschedule;
		value.searchTerms = filtered.searchTerms.map((term, index) => {
			const search = value.searchTerms[index] ?? newFilteredSearchTerm();
			search.search = term.search;
			search.limit = term.limit;
			search.order = term.order;
			return search;
		});
		if (Array.isArray(known['delays'])) value.delays = numbers(known['delays'], []);
		value.previewDelay = filtered.previewDelayMins;
		value.previewAgainSecs = filtered.previewAgainSecs;
		value.previewHardSecs = filtered.previewHardSecs;
		value.previewGoodSecs = filtered.previewGoodSecs;
		kind.kind = {case: 'filtered', value};
	} else if (deck.normal) {
		const normal = deck.normal;
		const value = kind.kind.case === 'normal' ? kind.kind.value : newNormalDeck();
		value.configId = BigInt(normal.configId);
		value.extendNew = normal.extendNew;
		value.extendReview = normal.extendReview;
		value.description = deck.description;
		value.markdownDescription = bool(known['md'], value.markdownDescription);
		value.reviewLimit = normal.reviewLimit ?? undefined;
		value.newLimit = normal.newLimit ?? undefined;
		value.reviewLimitToday = normal.reviewLimitToday
			? Object.assign(value.reviewLimitToday ?? newDayLimit(), normal.reviewLimitToday)
			: undefined;
		value.newLimitToday = normal.newLimitToday
			? Object.assign(value.newLimitToday ?? newDayLimit(), normal.newLimitToday)
			: undefined;
		value.desiredRetention = normal.desiredRetention ?? undefined;
		kind.kind = {case: 'normal', value};
	}
}

// ---------------------------------------------------------------- deck options

/** Settings the domain does not model, as schema-11 JSON keys <-> DeckConfigConfig fields. */
const auxiliary: Array<[string, keyof DeckConfigConfig, 'bool' | 'num' | 'str' | 'floats']> = [
	['newPerDayMinimum', 'newPerDayMinimum', 'num'],
	['stopTimerOnAnswer', 'stopTimerOnAnswer', 'bool'],
	['secondsToShowQuestion', 'secondsToShowQuestion', 'num'],
	['secondsToShowAnswer', 'secondsToShowAnswer', 'num'],
	['questionAction', 'questionAction', 'num'],
	['answerAction', 'answerAction', 'num'],
	['waitForAudio', 'waitForAudio', 'bool'],
	['easyDaysPercentages', 'easyDaysPercentages', 'floats'],
	['sm2Retention', 'historicalRetention', 'num'],
	['weightSearch', 'paramSearch', 'str'],
	['ignoreRevlogsBeforeDate', 'ignoreRevlogsBeforeDate', 'str'],
	['fsrsWeights', 'fsrsParams4', 'floats'],
	['fsrsParams5', 'fsrsParams5', 'floats'],
	['fsrsParams6', 'fsrsParams6', 'floats'],
];

/** `version`: the collection's col.ver; schema 15 stored the starting ease 2.5 as 250. */
export function deckConfigFromBlob(
	row: {id: number; name: string; mtime_secs: number; usn: number; config: Uint8Array},
	version: number,
): DeckConfig {
	const c = decodeDeckConfigConfig(row.config);
	const extra: Json = {...otherJson(c.other), timer: c.showTimer ? 1 : 0, replayq: !c.skipQuestionWhenReplayingAnswer};
	for (const [jsonKey, field, type] of auxiliary) {
		const value = c[field];
		extra[jsonKey] = type === 'floats' ? (value as number[]).map(fromFloat32) : type === 'num' ? fromFloat32(value as number) : value;
	}
	const fsrs = c.fsrsParams6.length > 0 ? c.fsrsParams6 : c.fsrsParams5.length > 0 ? c.fsrsParams5 : c.fsrsParams4;
	return withValidValues({
		id: row.id,
		name: row.name,
		mtimeSecs: row.mtime_secs,
		usn: row.usn,
		learnSteps: c.learnSteps.map(fromFloat32),
		relearnSteps: c.relearnSteps.map(fromFloat32),
		newPerDay: c.newPerDay,
		reviewsPerDay: c.reviewsPerDay,
		initialEase: fromFloat32(version === 15 ? c.initialEase / 100 : c.initialEase),
		easyMultiplier: fromFloat32(c.easyMultiplier),
		hardMultiplier: fromFloat32(c.hardMultiplier),
		lapseMultiplier: fromFloat32(c.lapseMultiplier),
		intervalMultiplier: fromFloat32(c.intervalMultiplier),
		maximumReviewInterval: c.maximumReviewInterval,
		minimumLapseInterval: c.minimumLapseInterval,
		graduatingIntervalGood: c.graduatingIntervalGood,
		graduatingIntervalEasy: c.graduatingIntervalEasy,
		newCardInsertOrder: c.newCardInsertOrder,
		newCardGatherPriority: c.newCardGatherPriority,
		newCardSortOrder: c.newCardSortOrder,
		newMix: c.newMix,
		interdayLearningMix: c.interdayLearningMix,
		reviewOrder: c.reviewOrder,
		leechAction: c.leechAction,
		leechThreshold: c.leechThreshold,
		disableAutoplay: c.disableAutoplay,
		capAnswerTimeToSecs: c.capAnswerTimeToSecs,
		buryNew: c.buryNew,
		buryReviews: c.buryReviews,
		buryInterdayLearning: c.buryInterdayLearning,
		desiredRetention: fromFloat32(c.desiredRetention),
		fsrsParams: fsrs.map(fromFloat32),
		easyDaysPercentages: c.easyDaysPercentages.map(fromFloat32),
		extra,
	});
}

/** Keys of the schema-11 new/rev/lapse groups that have proto fields (rslib's reserved keys). */
const groupKeys: Record<string, string[]> = {
	new: ['order', 'delays', 'bury', 'perDay', 'initialFactor', 'ints'],
	rev: ['maxIvl', 'hardFactor', 'ease4', 'ivlFct', 'perDay', 'bury'],
	lapse: ['leechFails', 'mult', 'leechAction', 'delays', 'minInt'],
};

const fsrsField = (params: number[]): 'fsrsParams6' | 'fsrsParams5' | 'fsrsParams4' =>
	params.length >= 21 ? 'fsrsParams6' : params.length === 19 ? 'fsrsParams5' : 'fsrsParams4';

export function deckConfigToBlobMessage(config: DeckConfig, version: number): DeckConfigConfig {
	const {known, other} = splitExtra(config.extra, ['timer', 'replayq', 'dyn', 'new', 'rev', 'lapse', ...auxiliary.map(([key]) => key)]);
	const c = newDeckConfigConfig({
		learnSteps: config.learnSteps,
		relearnSteps: config.relearnSteps,
		newPerDay: config.newPerDay,
		reviewsPerDay: config.reviewsPerDay,
		initialEase: version === 15 ? config.initialEase * 100 : config.initialEase,
		easyMultiplier: config.easyMultiplier,
		hardMultiplier: config.hardMultiplier,
		lapseMultiplier: config.lapseMultiplier,
		intervalMultiplier: config.intervalMultiplier,
		maximumReviewInterval: config.maximumReviewInterval,
		minimumLapseInterval: config.minimumLapseInterval,
		graduatingIntervalGood: config.graduatingIntervalGood,
		graduatingIntervalEasy: config.graduatingIntervalEasy,
		newCardInsertOrder: config.newCardInsertOrder,
		newCardGatherPriority: config.newCardGatherPriority,
		newCardSortOrder: config.newCardSortOrder,
		newMix: config.newMix,
		interdayLearningMix: config.interdayLearningMix,
		reviewOrder: config.reviewOrder,
		leechAction: config.leechAction,
		leechThreshold: config.leechThreshold,
		disableAutoplay: config.disableAutoplay,
		capAnswerTimeToSecs: config.capAnswerTimeToSecs,
		showTimer: num(known['timer'], 0) !== 0,
		skipQuestionWhenReplayingAnswer: !bool(known['replayq'], true),
		buryNew: config.buryNew,
		buryReviews: config.buryReviews,
		buryInterdayLearning: config.buryInterdayLearning,
		desiredRetention: config.desiredRetention,
		// Anki's defaults for settings absent from older files
		waitForAudio: true,
		historicalRetention: 0.9,
		easyDaysPercentages: [1, 1, 1, 1, 1, 1, 1],
	});
	if (config.easyDaysPercentages) known['easyDaysPercentages'] = config.easyDaysPercentages;
	for (const [jsonKey, field, type] of auxiliary) {
		if (!(jsonKey in known)) continue;
		const value = known[jsonKey];
		const target = c as unknown as Record<string, unknown>;
		target[field] = type === 'floats' ? numbers(value, []) : type === 'num' ? num(value, 0) : type === 'bool' ? bool(value, false) : str(value);
	}
	if (config.fsrsParams.length > 0) c[fsrsField(config.fsrsParams)] = config.fsrsParams;
	// Keys inside schema-11 new/rev/lapse that have no proto field travel in `other`, as Anki does.
	for (const [group, modelled] of Object.entries(groupKeys)) {
		const value = known[group];
		if (!isObject(value)) continue;
		const rest = Object.fromEntries(Object.entries(value).filter(([key]) => !modelled.includes(key)));
		if (Object.keys(rest).length > 0) other[group] = rest;
	}
	c.other = otherBytes(other);
	return c;
}
