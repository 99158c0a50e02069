// What a fresh collection holds besides its tables: global config, the Default deck (id 1) and the
// Default options group (id 1), with Anki's values (rslib config/schema11.rs, deckconfig/mod.rs,
// storage/deck/mod.rs add_default_deck).
import type {Deck, DeckConfig} from '../model.js';
import {deckConfigDefaults} from './deck-config-values.js';

/**
 * Global config of a new collection: schema11_config_as_string() plus the keys desktop Anki sets
 * on first open (curModel, rollover, localOffset).
 */
export function defaultConfig(minutesWest: number, basicNotetypeId: number): Record<string, unknown> {
	return {
		activeDecks: [1],
		curDeck: 1,
		newSpread: 0,
		collapseTime: 1200,
		timeLim: 0,
		estTimes: true,
		dueCounts: true,
		curModel: basicNotetypeId,
		nextPos: 1,
		sortType: 'noteFld',
		sortBackwards: false,
		addToCur: true,
		dayLearnFirst: false,
		schedVer: 2,
		creationOffset: minutesWest,
		sched2021: true,
		rollover: 4,
		localOffset: minutesWest,
	};
}

/** Keys Anki writes on first open rather than at creation: they carry usn -1 and the creation mtime. */
export const keysSetOnFirstOpen = new Set(['curModel', 'rollover', 'localOffset']);

export function defaultDeck(): Deck {
	return {
		id: 1,
		name: 'Default',
		mtimeSecs: 0,
		usn: 0,
		// Deck::new_normal() starts collapsed in both the study screen and the browser.
		collapsed: true,
		browserCollapsed: true,
		description: '',
		today: {day: 0, newStudied: 0, reviewStudied: 0, learningStudied: 0, millisecondsStudied: 0},
		normal: {
			configId: 1,
			extendNew: 0,
			extendReview: 0,
			reviewLimit: null,
			newLimit: null,
			reviewLimitToday: null,
			newLimitToday: null,
			desiredRetention: null,
		},
	};
}

export function defaultDeckConfig(): DeckConfig {
	return {
		id: 1,
		name: 'Default',
		mtimeSecs: 0,
		usn: 0,
		...deckConfigDefaults,
		learnSteps: [...deckConfigDefaults.learnSteps],
		relearnSteps: [...deckConfigDefaults.relearnSteps],
		fsrsParams: [],
	};
}

/** Schema-11 JSON of the default options group, as current Anki downgrades it (DeckConfSchema11). */
export function deckConfigToSchema11(c: DeckConfig): Record<string, unknown> {
	return {
		id: c.id,
		mod: c.mtimeSecs,
		name: c.name,
		usn: c.usn,
		maxTaken: c.capAnswerTimeToSecs,
		autoplay: !c.disableAutoplay,
		timer: 0,
		replayq: true,
		new: {
			bury: c.buryNew,
			delays: c.learnSteps,
			initialFactor: Math.round(c.initialEase * 1000),
			ints: [c.graduatingIntervalGood, c.graduatingIntervalEasy, 0],
			// schema 11 `order`: 1 = due (insert order 0), 0 = random
			order: c.newCardInsertOrder === 1 ? 0 : 1,
			perDay: c.newPerDay,
		},
		rev: {
			bury: c.buryReviews,
			ease4: c.easyMultiplier,
			ivlFct: c.intervalMultiplier,
			maxIvl: c.maximumReviewInterval,
			perDay: c.reviewsPerDay,
			hardFactor: c.hardMultiplier,
		},
		lapse: {
			delays: c.relearnSteps,
			leechAction: c.leechAction,
			leechFails: c.leechThreshold,
			minInt: c.minimumLapseInterval,
			mult: c.lapseMultiplier,
		},
		dyn: false,
		newMix: c.newMix,
		newPerDayMinimum: 0,
		interdayLearningMix: c.interdayLearningMix,
		reviewOrder: c.reviewOrder,
		newSortOrder: c.newCardSortOrder,
		newGatherPriority: c.newCardGatherPriority,
		buryInterdayLearning: c.buryInterdayLearning,
		fsrsWeights: [],
		fsrsParams5: [],
		fsrsParams6: c.fsrsParams,
		desiredRetention: c.desiredRetention,
		ignoreRevlogsBeforeDate: '',
		easyDaysPercentages: [1, 1, 1, 1, 1, 1, 1],
		stopTimerOnAnswer: false,
		secondsToShowQuestion: 0,
		secondsToShowAnswer: 0,
		questionAction: 0,
		answerAction: 0,
		waitForAudio: true,
		sm2Retention: 0.9,
		weightSearch: '',
	};
}
