// One card's facts and review history as Anki's Card Info shows them (rslib stats/card.rs
// card_stats), as data; ui/ words and formats them. Reads only: where Anki fills a missing
// last-review time or memory state as a side effect, this computes the same value without writing.
import {parseCardData} from '../collection/card-data.js';
import {getCard} from '../collection/cards.js';
import {getNote} from '../collection/notes.js';
import {cardHistory} from '../collection/revlog.js';
import {currentRetrievability} from '../collection/sql-functions.js';
import type {Collection} from '../collection/types.js';
import {CardType} from '../model.js';
import {DeckIndex, readSchedulerSettings, timingAt} from '../scheduler/collection-settings.js';

const DAY = 86400;
/** fsrs-rs FSRS5_DEFAULT_DECAY. */
const DEFAULT_DECAY = 0.5;

export interface CardHistoryEntry {
	/** Epoch secs of the answer. */
	time: number;
	/** Revlog type: 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
	kind: number;
	/** Button 1-4, 0 for manual and rescheduling rows. */
	rating: number;
	/** The interval given, in seconds (revlog stores days, or negative seconds for learning steps). */
	intervalSecs: number;
	/** `factor`: SM-2 ease in permille; 100-1100 under FSRS is difficulty shifted by 0.1 (see easeOrDifficulty). */
	ease: number;
	takenSecs: number;
}

export interface CardInfo {
	cardId: number;
	noteId: number;
	/** Epoch secs (from the card id). */
	added: number;
	/** First and latest rated answer, cramming included (epoch secs). */
	firstReview: number | null;
	latestReview: number | null;
	/** When a card that is not new is due (epoch secs; a day due is counted from now). */
	dueDate: number | null;
	/** New-card position (the original one when the card was reset or moved). */
	duePosition: number | null;
	/** Days. */
	interval: number;
	/** Permille; shown for SM-2 cards only. */
	ease: number;
	/** The FSRS memory state: stability in days, difficulty 1-10, retrievability now (0-1). */
	memory: {stability: number; difficulty: number; retrievability: number} | null;
	desiredRetention: number | null;
	/** FSRS is on for the collection. */
	fsrs: boolean;
	reviews: number;
	lapses: number;
	/** Total time over every answer, and per rated answer (0 and 0 when nothing was timed). */
	averageSecs: number;
	totalSecs: number;
	/** 0 new, 1 learning, 2 review, 3 relearning. */
	type: number;
	/** The card's template name. */
	cardType: string;
	notetype: string;
	deck: string;
	/** The home deck, for a card in a filtered deck. */
	originalDeck: string | null;
	preset: string;
	/** `cd` of cards.data (a JSON object of custom scheduling data), or null. */
	customData: string | null;
	/** Newest first. */
	history: CardHistoryEntry[];
}

export interface CardInfoOptions {
	/** Defaults to the clock. */
	nowMs?: number;
	minutesWest?: number;
}

/** The card's info, or null when there is no such card. */
export function cardInfo(col: Collection, cardId: number, options: CardInfoOptions = {}): CardInfo | null {
	const card = getCard(col.db, cardId);
	if (!card) return null;
	const nowMs = options.nowMs ?? Date.now();
	const now = Math.floor(nowMs / 1000);
	const settings = readSchedulerSettings(col);
	const timing = timingAt(settings, nowMs, options.minutesWest);
	const note = getNote(col.db, card.nid);
	const notetype = note ? col.adapter.notetypes().find((nt) => nt.id === note.mid) : undefined;
	const decks = DeckIndex.load(col);
	const deck = decks.byId.get(card.did);
	const home = card.odid !== 0 ? decks.byId.get(card.odid) : deck;
	const data = parseCardData(card.data);
	const history = cardHistory(col.db, card.id);
	const rated = history.filter((r) => r.ease > 0);
	const totalSecs = history.reduce((sum, r) => sum + r.time / 1000, 0);

	let dueDate: number | null = null;
	if (card.type !== CardType.New) {
		const due = card.odue !== 0 ? card.odue : card.due;
		dueDate = due > 1_000_000_000 ? due : now + (due - timing.today) * DAY;
	}

	let memory: CardInfo['memory'] = null;
	if (data.s !== undefined && data.d !== undefined) {
		// Anki's last review time: `lrt`, else the latest rated answer that is not cramming, else 0.
		const last = data.lrt ?? Math.floor((history.find((r) => r.ease >= 1 && r.ease <= 4 && !(r.type === 3 && r.factor === 0))?.id ?? 0) / 1000);
		const elapsed = (now - last) >>> 0;
		const retrievability = currentRetrievability(data.s, Math.fround(Math.fround(elapsed) / DAY), data.decay ?? DEFAULT_DECAY);
		memory = {stability: data.s, difficulty: data.d, retrievability};
	}

	// Cloze notetypes have one template for every card.
	const template = notetype?.kind === 'cloze' ? notetype.templates[0] : notetype?.templates.find((t) => t.ord === card.ord);
	return {
		cardId: card.id,
		noteId: card.nid,
		added: Math.floor(card.id / 1000),
		firstReview: rated.length ? Math.floor(rated.at(-1)!.id / 1000) : null,
		latestReview: rated.length ? Math.floor(rated[0]!.id / 1000) : null,
		dueDate,
		duePosition: data.pos ?? (card.type === CardType.New ? card.due : null),
		interval: card.ivl,
		ease: card.factor,
		memory,
		desiredRetention: data.dr ?? null,
		fsrs: settings.fsrs,
		reviews: card.reps,
		lapses: card.lapses,
		averageSecs: rated.length && totalSecs ? totalSecs / rated.length : 0,
		totalSecs: rated.length && totalSecs ? totalSecs : 0,
		type: card.type,
		cardType: template?.name ?? `Card ${card.ord + 1}`,
		notetype: notetype?.name ?? '',
		deck: deck?.name ?? '',
		originalDeck: card.odid !== 0 ? (home?.name ?? null) : null,
		preset: decks.configFor(home).name,
		customData: data.cd ?? null,
		history: history.map((r) => ({
			time: Math.floor(r.id / 1000),
			kind: r.type,
			rating: r.ease,
			intervalSecs: r.ivl > 0 ? r.ivl * DAY : -r.ivl,
			ease: r.factor,
			takenSecs: r.time / 1000,
		})),
	};
}
