// A review session over a deck and its subdecks: the v3 queue, answering in one transaction per
// answer, undo of the latest answers and actions, and the actions the review screen offers.
import {getCard, siblingsInQueues, unburyAll, updateCard} from '../collection/cards.js';
import {cardHistory, insertRevlog, lastAnswerSecs} from '../collection/revlog.js';
import type {Collection} from '../collection/types.js';
import {UndoLabel} from '../collection/undo.js';
import {CardQueue, CardType, type Card, type DeckConfig} from '../model.js';
import {
	buryCards,
	flagCard,
	MARKED_TAG,
	noteCards,
	setNoteTag,
	suspendCards,
	toggleNoteTag,
	type ChangeSet,
} from './actions.js';
import {answerCard, previewAnswers, type AnswerInput} from './answer.js';
import {DeckIndex, readSchedulerSettings, timingAt, type SchedulerSettings} from './collection-settings.js';
import {recordAnswerInDecks} from './deck-stats.js';
import {fsrsModel, type FsrsSettings} from './fsrs.js';
import {memoryFromHistory} from './fsrs-history.js';
import {buttonLabels} from './labels.js';
import {LEECH_TAG} from './leech.js';
import {LoadBalancer} from './load-balancer.js';
import {buildQueue, type QueueEntry} from './queue/build.js';
import type {DayTiming} from './timing.js';
import type {AnswerButtons, QueueCounts, QueuedCard, Rating, ReviewSession, SessionSummary} from './types.js';

export interface SessionOptions {
	/** Clock in ms (tests pass a fixed one). */
	now?: () => number;
	/** Minutes west of UTC; default: the system offset. */
	minutesWest?: number;
	/** false disables fuzz, as Anki's own tests do. */
	fuzz?: boolean;
}

/** What the session needs back when one of its answers or actions is undone (the rows come back by themselves). */
interface SessionUndoData {
	answered: boolean;
	/** The card to show again after undoing. */
	cardId: number;
	summary: SessionSummary;
}

const SECS = 1000;

export class SchedulerSession implements ReviewSession {
	private readonly settings: SchedulerSettings;
	private index: DeckIndex;
	private readonly now: () => number;
	private timing!: DayTiming;
	private learning: Card[] = [];
	private main: QueueEntry[] = [];
	private balancer: LoadBalancer | null = null;
	private lastAnsweredId: number | null = null;
	private forced: QueuedCard | null = null;
	private stats: SessionSummary = {studied: 0, again: 0, millisecondsStudied: 0};

	constructor(
		private readonly col: Collection,
		private readonly deckId: number,
		private readonly options: SessionOptions = {},
	) {
		this.now = options.now ?? Date.now;
		this.settings = readSchedulerSettings(col);
		this.index = DeckIndex.load(col);
		this.rebuild(false);
	}

	/** `keepBalancer`: after an undo the load balancer stays, as Anki's does (the undone card leaves it). */
	private rebuild(keepBalancer: boolean): void {
		const nowMs = this.now();
		this.timing = timingAt(this.settings, nowMs, this.options.minutesWest);
		this.unburyIfNewDay(nowMs);
		const built = buildQueue({
			db: this.col.db,
			index: this.index,
			settings: this.settings,
			timing: this.timing,
			rootDeckId: this.deckId,
			nowSecs: Math.floor(nowMs / SECS),
		});
		this.learning = built.learning;
		this.main = built.main;
		if (!keepBalancer) this.balancer = this.settings.loadBalancerEnabled ? this.buildBalancer() : null;
	}

	/** Anki builds its load balancer with every queue build (a new day here; undo keeps it). */
	private buildBalancer(): LoadBalancer {
		const configIdByDeck = new Map<number, number>();
		for (const deck of this.index.byId.values()) if (deck.normal) configIdByDeck.set(deck.id, deck.normal.configId);
		const easyDaysByConfig = new Map<number, readonly number[] | undefined>();
		for (const [id, config] of this.index.configs) easyDaysByConfig.set(id, easyDaysOf(config));
		// Only the presets of cards this queue can answer are ever balanced, so only theirs are counted.
		const configIds = new Set<number>();
		const home = (card: Card) => configIdByDeck.get(card.odid !== 0 ? card.odid : card.did);
		for (const card of this.learning) configIds.add(home(card) ?? -1);
		for (const entry of this.main) configIds.add(home(entry.card) ?? -1);
		return LoadBalancer.build({
			configIds,
			db: this.col.db,
			today: this.timing.today,
			nextDayAt: this.timing.nextDayAt,
			configIdByDeck,
			easyDaysByConfig,
			minutesWest: this.options.minutesWest,
		});
	}

	/** The balancer as Anki consults it for a card: the home deck's preset, the note only if reviews bury siblings. */
	private balancerFor(card: Card): AnswerInput['loadBalancer'] {
		if (!this.balancer) return null;
		const configId = this.index.byId.get(card.odid !== 0 ? card.odid : card.did)?.normal?.configId;
		if (configId === undefined) return null;
		const buries = this.index.configs.get(configId)?.buryReviews ?? false;
		return {balancer: this.balancer, configId, noteId: buries ? card.nid : null};
	}

	/** At the first session of a day, buried cards return (mod/usn untouched, as Anki does). */
	private unburyIfNewDay(nowMs: number): void {
		if (this.col.readOnly) return;
		const {today} = this.timing;
		const last = this.settings.lastUnburied;
		if (last !== null && last >= today && last <= today + 7) return;
		this.col.transaction(() => {
			unburyAll(this.col.db);
			this.col.adapter.setConfig('lastUnburied', today, Math.floor(nowMs / SECS));
		});
		this.settings.lastUnburied = today;
	}

	private checkDay(): void {
		if (Math.floor(this.now() / SECS) >= this.timing.nextDayAt) {
			this.index = DeckIndex.load(this.col);
			this.rebuild(false);
		}
	}

	private learnAheadCutoff(): number {
		return Math.floor(this.now() / SECS) + this.settings.learnAheadSecs;
	}

	counts(): QueueCounts {
		this.checkDay();
		const cutoff = this.learnAheadCutoff();
		let learn = this.learning.filter(c => c.due <= cutoff).length;
		let review = 0;
		let fresh = 0;
		for (const entry of this.main) {
			if (entry.kind === 'learn') learn++;
			else if (entry.kind === 'review') review++;
			else fresh++;
		}
		return {new: fresh, learn, review};
	}

	current(): QueuedCard | null {
		this.checkDay();
		if (this.forced) return this.forced;
		const nowSecs = Math.floor(this.now() / SECS);
		const dueLearning = this.learning.filter(c => c.due <= nowSecs);
		// A learning card just answered waits behind another one when possible (Anki does the same).
		const pickLearning = (cards: Card[]): Card | undefined =>
			cards.length > 1 && cards[0]!.id === this.lastAnsweredId ? cards[1] : cards[0];
		const learningNow = pickLearning(dueLearning);
		if (learningNow && !(learningNow.id === this.lastAnsweredId && this.main.length > 0)) {
			return {card: learningNow, kind: 'learn'};
		}
		if (this.main.length > 0) return this.main[0]!;
		const ahead = pickLearning(this.learning.filter(c => c.due <= this.learnAheadCutoff()));
		return ahead ? {card: ahead, kind: 'learn'} : null;
	}

	private answerInput(card: Card, nowMs: number): AnswerInput {
		const config = this.index.configForCard(card);
		const deck = this.index.byId.get(card.did);
		const filtered = card.odid !== 0 && deck?.filtered ? deck.filtered : null;
		const fsrs = this.fsrsSettings(card, config);
		const input: AnswerInput = {
			card,
			config,
			timing: this.timing,
			nowMs,
			fsrs,
			filtered,
			fuzz: this.options.fuzz,
			lastReviewSecs: null,
			loadBalancer: this.balancerFor(card),
		};
		// FSRS on, but this card never got a memory state: rebuild one from its history as Anki does.
		if (fsrs && card.type !== CardType.New && !/"s":/.test(card.data)) {
			const history = cardHistory(this.col.db, card.id);
			input.memoryFromHistory = memoryFromHistory(fsrsModel(fsrs.params), history, this.timing.nextDayAt, fsrs.historicalRetention);
			const graded = history.find(e => e.ease > 0);
			if (graded) input.lastReviewSecs = Math.floor(graded.id / 1000);
		}
		return input;
	}

	private fsrsSettings(card: Card, config: DeckConfig): FsrsSettings | null {
		if (!this.settings.fsrs) return null;
		const home = this.index.byId.get(card.odid !== 0 ? card.odid : card.did);
		let retention = home?.normal?.desiredRetention ?? config.desiredRetention;
		if (retention > 1) retention /= 100; // schema 11 stores the deck override as a percentage
		return {
			params: config.fsrsParams,
			desiredRetention: retention,
			historicalRetention: 0.9,
			shortTermWithSteps: this.settings.fsrsShortTermWithSteps,
		};
	}

	buttons(): AnswerButtons {
		const entry = this.current();
		if (!entry) return {labels: {1: '', 2: '', 3: '', 4: ''}};
		const nowMs = this.now();
		const states = previewAnswers(this.answerInput(entry.card, nowMs));
		const untilRollover = Math.max(0, this.timing.nextDayAt - Math.floor(nowMs / SECS));
		return {labels: buttonLabels(states, untilRollover, this.settings.learnAheadSecs)};
	}

	answer(rating: Rating, timeTakenMs: number): void {
		const entry = this.current();
		if (!entry) throw new Error('no card to answer');
		const nowMs = this.now();
		const nowSecs = Math.floor(nowMs / SECS);
		const before = getCard(this.col.db, entry.card.id) ?? entry.card;
		const input = this.answerInput(before, nowMs);
		if (this.settings.fsrs && !before.data.includes('"lrt"') && input.lastReviewSecs === null) {
			input.lastReviewSecs = lastAnswerSecs(this.col.db, before.id);
		}
		const result = answerCard(input, rating, timeTakenMs);
		const data: SessionUndoData = {answered: true, cardId: before.id, summary: {...this.stats}};
		let buried: Card[] = [];
		this.col.undo.run(
			UndoLabel.AnswerCard,
			() => {
				this.balancer?.noteAnswering(before);
				updateCard(this.col.db, result.card);
				insertRevlog(this.col.db, result.revlog);
				recordAnswerInDecks(this.col, this.index, before.did, before.queue, result.revlog.time, this.timing.today, nowSecs);
				if (result.leech) setNoteTag(this.col, before.nid, LEECH_TAG, true, nowSecs);
				buried = this.burySiblings(before, input.config, nowSecs);
			},
			{nowMs, owner: this, data},
		);
		if (result.card.queue === CardQueue.Review && input.loadBalancer) {
			this.balancer?.addCard(result.card.id, result.card.nid, input.loadBalancer.configId, result.card.ivl);
		}
		this.stats = {
			studied: this.stats.studied + 1,
			again: this.stats.again + (rating === 1 ? 1 : 0),
			millisecondsStudied: this.stats.millisecondsStudied + result.revlog.time,
		};
		this.forced = null;
		this.lastAnsweredId = before.id;
		this.dropFromQueues([before.id, ...buried.map(c => c.id)]);
		const after = result.card;
		if ((after.queue === CardQueue.Learn || after.queue === CardQueue.PreviewRepeat) && after.due < this.timing.nextDayAt) {
			this.insertLearning(after);
		}
	}

	/** Siblings of the answered card go to queue -2 per the home preset's bury options. */
	private burySiblings(card: Card, config: DeckConfig, nowSecs: number): Card[] {
		const queues: number[] = [];
		const wasNew = card.queue === CardQueue.New;
		const wasReview = card.queue === CardQueue.Review;
		if (config.buryNew) queues.push(CardQueue.New);
		if (config.buryReviews && !wasNew) queues.push(CardQueue.Review);
		if (config.buryInterdayLearning && !wasNew && !wasReview) queues.push(CardQueue.DayLearn);
		const siblings = siblingsInQueues(this.col.db, card.nid, card.id, queues);
		for (const sibling of siblings) updateCard(this.col.db, {...sibling, queue: CardQueue.SchedBuried, mod: nowSecs, usn: -1});
		return siblings;
	}

	private dropFromQueues(ids: number[]): void {
		const gone = new Set(ids);
		this.learning = this.learning.filter(c => !gone.has(c.id));
		this.main = this.main.filter(e => !gone.has(e.card.id));
	}

	private insertLearning(card: Card): void {
		const at = this.learning.findIndex(c => c.due > card.due);
		if (at < 0) this.learning.push(card);
		else this.learning.splice(at, 0, card);
	}

	canUndo(): boolean {
		return this.col.undo.peek() !== null;
	}

	undoLabel(): string | null {
		return this.col.undo.peek();
	}

	/**
	 * Undoes the latest operation on the collection, whoever made it (Anki's single undo queue):
	 * one of this session's answers or actions, or an edit made meanwhile.
	 */
	undo(): string | null {
		const undone = this.col.undo.undo();
		if (!undone) return null;
		if (undone.owner !== this) {
			this.refresh();
			return undone.label;
		}
		const step = undone.data as SessionUndoData;
		this.stats = step.summary;
		this.lastAnsweredId = null;
		if (step.answered) this.balancer?.removeCard(step.cardId);
		// The decks' today counters came back with the rows.
		this.index = DeckIndex.load(this.col);
		this.rebuild(true);
		const card = getCard(this.col.db, step.cardId);
		this.forced = null;
		if (card) {
			const queued = this.main.find(e => e.card.id === card.id);
			const kind = queued?.kind ?? (card.queue === CardQueue.New ? 'new' : card.queue === CardQueue.Review ? 'review' : 'learn');
			if (card.queue >= 0) this.forced = {card, kind};
		}
		return undone.label;
	}

	/**
	 * Re-reads the queue after the collection changed outside the session (a note edited or added,
	 * an operation undone); the card on screen stays on screen while it is still studyable.
	 */
	refresh(): void {
		const shown = this.forced?.card.id ?? this.current()?.card.id;
		this.index = DeckIndex.load(this.col);
		this.rebuild(true);
		this.forced = null;
		const card = shown === undefined ? null : getCard(this.col.db, shown);
		if (card && card.queue >= 0) {
			const queued = this.main.find(e => e.card.id === card.id);
			if (queued) this.forced = {...queued, card};
			else if (this.learning.some(c => c.id === card.id)) this.forced = {card, kind: 'learn'};
		}
	}

	private act(label: string, run: (nowSecs: number) => ChangeSet, cardId: number, leaveQueue: boolean): void {
		const nowMs = this.now();
		let change: ChangeSet = {cards: [], notes: []};
		const data: SessionUndoData = {answered: false, cardId, summary: {...this.stats}};
		this.col.undo.run(label, () => {
			change = run(Math.floor(nowMs / SECS));
		}, {nowMs, owner: this, data});
		if (leaveQueue) {
			this.forced = null;
			this.dropFromQueues(change.cards.map(c => c.id));
		} else if (this.forced) {
			this.forced = {...this.forced, card: getCard(this.col.db, this.forced.card.id) ?? this.forced.card};
		} else {
			this.refreshQueued(cardId);
		}
	}

	private refreshQueued(cardId: number): void {
		const fresh = getCard(this.col.db, cardId);
		if (!fresh) return;
		this.learning = this.learning.map(c => (c.id === cardId ? fresh : c));
		this.main = this.main.map(e => (e.card.id === cardId ? {...e, card: fresh} : e));
	}

	private currentCard(): Card {
		const entry = this.current();
		if (!entry) throw new Error('no current card');
		return getCard(this.col.db, entry.card.id) ?? entry.card;
	}

	buryCard(): void {
		const card = this.currentCard();
		this.act(UndoLabel.Bury, now => buryCards(this.col.db, [card], now), card.id, true);
	}

	buryNote(): void {
		const card = this.currentCard();
		this.act(UndoLabel.Bury, now => buryCards(this.col.db, noteCards(this.col.db, card.nid), now), card.id, true);
	}

	suspendCard(): void {
		const card = this.currentCard();
		this.act(UndoLabel.Suspend, now => suspendCards(this.col.db, [card], now), card.id, true);
	}

	suspendNote(): void {
		const card = this.currentCard();
		this.act(UndoLabel.Suspend, now => suspendCards(this.col.db, noteCards(this.col.db, card.nid), now), card.id, true);
	}

	setFlag(flag: number): void {
		const card = this.currentCard();
		this.act(UndoLabel.SetFlag, now => flagCard(this.col.db, card.id, flag, now), card.id, false);
	}

	toggleMark(): void {
		const card = this.currentCard();
		this.act(
			UndoLabel.UpdateTag,
			now => {
				const snapshot = toggleNoteTag(this.col, card.nid, MARKED_TAG, now);
				return {cards: [], notes: snapshot ? [snapshot] : []};
			},
			card.id,
			false,
		);
	}

	nextDueAt(): number | null {
		const next = this.learning[0];
		return next ? next.due : null;
	}

	summary(): SessionSummary {
		return {...this.stats};
	}
}

/** A preset's easy days as stored (the mapped field, else the copy kept with the file's other settings). */
function easyDaysOf(config: DeckConfig): readonly number[] | undefined {
	if (config.easyDaysPercentages) return config.easyDaysPercentages;
	const stored = config.extra?.['easyDaysPercentages'];
	return Array.isArray(stored) && stored.every(v => typeof v === 'number') ? (stored as number[]) : undefined;
}

/** Opens a review session for a deck and its subdecks. */
export function openReviewSession(col: Collection, deckId: number, options: SessionOptions = {}): ReviewSession {
	return new SchedulerSession(col, deckId, options);
}
