// Deck-option defaults and the range check Anki applies whenever it loads options
// (rslib deckconfig ensure_deck_config_values_valid): out-of-range values fall back to defaults.
import type {DeckConfig} from '../model.js';

export const deckConfigDefaults = {
	learnSteps: [1, 10],
	relearnSteps: [10],
	newPerDay: 20,
	reviewsPerDay: 200,
	initialEase: 2.5,
	easyMultiplier: 1.3,
	hardMultiplier: 1.2,
	lapseMultiplier: 0,
	intervalMultiplier: 1,
	maximumReviewInterval: 36_500,
	minimumLapseInterval: 1,
	graduatingIntervalGood: 1,
	graduatingIntervalEasy: 4,
	newCardInsertOrder: 0,
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
	fsrsParams: [] as number[],
} satisfies Omit<DeckConfig, 'id' | 'name' | 'mtimeSecs' | 'usn' | 'extra'>;

const ranges: Array<[keyof typeof deckConfigDefaults, number, number]> = [
	['newPerDay', 0, 9999],
	['reviewsPerDay', 0, 9999],
	['initialEase', 1.31, 5],
	['easyMultiplier', 1, 5],
	['hardMultiplier', 0.5, 1.3],
	['lapseMultiplier', 0, 1],
	['intervalMultiplier', 0.5, 2],
	['maximumReviewInterval', 1, 36_500],
	['minimumLapseInterval', 1, 36_500],
	['graduatingIntervalGood', 1, 36_500],
	['graduatingIntervalEasy', 1, 36_500],
	['leechThreshold', 1, 9999],
	['capAnswerTimeToSecs', 1, 9999],
	['desiredRetention', 0.7, 0.99],
];

/** Replaces out-of-range (or NaN) values with Anki's defaults, as Anki does on load. */
export function withValidValues(config: DeckConfig): DeckConfig {
	const fixed = {...config};
	for (const [key] of ranges) (fixed as Record<string, unknown>)[key] = validDeckConfigValue(key, fixed[key]);
	return fixed;
}

/** One value as withValidValues leaves it: Anki's default when it is out of range (or NaN). */
export function validDeckConfigValue<K extends keyof typeof deckConfigDefaults>(key: K, value: unknown): (typeof deckConfigDefaults)[K] | number {
	const range = ranges.find(([name]) => name === key);
	if (range === undefined) return value as number;
	const [, min, max] = range;
	return typeof value !== 'number' || Number.isNaN(value) || value < min || value > max ? deckConfigDefaults[key] : value;
}

/** The shortest decimal that is the same 32-bit float (protobuf `float`): 1.2999999523 → 1.3. */
export function fromFloat32(value: number): number {
	if (!Number.isFinite(value)) return value;
	const single = Math.fround(value);
	for (let digits = 6; digits < 10; digits++) {
		const short = Number(single.toPrecision(digits));
		if (Math.fround(short) === single) return short;
	}
	return single;
}
