// Every field of Anki's deck options page (ts/routes/deck-options/*.svelte, ftl/core/deck-config.ftl),
// in Anki's sections and order, keyed as in Anki's schema-11 JSON: a preset key is its path in the
// preset's JSON (`new.perDay`, `new.ints[0]`), `deck.*` the per-deck limits (deck JSON keys), `conf.*`
// the collection-wide switches saved from the same page (col.conf / config keys). Ranges are the
// page's spin-box ranges, which Anki's load check (ensure_deck_config_values_valid) agrees with.

export type OptionScope = 'preset' | 'deck' | 'conf';
export type OptionKind = 'int' | 'float' | 'bool' | 'choice' | 'steps' | 'text' | 'date' | 'params';

export interface OptionField {
	/** `new.perDay`, `deck.newLimit`, `conf.fsrs`. */
	key: string;
	scope: OptionScope;
	section: OptionSection;
	label: string;
	/** One line of what it does (Anki's tooltip, shortened). */
	help: string;
	kind: OptionKind;
	default: unknown;
	min?: number;
	max?: number;
	/** Stored as value × scale (starting ease 2.5 is stored as 2500). */
	scale?: number;
	/** The label says the opposite of the stored switch (`autoplay` → "Don't play audio automatically"). */
	inverted?: boolean;
	/** A switch stored as 0/1 (`timer`). */
	numeric?: boolean;
	/** May be empty (deck limits that fall back to the preset). */
	optional?: boolean;
	choices?: ReadonlyArray<readonly [number, string]>;
}

export const optionSections = [
	'Daily Limits',
	'New Cards',
	'Lapses',
	'Display Order',
	'FSRS',
	'Burying',
	'Audio',
	'Timers',
	'Auto Advance',
	'Easy Days',
	'Advanced',
] as const;
export type OptionSection = (typeof optionSections)[number];

const reviewMix = [
	[0, 'Mix with reviews'],
	[1, 'Show after reviews'],
	[2, 'Show before reviews'],
] as const;
const easyDay = [
	[1, 'Normal'],
	[0.5, 'Reduced'],
	[0, 'Minimum'],
] as const;
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type FieldSpec = Omit<OptionField, 'scope' | 'section'>;

function section(name: OptionSection, fields: FieldSpec[]): OptionField[] {
	return fields.map(field => ({
		...field,
		section: name,
		scope: field.key.startsWith('deck.') ? 'deck' : field.key.startsWith('conf.') ? 'conf' : 'preset',
	}));
}

const limit = (key: string, label: string, help: string): FieldSpec => ({key, label, help, kind: 'int', default: null, min: 0, max: 9999, optional: true});

export const optionFields: readonly OptionField[] = [
	...section('Daily Limits', [
		{key: 'new.perDay', label: 'New cards/day', help: 'The most new cards to introduce in a day (preset).', kind: 'int', default: 20, min: 0, max: 9999},
		{key: 'rev.perDay', label: 'Maximum reviews/day', help: 'The most review cards to show in a day (preset).', kind: 'int', default: 200, min: 0, max: 9999},
		limit('deck.newLimit', 'New cards/day: this deck', 'A new-card limit for this deck only, instead of the preset\'s.'),
		limit('deck.reviewLimit', 'Reviews/day: this deck', 'A review limit for this deck only, instead of the preset\'s.'),
		limit('deck.newLimitToday', 'New cards/day: today only', 'A temporary new-card limit for this deck, for today.'),
		limit('deck.reviewLimitToday', 'Reviews/day: today only', 'A temporary review limit for this deck, for today.'),
		{key: 'conf.newCardsIgnoreReviewLimit', label: 'New cards ignore review limit', help: 'Show new cards even when the review limit is reached (whole collection).', kind: 'bool', default: false},
		{key: 'conf.applyAllParentLimits', label: 'Limits start from top', help: 'Parent decks\' limits also apply when studying a subdeck (whole collection).', kind: 'bool', default: false},
	]),
	...section('New Cards', [
		{key: 'new.delays', label: 'Learning steps', help: 'Delays between showings of a new card, e.g. 1m 10m (s, m, h, d).', kind: 'steps', default: [1, 10]},
		{key: 'new.ints[0]', label: 'Graduating interval', help: 'Days to wait after Good on the final learning step.', kind: 'int', default: 1, min: 1, max: 36500},
		{key: 'new.ints[1]', label: 'Easy interval', help: 'Days to wait after Easy takes a card out of learning.', kind: 'int', default: 4, min: 1, max: 36500},
		{
			key: 'new.order',
			label: 'Insertion order',
			help: 'Position given to new cards; changing it re-sorts the new cards of decks using the preset.',
			kind: 'choice',
			default: 1,
			choices: [
				[1, 'Sequential (oldest cards first)'],
				[0, 'Random'],
			],
		},
	]),
	...section('Lapses', [
		{key: 'lapse.delays', label: 'Relearning steps', help: 'Delays after Again on a review card; none: only the interval changes.', kind: 'steps', default: [10]},
		{key: 'lapse.minInt', label: 'Minimum interval', help: 'The least interval a review card gets after Again.', kind: 'int', default: 1, min: 1, max: 36500},
		{key: 'lapse.leechFails', label: 'Leech threshold', help: 'Agains on a review card before it is marked a leech.', kind: 'int', default: 8, min: 1, max: 9999},
		{
			key: 'lapse.leechAction',
			label: 'Leech action',
			help: 'Tag the note "leech", or also suspend the card.',
			kind: 'choice',
			default: 1,
			choices: [
				[0, 'Suspend Card'],
				[1, 'Tag Only'],
			],
		},
	]),
	...section('Display Order', [
		{
			key: 'newGatherPriority',
			label: 'New card gather order',
			help: 'Which new cards are gathered first when the limit is less than the cards available.',
			kind: 'choice',
			default: 0,
			choices: [
				[0, 'Deck'],
				[5, 'Deck, then random notes'],
				[1, 'Ascending position'],
				[2, 'Descending position'],
				[3, 'Random notes'],
				[4, 'Random cards'],
			],
		},
		{
			key: 'newSortOrder',
			label: 'New card sort order',
			help: 'How the gathered new cards are shown.',
			kind: 'choice',
			default: 0,
			choices: [
				[0, 'Card type, then order gathered'],
				[1, 'Order gathered'],
				[2, 'Card type, then random'],
				[3, 'Random note, then card type'],
				[4, 'Random'],
			],
		},
		{key: 'newMix', label: 'New/review order', help: 'When to show new cards in relation to reviews.', kind: 'choice', default: 0, choices: reviewMix},
		{key: 'interdayLearningMix', label: 'Interday learning/review order', help: 'When to show learning cards that cross a day.', kind: 'choice', default: 0, choices: reviewMix},
		{
			key: 'reviewOrder',
			label: 'Review sort order',
			help: 'The order reviews are shown in.',
			kind: 'choice',
			default: 0,
			choices: [
				[0, 'Due date, then random'],
				[1, 'Due date, then deck'],
				[2, 'Deck, then due date'],
				[3, 'Ascending intervals'],
				[4, 'Descending intervals'],
				[5, 'Ascending ease'],
				[6, 'Descending ease'],
				[7, 'Ascending retrievability'],
				[11, 'Descending retrievability'],
				[12, 'Relative overdueness'],
				[8, 'Random'],
				[9, 'Order added'],
				[10, 'Reverse order added'],
			],
		},
	]),
	...section('FSRS', [
		{key: 'conf.fsrs', label: 'FSRS', help: 'Schedule with FSRS instead of SM-2 (whole collection).', kind: 'bool', default: false},
		{key: 'desiredRetention', label: 'Desired retention', help: 'The chance of remembering a card when it is due (preset).', kind: 'float', default: 0.9, min: 0.7, max: 0.99},
		{key: 'deck.desiredRetention', label: 'Desired retention: this deck', help: 'A desired retention for this deck only.', kind: 'float', default: null, min: 0.7, max: 0.99, optional: true},
		{key: 'fsrsParams6', label: 'FSRS parameters', help: 'Set by Optimize; empty: the defaults. Editing them by hand is not advised.', kind: 'params', default: []},
		{key: 'weightSearch', label: 'Optimize search', help: 'Cards to optimize on; empty: preset:"NAME" -is:suspended.', kind: 'text', default: ''},
		{key: 'conf.fsrsHealthCheck', label: 'Health check', help: 'Check after Optimize how well FSRS fits your history (whole collection).', kind: 'bool', default: true},
	]),
	...section('Burying', [
		{key: 'new.bury', label: 'Bury new siblings', help: 'Other new cards of the same note wait until the next day.', kind: 'bool', default: false},
		{key: 'rev.bury', label: 'Bury review siblings', help: 'Other review cards of the same note wait until the next day.', kind: 'bool', default: false},
		{key: 'buryInterdayLearning', label: 'Bury interday learning siblings', help: 'Other interday learning cards of the note wait.', kind: 'bool', default: false},
	]),
	...section('Audio', [
		{key: 'autoplay', label: "Don't play audio automatically", help: 'Audio plays only when replayed.', kind: 'bool', default: true, inverted: true},
		{key: 'replayq', label: 'Skip question when replaying answer', help: 'Replay on the answer side leaves out the question audio.', kind: 'bool', default: true, inverted: true},
	]),
	...section('Timers', [
		{key: 'maxTaken', label: 'Maximum answer seconds', help: 'The most time recorded for one answer.', kind: 'int', default: 60, min: 1, max: 7200},
		{key: 'timer', label: 'Show answer timer', help: 'Show a timer counting the time taken on each card.', kind: 'bool', default: false, numeric: true},
		{key: 'stopTimerOnAnswer', label: 'Stop on-screen timer on answer', help: 'The timer stops when the answer is shown.', kind: 'bool', default: false},
	]),
	...section('Auto Advance', [
		{key: 'secondsToShowQuestion', label: 'Seconds to show question for', help: 'With auto advance on, wait this long, then the question action (0: off).', kind: 'float', default: 0, min: 0, max: 9999},
		{key: 'secondsToShowAnswer', label: 'Seconds to show answer for', help: 'With auto advance on, wait this long, then the answer action (0: off).', kind: 'float', default: 0, min: 0, max: 9999},
		{key: 'waitForAudio', label: 'Wait for audio', help: 'Wait for audio to finish before the action.', kind: 'bool', default: true},
		{
			key: 'questionAction',
			label: 'Question action',
			help: 'What happens when the question time is up.',
			kind: 'choice',
			default: 0,
			choices: [
				[0, 'Show Answer'],
				[1, 'Show Reminder'],
			],
		},
		{
			key: 'answerAction',
			label: 'Answer action',
			help: 'What happens when the answer time is up.',
			kind: 'choice',
			default: 0,
			choices: [
				[0, 'Bury Card'],
				[1, 'Answer Again'],
				[3, 'Answer Hard'],
				[2, 'Answer Good'],
				[4, 'Show Reminder'],
			],
		},
	]),
	...section(
		'Easy Days',
		weekdays.map((day, index) => ({
			key: `easyDaysPercentages[${index}]`,
			label: day,
			help: 'Fewer reviews on this weekday (Reduced, Minimum); used by FSRS and the load balancer.',
			kind: 'choice' as const,
			default: 1,
			choices: easyDay,
		})),
	),
	...section('Advanced', [
		{key: 'rev.maxIvl', label: 'Maximum interval', help: 'The most days a review card waits.', kind: 'int', default: 36500, min: 1, max: 36500},
		{key: 'sm2Retention', label: 'Historical retention', help: 'Retention FSRS assumes where review history is missing.', kind: 'float', default: 0.9, min: 0.7, max: 0.97},
		{key: 'ignoreRevlogsBeforeDate', label: 'Ignore cards reviewed before', help: 'Optimize leaves out cards reviewed before this date (YYYY-MM-DD).', kind: 'date', default: ''},
		{key: 'new.initialFactor', label: 'Starting ease', help: 'The ease new cards start with (SM-2).', kind: 'float', default: 2500, min: 1.31, max: 5, scale: 1000},
		{key: 'rev.ease4', label: 'Easy bonus', help: 'Extra multiplier for Easy on a review (SM-2).', kind: 'float', default: 1.3, min: 1, max: 5},
		{key: 'rev.ivlFct', label: 'Interval modifier', help: 'Multiplier applied to every review interval (SM-2).', kind: 'float', default: 1, min: 0.5, max: 2},
		{key: 'rev.hardFactor', label: 'Hard interval', help: 'Multiplier for Hard on a review (SM-2).', kind: 'float', default: 1.2, min: 0.5, max: 1.3},
		{key: 'lapse.mult', label: 'New interval', help: 'Multiplier of the interval after Again (SM-2).', kind: 'float', default: 0, min: 0, max: 1},
		{key: 'conf.cardStateCustomizer', label: 'Custom scheduling', help: 'JavaScript Anki runs on each answer (whole collection; anki-tui keeps it, does not run it).', kind: 'text', default: ''},
	]),
];

const byKey = new Map(optionFields.map(field => [field.key, field]));

export function optionField(key: string): OptionField | undefined {
	return byKey.get(key);
}

// ---------------------------------------------------------------- steps (Anki's steps.ts)

const units: Array<[string, number]> = [
	['d', 86_400],
	['h', 3600],
	['m', 60],
	['s', 1],
];

/** Minutes as Anki's steps box shows them: `1m 10m`, `1h`, `2d`, `30s`. */
export function stepsToText(steps: readonly number[]): string {
	return steps
		.map(step => {
			const secs = Math.round(step * 60);
			const [suffix, size] = units.find(([, size]) => secs % size === 0 && secs >= size) ?? ['s', 1];
			return `${Math.round(secs / size)}${suffix}`;
		})
		.join(' ');
}

/** Anki's parse: each word's leading number and unit (no unit: minutes), capped at 2^31 s; zeros dropped. */
export function textToSteps(text: string): number[] | null {
	const steps: number[] = [];
	for (const word of text.trim().split(/\s+/).filter(Boolean)) {
		const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(word);
		if (!match) return null;
		const size = units.find(([suffix]) => suffix === (match[2] || 'm'))![1];
		const minutes = Math.min(Number(match[1]) * size, 2 ** 31) / 60;
		if (minutes > 0) steps.push(minutes);
	}
	return steps;
}
