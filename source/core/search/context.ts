// What a search needs to know about the collection besides its rows: notetypes (fields, templates,
// excluded fields), decks and presets by name, the current deck, the day (rollover) and the
// config switches that change matching. Read once per search through the SchemaAdapter, so
// schema 11 (JSON in `col`) and 18 (tables) look the same to the SQL writer.
import type {Collection} from '../collection/types.js';
import type {DeckConfigName, DeckOutline, NotetypeOutline} from '../model.js';
import {readSchedulerSettings, timingAt} from '../scheduler/collection-settings.js';

export interface SearchContext {
	notetypes: NotetypeOutline[];
	decks: DeckOutline[];
	deckConfigs: DeckConfigName[];
	/** `curDeck` (Anki's default: 1). */
	currentDeckId: number;
	/** `normalize_note_text` (default true): the search text is turned to NFC. */
	normalizeText: boolean;
	/** `ignoreAccentsInSearch` (default false): plain text and `w:` behave like `nc:`. */
	ignoreAccents: boolean;
	/** Learn-ahead limit (secs) for `is:due`. */
	learnAheadSecs: number;
	/** Days since the collection was created (`days_elapsed`). */
	today: number;
	/** Epoch secs when the next day starts (the rollover). */
	nextDayAt: number;
	/** Epoch secs. */
	now: number;
}

export interface ContextOptions {
	/** Epoch ms (default: now). */
	now?: number;
	/** Minutes west of UTC (default: the system's), for the day boundaries. */
	minutesWest?: number;
}

function configValue(col: Collection, key: string): unknown {
	try {
		return col.adapter.getConfig(key);
	} catch {
		return undefined;
	}
}

export function loadSearchContext(col: Collection, options: ContextOptions = {}): SearchContext {
	const nowMs = options.now ?? Date.now();
	const settings = readSchedulerSettings(col);
	const timing = timingAt(settings, nowMs, options.minutesWest);
	const current = configValue(col, 'curDeck');
	const normalize = configValue(col, 'normalize_note_text');
	return {
		notetypes: col.adapter.notetypeOutlines(),
		decks: col.adapter.deckOutlines(),
		deckConfigs: col.adapter.deckConfigNames(),
		currentDeckId: typeof current === 'number' ? current : 1,
		normalizeText: normalize !== false,
		ignoreAccents: configValue(col, 'ignoreAccentsInSearch') === true,
		learnAheadSecs: settings.learnAheadSecs,
		today: timing.today,
		nextDayAt: timing.nextDayAt,
		now: Math.floor(nowMs / 1000),
	};
}
