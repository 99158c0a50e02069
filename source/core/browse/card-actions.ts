// What the Browse window does to selected cards, written as Anki writes it: suspend, unsuspend,
// bury, unbury (rslib scheduler/bury_and_suspend.rs), flag (card/mod.rs set_card_flag: usn only,
// mod untouched), change deck (card/mod.rs set_deck), forget (scheduler/new.rs
// reschedule_cards_as_new) and set due date (scheduler/reviews.rs). Each call is one undoable
// operation (col.undo) with Anki's label, mod (secs) and usn -1.
import {parseCardData, serializeCardData, type CardData} from '../collection/card-data.js';
import {CARD_COLUMNS, updateCard} from '../collection/cards.js';
import {insertRevlog} from '../collection/revlog.js';
import type {Collection} from '../collection/types.js';
import {UndoLabel} from '../collection/undo.js';
import {AnkiTuiError, UsageError} from '../errors.js';
import {CardQueue, CardType, type Card, type DeckConfig} from '../model.js';
import {DeckIndex, readSchedulerSettings, timingAt} from '../scheduler/collection-settings.js';

export interface ActionOptions {
	/** Clock (ms); default now. */
	nowMs?: number;
}

/** Revlog kind of a manual change (Forget, Set Due Date). */
const REVLOG_MANUAL = 4;
const f32 = Math.fround;

/** Cards in the order of the ids given (ids that are gone are skipped). */
export function cardsByIds(col: Collection, ids: readonly number[]): Card[] {
	const found = new Map<number, Card>();
	for (let start = 0; start < ids.length; start += 500) {
		const chunk = ids.slice(start, start + 500);
		const rows = col.db.prepare(`SELECT ${CARD_COLUMNS} FROM cards WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as Card[];
		for (const row of rows) found.set(row.id, row);
	}
	return ids.map(id => found.get(id)).filter((card): card is Card => card !== undefined);
}

const isTimestamp = (due: number) => due > 1_000_000_000;

/** Card::restore_queue_from_type. */
function queueFromType(card: Card): number {
	if (card.type === CardType.Learn || card.type === CardType.Relearn) return isTimestamp(card.due) ? CardQueue.Learn : CardQueue.DayLearn;
	return card.type === CardType.New ? CardQueue.New : CardQueue.Review;
}

const isBuriedOrSuspended = (queue: number) => queue === CardQueue.Suspended || queue === CardQueue.SchedBuried || queue === CardQueue.UserBuried;

function requireV2(col: Collection): void {
	const version = col.adapter.getConfig('schedVer');
	if (typeof version !== 'number' || version < 2) {
		throw new AnkiTuiError('This collection uses the old v1 scheduler; open it for review once (anki-tui upgrades it) before changing cards.');
	}
}

function nowOf(options: ActionOptions): {nowMs: number; nowSecs: number} {
	const nowMs = options.nowMs ?? Date.now();
	return {nowMs, nowSecs: Math.floor(nowMs / 1000)};
}

/** Runs one undoable operation that rewrites cards; `change` returns the new card, or null to leave it. */
function rewriteCards(col: Collection, label: string, ids: readonly number[], options: ActionOptions, change: (card: Card, nowSecs: number) => Card | null): number {
	const {nowMs, nowSecs} = nowOf(options);
	return col.undo.run(
		label,
		() => {
			let count = 0;
			for (const card of cardsByIds(col, ids)) {
				const next = change({...card}, nowSecs);
				if (!next) continue;
				updateCard(col.db, next);
				count++;
			}
			return count;
		},
		{nowMs},
	);
}

const modified = (card: Card, nowSecs: number): Card => ({...card, mod: nowSecs, usn: -1});

/** Suspends the cards (already suspended ones stay as they are). Returns how many changed. */
export function suspendCards(col: Collection, ids: readonly number[], options: ActionOptions = {}): number {
	requireV2(col);
	return rewriteCards(col, UndoLabel.Suspend, ids, options, (card, now) => (card.queue === CardQueue.Suspended ? null : modified({...card, queue: CardQueue.Suspended}, now)));
}

/** Buries the cards by hand; suspended cards are left alone (burying would unsuspend them). */
export function buryCards(col: Collection, ids: readonly number[], options: ActionOptions = {}): number {
	requireV2(col);
	return rewriteCards(col, UndoLabel.Bury, ids, options, (card, now) =>
		card.queue === CardQueue.UserBuried || card.queue === CardQueue.Suspended ? null : modified({...card, queue: CardQueue.UserBuried}, now),
	);
}

/** Unsuspends and unburies: each card's queue follows from its type again. */
export function unburyOrUnsuspendCards(col: Collection, ids: readonly number[], options: ActionOptions = {}): number {
	return rewriteCards(col, UndoLabel.UnburyUnsuspend, ids, options, (card, now) =>
		isBuriedOrSuspended(card.queue) ? modified({...card, queue: queueFromType(card)}, now) : null,
	);
}

/** Sets the flag (0 clears it). Anki marks the card for sync (usn) but keeps its mod time. */
export function setFlag(col: Collection, ids: readonly number[], flag: number, options: ActionOptions = {}): number {
	if (!Number.isInteger(flag) || flag < 0 || flag > 7) throw new UsageError(`A flag is 0 to 7, not ${flag}.`);
	return rewriteCards(col, UndoLabel.SetFlag, ids, options, card => {
		const flags = (card.flags & ~0b111) | flag;
		return flags === card.flags ? null : {...card, flags, usn: -1};
	});
}

/** Card::remaining_steps is the low three digits of `left`. */
function remainingSteps(card: Card): number {
	return card.left % 1000;
}

/** Card::new_remaining_steps: the steps left after moving to a preset with other steps, or null when unchanged. */
function newRemainingSteps(card: Card, newSteps: readonly number[], oldSteps: readonly number[]): number | null {
	const remaining = remainingSteps(card);
	let next: number;
	if (oldSteps.length === 0) next = remaining;
	else {
		const lastIndex = oldSteps.length - (remaining + 1);
		let fromEnd = -1;
		if (lastIndex >= 0) {
			const reversed = [...newSteps].reverse();
			fromEnd = reversed.findIndex(step => f32(step) <= f32(oldSteps[lastIndex]!));
		}
		next = Math.max(fromEnd < 0 ? newSteps.length : fromEnd, 1);
	}
	return remaining === next ? null : next;
}

/** Card::remove_from_filtered_deck_restoring_queue. */
function returnHome(card: Card): Card {
	if (card.odid === 0) return card;
	const home = {...card, did: card.odid, odid: 0, due: card.odue !== 0 ? card.odue : card.due, odue: 0};
	if (home.queue >= 0) home.queue = queueFromType(home);
	return home;
}

function withData(card: Card, edit: (data: CardData) => void): Card {
	const data = parseCardData(card.data);
	edit(data);
	return {...card, data: serializeCardData(data)};
}

/**
 * Moves cards to a normal deck: cards in a filtered deck go home first, (re)learning cards keep
 * their progress in the new preset's steps, FSRS memory state and desired retention are cleared.
 */
export function setDeck(col: Collection, ids: readonly number[], deckId: number, options: ActionOptions = {}): number {
	requireV2(col);
	const index = DeckIndex.load(col);
	const deck = index.byId.get(deckId);
	if (!deck) throw new UsageError(`No deck with id ${deckId}.`);
	// FilteredDeckError::CanNotMoveCardsInto.
	if (!deck.normal) throw new UsageError("Cards can't be manually moved into a filtered deck.");
	const target = index.configFor(deck);
	return rewriteCards(col, UndoLabel.SetCardDeck, ids, options, (card, now) => {
		if (card.did === deckId) return null;
		let next = {...card};
		const current = index.configForCard(card);
		const steps = card.type === CardType.Learn ? [target.learnSteps, current.learnSteps] : card.type === CardType.Relearn ? [target.relearnSteps, current.relearnSteps] : null;
		if (steps) {
			const remaining = newRemainingSteps(card, steps[0]!, steps[1]!);
			if (remaining !== null) next.left = remaining;
		}
		next = withData(returnHome(next), data => {
			delete data.s;
			delete data.d;
			delete data.dr;
			delete data.decay;
		});
		return modified({...next, did: deckId}, now);
	});
}

function configBool(col: Collection, key: string, fallback: boolean): boolean {
	const value = col.adapter.getConfig(key);
	return typeof value === 'boolean' ? value : fallback;
}

/** Writes a config value only when it changes, as Anki's set_config does. */
function setConfigIfChanged(col: Collection, key: string, value: unknown, nowSecs: number): void {
	if (JSON.stringify(col.adapter.getConfig(key)) !== JSON.stringify(value)) col.adapter.setConfig(key, value, nowSecs);
}

export interface ForgetOptions extends ActionOptions {
	/** Put new cards back where they were before (default: config `restorePositionBrowser`, true). */
	restorePosition?: boolean;
	/** Reset the review and lapse counts (default: config `resetCountsBrowser`, false). */
	resetCounts?: boolean;
}

/** The Forget dialog's defaults, as the collection remembers them. */
export function forgetDefaults(col: Collection): {restorePosition: boolean; resetCounts: boolean} {
	return {restorePosition: configBool(col, 'restorePositionBrowser', true), resetCounts: configBool(col, 'resetCountsBrowser', false)};
}

/** Card::last_position: a new card's position, or the one it had before it was first studied. */
function lastPosition(card: Card): number | undefined {
	if (card.type === CardType.New) return card.odid !== 0 ? card.odue : card.due;
	return parseCardData(card.data).pos;
}

function logManualChange(col: Collection, card: Card, originalInterval: number, nowMs: number): void {
	const data = parseCardData(card.data);
	// With an FSRS memory state the factor column holds difficulty + 0.1 (0.1-1.1) times 1000.
	const factor = data.s !== undefined && data.d !== undefined ? Math.trunc(f32(f32(f32(f32(data.d) - 1) / 9) + f32(0.1)) * 1000) : card.factor;
	insertRevlog(col.db, {id: nowMs, cid: card.id, usn: -1, ease: 0, ivl: card.ivl, lastIvl: originalInterval, factor, time: 0, type: REVLOG_MANUAL});
}

/** Resets cards to new (the browser's Forget), logged as manual changes in the review history. */
export function forgetCards(col: Collection, ids: readonly number[], options: ForgetOptions = {}): number {
	const {nowMs, nowSecs} = nowOf(options);
	const defaults = forgetDefaults(col);
	const restorePosition = options.restorePosition ?? defaults.restorePosition;
	const resetCounts = options.resetCounts ?? defaults.resetCounts;
	return col.undo.run(
		UndoLabel.ScheduleAsNew,
		() => {
			const next = col.adapter.getConfig('nextPos');
			let position = typeof next === 'number' && next >= 0 ? Math.trunc(next) : 0;
			const cards = cardsByIds(col, ids);
			for (const original of cards) {
				const last = restorePosition ? lastPosition(original) : undefined;
				let card: Card = original.odid !== 0 ? {...original, did: original.odid, odid: 0, odue: 0} : {...original};
				card = {...card, due: last ?? position, type: CardType.New, queue: CardQueue.New, ivl: 0, factor: 0};
				if (resetCounts) card = {...card, reps: 0, lapses: 0};
				card = withData(card, data => {
					delete data.pos;
					delete data.s;
					delete data.d;
				});
				if (last === undefined) position++;
				logManualChange(col, card, original.ivl, nowMs);
				updateCard(col.db, modified(card, nowSecs));
			}
			setConfigIfChanged(col, 'nextPos', position, nowSecs);
			setConfigIfChanged(col, 'restorePositionBrowser', restorePosition, nowSecs);
			setConfigIfChanged(col, 'resetCountsBrowser', resetCounts, nowSecs);
			return cards.length;
		},
		{nowMs},
	);
}

export interface DueDateSpec {
	min: number;
	max: number;
	/** `!`: set the interval to the new delay even for review cards. */
	forceReset: boolean;
}

/** parse_due_date_str: `0` today, `1` tomorrow, `3-7` a random day in the range, `!` resets the interval. */
export function parseDueDate(text: string): DueDateSpec | null {
	const match = /^(\d+)(?:-(\d+))?(!)?$/.exec(text.trim());
	if (!match) return null;
	const a = Number(match[1]);
	const b = match[2] === undefined ? a : Number(match[2]);
	if (a > 0xffffffff || b > 0xffffffff) return null;
	return {min: Math.min(a, b), max: Math.max(a, b), forceReset: match[3] !== undefined};
}

export interface SetDueOptions extends ActionOptions {
	/** Random source for a range (default Math.random). */
	random?: () => number;
	/** Minutes west of UTC for the day boundary (default: the system's). */
	minutesWest?: number;
}

/** The Set Due Date dialog's last entry (config `setDueBrowser`). */
export function lastDueDateEntry(col: Collection): string {
	const value = col.adapter.getConfig('setDueBrowser');
	return typeof value === 'string' ? value : '';
}

/**
 * Makes cards review cards due in the given number of days (Set Due Date): new and learning
 * cards become review cards, review cards keep their interval unless `!` is given.
 */
export function setDueDate(col: Collection, ids: readonly number[], days: string, options: SetDueOptions = {}): number {
	const spec = parseDueDate(days);
	if (!spec) throw new UsageError(`"${days}" is not a due date: give days from today, e.g. 0 (today), 1, 3-7 (a random day), or 5! (also reset the interval).`);
	const {nowMs, nowSecs} = nowOf(options);
	const settings = readSchedulerSettings(col);
	const {today, nextDayAt} = timingAt(settings, nowMs, options.minutesWest);
	const random = options.random ?? Math.random;
	const index = DeckIndex.load(col);
	return col.undo.run(
		UndoLabel.SetDueDate,
		() => {
			const cards = cardsByIds(col, ids);
			for (const original of cards) {
				const home = index.byId.get(original.odid || original.did);
				if (!home?.normal) throw new AnkiTuiError(`Card ${original.id}'s home deck is missing or filtered; run Check Database in Anki.`);
				const preset: DeckConfig = index.configFor(home);
				const daysFromToday = spec.min + Math.floor(random() * (spec.max - spec.min + 1));
				const card = dueCard(original, today, nextDayAt, daysFromToday, preset.initialEase, spec.forceReset, settings.fsrs);
				logManualChange(col, card, original.ivl, nowMs);
				updateCard(col.db, modified(card, nowSecs));
			}
			setConfigIfChanged(col, 'setDueBrowser', days, nowSecs);
			return cards.length;
		},
		{nowMs},
	);
}

/** Card::set_due_date then schedule_as_review. */
function dueCard(original: Card, today: number, nextDayAt: number, days: number, initialEase: number, forceReset: boolean, fsrs: boolean): Card {
	const newDue = today + days;
	const data = parseCardData(original.data);
	let interval: number;
	if (fsrs) {
		if (original.queue === CardQueue.New || original.ivl === 0) interval = 0;
		else if (data.lrt !== undefined) interval = Math.floor(Math.max(0, nextDayAt - data.lrt) / 86_400) + days;
		else {
			const due = original.odid !== 0 ? original.odue : original.due;
			const dueDay = isTimestamp(due) ? today + Math.trunc((due - nextDayAt) / 86_400) : due;
			interval = Math.max(0, original.ivl + (newDue - dueDay));
		}
	} else if (forceReset || !(original.type === CardType.Review || original.type === CardType.Relearn)) {
		interval = Math.max(days, 1);
	} else {
		interval = Math.max(original.ivl, 1);
	}
	const position = lastPosition(original);
	let card: Card = original.odid !== 0 ? {...original, did: original.odid, odid: 0, odue: 0} : {...original};
	card = withData(card, d => {
		if (position === undefined) delete d.pos;
		else d.pos = position;
	});
	return {
		...card,
		ivl: interval,
		due: newDue,
		type: CardType.Review,
		queue: CardQueue.Review,
		// Anki leaves an ease that is already set alone.
		factor: card.factor === 0 ? Math.round(f32(f32(initialEase) * 1000)) : card.factor,
	};
}
