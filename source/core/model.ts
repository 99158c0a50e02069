// One typed domain model for every schema (11, 14-18). Adapters in collection/ map rows and blobs
// into these shapes; the rest of the core and the UI only ever see these.

export type NotetypeKind = 'standard' | 'cloze';

export interface NotetypeField {
	name: string;
	ord: number;
	/** Everything the file holds beyond name/ord (sticky, rtl, font, ...), kept for round trips. */
	extra?: Record<string, unknown>;
}

export interface NotetypeTemplate {
	name: string;
	ord: number;
	qfmt: string;
	afmt: string;
	/** Deck override used when generating cards (0 = none). */
	targetDeckId: number;
	extra?: Record<string, unknown>;
}

export interface Notetype {
	id: number;
	name: string;
	kind: NotetypeKind;
	fields: NotetypeField[];
	templates: NotetypeTemplate[];
	css: string;
	sortFieldIndex: number;
	latexPre: string;
	latexPost: string;
	latexSvg: boolean;
	mtimeSecs: number;
	usn: number;
	/** 0 unknown, 1 basic, ... 6 image occlusion (schema 18 original_stock_kind). */
	originalStockKind: number;
	/** Keys the file holds beyond the above (schema-11 JSON names: req, did, originalId, ...), kept for round trips. */
	extra?: Record<string, unknown>;
}

/**
 * The parts of a note type a search and the Browse window's rows read: names, kind, sort field,
 * field and template names (with the field's `excludeFromSearch` in `extra`). A Notetype is one;
 * schema 18 gives these without decoding every blob with the whole protobuf runtime.
 */
export interface NotetypeOutline {
	id: number;
	name: string;
	kind: NotetypeKind;
	sortFieldIndex: number;
	fields: Array<Pick<NotetypeField, 'name' | 'ord' | 'extra'>>;
	templates: Array<Pick<NotetypeTemplate, 'name' | 'ord'>>;
}

/** A deck as a search reads it: its name, and its preset when it is a normal deck. A Deck is one. */
export interface DeckOutline {
	id: number;
	/** Full name with `::` between levels. */
	name: string;
	/** Present for normal decks. */
	normal?: {configId: number};
}

/**
 * What the deck list counts and shows of a deck (its tree, collapsed state, today's counters and
 * limits). A Deck is one; schema 18 reads it from a few protobuf fields (collection/deck-list18.ts).
 */
export interface DeckForList {
	id: number;
	/** Full name with `::` between levels. */
	name: string;
	collapsed: boolean;
	today: DeckToday;
	/** Present for normal decks. */
	normal?: Pick<NonNullable<Deck['normal']>, 'configId' | 'reviewLimit' | 'newLimit' | 'reviewLimitToday' | 'newLimitToday'>;
	/** Present for filtered decks. */
	filtered?: object;
}

/** A preset's daily limits, what the deck list counts with. A DeckConfig is one. */
export type PresetLimits = Pick<DeckConfig, 'id' | 'newPerDay' | 'reviewsPerDay'>;

/** A preset's id and name (`preset:`). A DeckConfig is one. */
export interface DeckConfigName {
	id: number;
	name: string;
}

/** Per-day counters a deck keeps (schema 11 `newToday`..., schema 18 `Deck.Common`). */
export interface DeckToday {
	day: number;
	newStudied: number;
	reviewStudied: number;
	learningStudied: number;
	millisecondsStudied: number;
}

export interface DayLimit {
	limit: number;
	today: number;
}

export interface FilteredSearchTerm {
	search: string;
	limit: number;
	order: number;
}

export interface FilteredDeckSettings {
	reschedule: boolean;
	searchTerms: FilteredSearchTerm[];
	previewDelayMins: number;
	previewAgainSecs: number;
	previewHardSecs: number;
	previewGoodSecs: number;
}

export interface Deck {
	id: number;
	/** Full name with `::` between levels, whatever the file stores. */
	name: string;
	mtimeSecs: number;
	usn: number;
	collapsed: boolean;
	browserCollapsed: boolean;
	description: string;
	today: DeckToday;
	/** Present for normal decks. */
	normal?: {
		configId: number;
		extendNew: number;
		extendReview: number;
		reviewLimit: number | null;
		newLimit: number | null;
		reviewLimitToday: DayLimit | null;
		newLimitToday: DayLimit | null;
		desiredRetention: number | null;
	};
	/** Present for filtered decks. */
	filtered?: FilteredDeckSettings;
	/** Keys the file holds beyond the above (schema-11 JSON names: md, delays, ...), kept for round trips. */
	extra?: Record<string, unknown>;
}

export interface DeckConfig {
	id: number;
	name: string;
	mtimeSecs: number;
	usn: number;
	/** Minutes. */
	learnSteps: number[];
	relearnSteps: number[];
	newPerDay: number;
	reviewsPerDay: number;
	/** Starting ease as a ratio (2.5), whatever the schema stores. */
	initialEase: number;
	easyMultiplier: number;
	hardMultiplier: number;
	lapseMultiplier: number;
	intervalMultiplier: number;
	maximumReviewInterval: number;
	minimumLapseInterval: number;
	graduatingIntervalGood: number;
	graduatingIntervalEasy: number;
	newCardInsertOrder: number;
	newCardGatherPriority: number;
	newCardSortOrder: number;
	newMix: number;
	interdayLearningMix: number;
	reviewOrder: number;
	/** 0 suspend, 1 tag only. */
	leechAction: number;
	leechThreshold: number;
	disableAutoplay: boolean;
	capAnswerTimeToSecs: number;
	buryNew: boolean;
	buryReviews: boolean;
	buryInterdayLearning: boolean;
	desiredRetention: number;
	/** FSRS parameters in effect (v6, else v5, else v4); empty = defaults. */
	fsrsParams: number[];
	/**
	 * Easy days, Monday first: 1 normal, 0 minimum, anything else reduced; empty or absent = all
	 * normal. As stored in the file; when set, it is written back in place of the copy in `extra`.
	 */
	easyDaysPercentages?: number[];
	/** Settings the file holds beyond the above (schema-11 JSON names: timer, replayq, easyDaysPercentages, ...). */
	extra?: Record<string, unknown>;
}

export const CardType = {New: 0, Learn: 1, Review: 2, Relearn: 3} as const;
export const CardQueue = {
	New: 0,
	Learn: 1,
	Review: 2,
	DayLearn: 3,
	PreviewRepeat: 4,
	Suspended: -1,
	SchedBuried: -2,
	UserBuried: -3,
} as const;

/** A `cards` row; identical in every schema. */
export interface Card {
	id: number;
	nid: number;
	did: number;
	ord: number;
	mod: number;
	usn: number;
	type: number;
	queue: number;
	due: number;
	ivl: number;
	factor: number;
	reps: number;
	lapses: number;
	left: number;
	odue: number;
	odid: number;
	flags: number;
	data: string;
}

/** A `notes` row with fields split and tags parsed. */
export interface Note {
	id: number;
	guid: string;
	mid: number;
	mod: number;
	usn: number;
	tags: string[];
	fields: string[];
	sfld: string | number;
	csum: number;
	flags: number;
	data: string;
}

/** A `revlog` row. */
export interface RevlogEntry {
	id: number;
	cid: number;
	usn: number;
	ease: number;
	ivl: number;
	lastIvl: number;
	factor: number;
	time: number;
	type: number;
}

/** The `col` row's live scalar columns. */
export interface CollectionInfo {
	crt: number;
	mod: number;
	scm: number;
	ver: number;
	usn: number;
	ls: number;
}
