// Schema-11 JSON (col.models / col.decks / col.dconf values) <-> the domain model. Key names and
// fallbacks follow rslib's *schema11.rs. Writers merge onto the object already in the file so keys
// we do not model survive.
import type {DayLimit, Deck, DeckConfig, Notetype, NotetypeField, NotetypeTemplate} from '../model.js';
import {deckConfigDefaults, withValidValues} from './deck-config-values.js';
import {bool, isObject, num, numOrNull, numbers, objectOf, str, without, type Json} from './json-values.js';

// ---------------------------------------------------------------- notetypes

const notetypeKeys = ['id', 'name', 'type', 'mod', 'usn', 'sortf', 'tmpls', 'flds', 'css', 'latexPre', 'latexPost', 'latexsvg', 'originalStockKind'];

export function notetypeFromJson(json: Json): Notetype {
	const fields: NotetypeField[] = (Array.isArray(json['flds']) ? json['flds'] : [])
		.map(objectOf)
		.map((field, index) => ({name: str(field['name']), ord: num(field['ord'], index), extra: without(field, ['name', 'ord'])}))
		.sort((a, b) => a.ord - b.ord);
	const templates: NotetypeTemplate[] = (Array.isArray(json['tmpls']) ? json['tmpls'] : [])
		.map(objectOf)
		.map((template, index) => ({
			name: str(template['name']),
			ord: num(template['ord'], index),
			qfmt: str(template['qfmt']),
			afmt: str(template['afmt']),
			targetDeckId: num(template['did'], 0),
			extra: without(template, ['name', 'ord', 'qfmt', 'afmt', 'did']),
		}))
		.sort((a, b) => a.ord - b.ord);
	return {
		id: num(json['id'], 0),
		name: str(json['name']),
		kind: num(json['type'], 0) === 1 ? 'cloze' : 'standard',
		fields,
		templates,
		css: str(json['css']),
		sortFieldIndex: num(json['sortf'], 0),
		latexPre: str(json['latexPre']),
		latexPost: str(json['latexPost']),
		latexSvg: bool(json['latexsvg'], false),
		mtimeSecs: num(json['mod'], 0),
		usn: num(json['usn'], 0),
		originalStockKind: num(json['originalStockKind'], 0),
		extra: without(json, notetypeKeys),
	};
}

export function notetypeToJson(notetype: Notetype): Json {
	const json: Json = {
		id: notetype.id,
		name: notetype.name,
		type: notetype.kind === 'cloze' ? 1 : 0,
		mod: notetype.mtimeSecs,
		usn: notetype.usn,
		sortf: notetype.sortFieldIndex,
		did: null,
		tmpls: notetype.templates.map(template => ({
			name: template.name,
			ord: template.ord,
			qfmt: template.qfmt,
			afmt: template.afmt,
			bqfmt: '',
			bafmt: '',
			bfont: '',
			bsize: 0,
			...template.extra,
			did: template.targetDeckId > 0 ? template.targetDeckId : null,
		})),
		flds: notetype.fields.map(field => ({
			name: field.name,
			ord: field.ord,
			sticky: false,
			rtl: false,
			font: 'Arial',
			size: 20,
			description: '',
			plainText: false,
			collapsed: false,
			excludeFromSearch: false,
			preventDeletion: false,
			...field.extra,
		})),
		css: notetype.css,
		latexPre: notetype.latexPre,
		latexPost: notetype.latexPost,
		latexsvg: notetype.latexSvg,
		req: [],
		...notetype.extra,
	};
	// Anki omits a zero originalStockKind (skip_serializing_if = is_default).
	if (notetype.originalStockKind) json['originalStockKind'] = notetype.originalStockKind;
	return json;
}

// ---------------------------------------------------------------- decks

const deckKeys = [
	'id', 'name', 'mod', 'usn', 'desc', 'collapsed', 'browserCollapsed', 'dyn', 'newToday', 'revToday', 'lrnToday', 'timeToday',
	'conf', 'extendNew', 'extendRev', 'reviewLimit', 'newLimit', 'reviewLimitToday', 'newLimitToday', 'desiredRetention',
	'resched', 'terms', 'previewDelay', 'previewAgainSecs', 'previewHardSecs', 'previewGoodSecs',
];

function todayPair(value: unknown): [number, number] {
	return Array.isArray(value) ? [num(value[0], 0), num(value[1], 0)] : [0, 0];
}

function dayLimit(value: unknown): DayLimit | null {
	return isObject(value) ? {limit: num(value['limit'], 0), today: num(value['today'], 0)} : null;
}

export function deckFromJson(json: Json): Deck {
	const time = todayPair(json['timeToday']);
	const fresh = todayPair(json['newToday']);
	const review = todayPair(json['revToday']);
	const learn = todayPair(json['lrnToday']);
	// One day for all counters, as Anki does when reading: counters from an older day count as 0.
	const day = Math.max(time[0], fresh[0], review[0]);
	const deck: Deck = {
		id: num(json['id'], 0),
		name: str(json['name']),
		mtimeSecs: num(json['mod'], 0),
		usn: num(json['usn'], 0),
		collapsed: bool(json['collapsed'], false),
		browserCollapsed: bool(json['browserCollapsed'], false),
		description: str(json['desc']),
		today: {
			day,
			newStudied: fresh[0] === day ? fresh[1] : 0,
			reviewStudied: review[0] === day ? review[1] : 0,
			learningStudied: learn[0] === day ? learn[1] : 0,
			millisecondsStudied: time[1],
		},
		extra: without(json, deckKeys),
	};
	if (bool(json['dyn'], false)) {
		deck.filtered = {
			reschedule: bool(json['resched'], true),
			searchTerms: (Array.isArray(json['terms']) ? json['terms'] : []).map(term => {
				const parts = Array.isArray(term) ? term : [];
				return {search: str(parts[0]), limit: num(parts[1], 100), order: num(parts[2], 0)};
			}),
			previewDelayMins: num(json['previewDelay'], 0),
			previewAgainSecs: num(json['previewAgainSecs'], 0),
			previewHardSecs: num(json['previewHardSecs'], 0),
			previewGoodSecs: num(json['previewGoodSecs'], 0),
		};
	} else {
		const retention = numOrNull(json['desiredRetention']);
		deck.normal = {
			configId: num(json['conf'], 1),
			extendNew: Math.max(0, num(json['extendNew'], 0)),
			extendReview: Math.max(0, num(json['extendRev'], 0)),
			reviewLimit: numOrNull(json['reviewLimit']),
			newLimit: numOrNull(json['newLimit']),
			reviewLimitToday: dayLimit(json['reviewLimitToday']),
			newLimitToday: dayLimit(json['newLimitToday']),
			desiredRetention: retention === null ? null : retention / 100,
		};
	}
	return deck;
}

/** The deck as schema-11 JSON, merged onto `base` (the object in the file, if any). */
export function deckToJson(deck: Deck, base: Json = {}): Json {
	const {day} = deck.today;
	const json: Json = {
		...base,
		...deck.extra,
		id: deck.id,
		mod: deck.mtimeSecs,
		name: deck.name,
		usn: deck.usn,
		// Anki writes the same day into all four counters.
		lrnToday: [day, deck.today.learningStudied],
		revToday: [day, deck.today.reviewStudied],
		newToday: [day, deck.today.newStudied],
		timeToday: [day, deck.today.millisecondsStudied],
		collapsed: deck.collapsed,
		browserCollapsed: deck.browserCollapsed,
		desc: deck.filtered ? '' : deck.description,
		dyn: deck.filtered ? 1 : 0,
	};
	if (deck.filtered) {
		const filtered = deck.filtered;
		Object.assign(json, {
			resched: filtered.reschedule,
			terms: filtered.searchTerms.map(term => [term.search, term.limit, term.order]),
			separate: json['separate'] ?? true, // unused, but older clients require it
			// rslib keeps v1 delays as a list and writes an empty one as null.
			delays: Array.isArray(json['delays']) && json['delays'].length > 0 ? json['delays'] : null,
			previewDelay: filtered.previewDelayMins,
			previewAgainSecs: filtered.previewAgainSecs,
			previewHardSecs: filtered.previewHardSecs,
			previewGoodSecs: filtered.previewGoodSecs,
		});
	} else if (deck.normal) {
		const normal = deck.normal;
		Object.assign(json, {
			conf: normal.configId,
			extendNew: normal.extendNew,
			extendRev: normal.extendReview,
			reviewLimit: normal.reviewLimit,
			newLimit: normal.newLimit,
			reviewLimitToday: normal.reviewLimitToday,
			newLimitToday: normal.newLimitToday,
			desiredRetention: normal.desiredRetention === null ? null : Math.round(normal.desiredRetention * 100),
		});
	}
	return json;
}

// ---------------------------------------------------------------- deck options

const deckConfigKeys = [
	'id', 'mod', 'name', 'usn', 'maxTaken', 'autoplay', 'newMix', 'interdayLearningMix', 'reviewOrder', 'newSortOrder',
	'newGatherPriority', 'buryInterdayLearning', 'desiredRetention',
];

/** Schema 11 stores the starting ease as permille (`initialFactor` 2500 = 2.5). */
export function deckConfigFromJson(json: Json): DeckConfig {
	const fresh = objectOf(json['new']);
	const review = objectOf(json['rev']);
	const lapse = objectOf(json['lapse']);
	const ints = numbers(fresh['ints'], [1, 4, 0]);
	const d = deckConfigDefaults;
	const v6 = numbers(json['fsrsParams6'], []);
	const v5 = numbers(json['fsrsParams5'], []);
	const v4 = numbers(json['fsrsWeights'], []);
	return withValidValues({
		id: num(json['id'], 0),
		name: str(json['name']),
		mtimeSecs: num(json['mod'], 0),
		usn: num(json['usn'], 0),
		learnSteps: numbers(fresh['delays'], d.learnSteps),
		relearnSteps: numbers(lapse['delays'], d.relearnSteps),
		newPerDay: num(fresh['perDay'], d.newPerDay),
		reviewsPerDay: num(review['perDay'], d.reviewsPerDay),
		initialEase: num(fresh['initialFactor'], 2500) / 1000,
		easyMultiplier: num(review['ease4'], d.easyMultiplier),
		hardMultiplier: num(review['hardFactor'], d.hardMultiplier),
		lapseMultiplier: num(lapse['mult'], d.lapseMultiplier),
		intervalMultiplier: num(review['ivlFct'], d.intervalMultiplier),
		maximumReviewInterval: num(review['maxIvl'], d.maximumReviewInterval),
		minimumLapseInterval: num(lapse['minInt'], d.minimumLapseInterval),
		graduatingIntervalGood: ints.length >= 2 ? ints[0] : d.graduatingIntervalGood,
		graduatingIntervalEasy: ints.length >= 2 ? ints[1] : d.graduatingIntervalEasy,
		// schema 11 `order`: 0 random, 1 due; the modern enum is 0 due, 1 random
		newCardInsertOrder: num(fresh['order'], 1) === 0 ? 1 : 0,
		newCardGatherPriority: num(json['newGatherPriority'], d.newCardGatherPriority),
		newCardSortOrder: num(json['newSortOrder'], d.newCardSortOrder),
		newMix: num(json['newMix'], d.newMix),
		interdayLearningMix: num(json['interdayLearningMix'], d.interdayLearningMix),
		reviewOrder: num(json['reviewOrder'], d.reviewOrder),
		leechAction: num(lapse['leechAction'], d.leechAction),
		leechThreshold: num(lapse['leechFails'], d.leechThreshold),
		disableAutoplay: !bool(json['autoplay'], true),
		capAnswerTimeToSecs: Math.max(0, num(json['maxTaken'], d.capAnswerTimeToSecs)),
		buryNew: bool(fresh['bury'], false),
		buryReviews: bool(review['bury'], false),
		buryInterdayLearning: bool(json['buryInterdayLearning'], false),
		desiredRetention: num(json['desiredRetention'], 0),
		fsrsParams: v6.length > 0 ? v6 : v5.length > 0 ? v5 : v4,
		easyDaysPercentages: numbers(json['easyDaysPercentages'], []), // absent = [] (rslib serde default): all normal days
		extra: without(json, deckConfigKeys),
	});
}

/** Which schema-11 key holds FSRS parameters of this length (v4 has 17, v5 19, v6 21). */
function fsrsKey(params: number[]): string {
	return params.length >= 21 ? 'fsrsParams6' : params.length === 19 ? 'fsrsParams5' : 'fsrsWeights';
}

export function deckConfigToJson(config: DeckConfig, base: Json = {}): Json {
	const merged: Json = {...base, ...config.extra};
	const fresh = objectOf(merged['new']);
	const review = objectOf(merged['rev']);
	const lapse = objectOf(merged['lapse']);
	const oldInts = numbers(fresh['ints'], [1, 4, 0]);
	const json: Json = {
		timer: 0,
		replayq: true,
		dyn: false,
		newPerDayMinimum: 0,
		...merged,
		id: config.id,
		mod: config.mtimeSecs,
		name: config.name,
		usn: config.usn,
		maxTaken: config.capAnswerTimeToSecs,
		autoplay: !config.disableAutoplay,
		new: {
			...fresh,
			bury: config.buryNew,
			delays: config.learnSteps,
			initialFactor: Math.round(config.initialEase * 1000),
			ints: [config.graduatingIntervalGood, config.graduatingIntervalEasy, oldInts[2] ?? 0],
			order: config.newCardInsertOrder === 1 ? 0 : 1,
			perDay: config.newPerDay,
		},
		rev: {
			...review,
			bury: config.buryReviews,
			ease4: config.easyMultiplier,
			ivlFct: config.intervalMultiplier,
			maxIvl: config.maximumReviewInterval,
			perDay: config.reviewsPerDay,
			hardFactor: config.hardMultiplier,
		},
		lapse: {
			...lapse,
			delays: config.relearnSteps,
			leechAction: config.leechAction,
			leechFails: config.leechThreshold,
			minInt: config.minimumLapseInterval,
			mult: config.lapseMultiplier,
		},
		newMix: config.newMix,
		interdayLearningMix: config.interdayLearningMix,
		reviewOrder: config.reviewOrder,
		newSortOrder: config.newCardSortOrder,
		newGatherPriority: config.newCardGatherPriority,
		buryInterdayLearning: config.buryInterdayLearning,
		desiredRetention: config.desiredRetention,
	};
	if (config.fsrsParams.length > 0) json[fsrsKey(config.fsrsParams)] = config.fsrsParams;
	// Written at its old place; an empty list (same as absent for Anki) is not added where there was none.
	if (config.easyDaysPercentages && ('easyDaysPercentages' in json || config.easyDaysPercentages.length > 0)) {
		json['easyDaysPercentages'] = config.easyDaysPercentages;
	}
	return json;
}
