// Plain-object fixtures for scheduler tests: Anki's default preset and card rows.
import type {Card, DeckConfig} from '../../source/core/model.js';

export function defaultConfig(overrides: Partial<DeckConfig> = {}): DeckConfig {
	return {
		id: 1,
		name: 'Default',
		mtimeSecs: 0,
		usn: 0,
		learnSteps: [1, 10],
		relearnSteps: [10],
		newPerDay: 20,
		reviewsPerDay: 200,
		initialEase: 2.5,
		easyMultiplier: 1.3,
		hardMultiplier: 1.2,
		lapseMultiplier: 0,
		intervalMultiplier: 1,
		maximumReviewInterval: 36500,
		minimumLapseInterval: 1,
		graduatingIntervalGood: 1,
		graduatingIntervalEasy: 4,
		newCardInsertOrder: 1,
		newCardGatherPriority: 0,
		newCardSortOrder: 0,
		newMix: 0,
		interdayLearningMix: 0,
		reviewOrder: 0,
		leechAction: 1,
		leechThreshold: 8,
		disableAutoplay: false,
		capAnswerTimeToSecs: 60,
		buryNew: false,
		buryReviews: false,
		buryInterdayLearning: false,
		desiredRetention: 0.9,
		fsrsParams: [],
		...overrides,
	};
}

export function newCard(overrides: Partial<Card> = {}): Card {
	return {
		id: 1700000000000,
		nid: 1700000000000,
		did: 1,
		ord: 0,
		mod: 0,
		usn: 0,
		type: 0,
		queue: 0,
		due: 5,
		ivl: 0,
		factor: 0,
		reps: 0,
		lapses: 0,
		left: 0,
		odue: 0,
		odid: 0,
		flags: 0,
		data: '',
		...overrides,
	};
}
