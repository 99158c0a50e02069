// Answering a card as a pure function: (card, options, timing, rating) -> (card row, revlog row).
// Mirrors rslib scheduler/answering: next states are computed for all four buttons, then the
// chosen one is applied to the row. Writing is collection/cards.ts's and revlog.ts's job.
import {CardQueue, CardType, type Card, type DeckConfig, type FilteredDeckSettings, type RevlogEntry} from '../model.js';
import {parseCardData, serializeCardData, type CardData} from '../collection/card-data.js';
import {currentState, easeFromFactor, factorFromEase} from './current-state.js';
import {returnedHome} from './filtered-card.js';
import {allowShortTerm, difficultyShifted, fsrsModel, type FsrsSettings} from './fsrs.js';
import {learningSecsWithFuzz} from './fuzz.js';
import {LEECH_ACTION_SUSPEND} from './leech.js';
import type {LoadBalancer} from './load-balancer.js';
import {fuzzFactorFromSeed, fuzzSeed} from './rng.js';
import {learningNextStates} from './states/learning.js';
import {relearningNextStates} from './states/relearning.js';
import {daysLate, reviewNextStates} from './states/review.js';
import type {CardState, FsrsNextStates, MemoryState, NextStates, StateContext} from './states/types.js';
import type {DayTiming} from './timing.js';
import type {Rating} from './types.js';

export interface AnswerInput {
	card: Card;
	/** Preset of the card's home deck. */
	config: DeckConfig;
	timing: DayTiming;
	nowMs: number;
	/** FSRS settings when FSRS is on for the collection, else null. */
	fsrs: FsrsSettings | null;
	/** Settings of the filtered deck the card sits in (card.odid != 0), else null. */
	filtered: FilteredDeckSettings | null;
	/** false reproduces Anki's tests (no fuzz). Default true. */
	fuzz?: boolean;
	/** Last answer time (secs) from the revlog, used by FSRS when `data.lrt` is missing. */
	lastReviewSecs?: number | null;
	/** FSRS memory rebuilt from the revlog, used when `data` has no `s`/`d`. */
	memoryFromHistory?: MemoryState | null;
	/** The session's load balancer, the card's home preset id, and its note when review siblings are buried. */
	loadBalancer?: {balancer: LoadBalancer; configId: number; noteId: number | null} | null;
}

export interface Answered {
	card: Card;
	revlog: RevlogEntry;
	/** The answer made the card a leech (tag the note; suspension is already applied). */
	leech: boolean;
}

interface Prepared {
	states: NextStates;
	data: CardData;
	seed: bigint | null;
	fsrsOn: boolean;
}

const DAY = 86400;

function fsrsMemoryFor(input: AnswerInput, data: CardData, settings: FsrsSettings): MemoryState | null {
	if (data.s !== undefined && data.d !== undefined) return {stability: data.s, difficulty: data.d};
	if (input.memoryFromHistory) return input.memoryFromHistory;
	const {card} = input;
	if (card.type === CardType.Review || card.type === CardType.Relearn) {
		const ease = card.factor > 0 ? easeFromFactor(card.factor) : Math.fround(input.config.initialEase);
		return fsrsModel(settings.params).memoryFromSm2(ease, Math.max(card.ivl, 1), settings.historicalRetention);
	}
	return null;
}

function fsrsElapsedDays(input: AnswerInput, data: CardData): number {
	const lrt = data.lrt ?? input.lastReviewSecs ?? null;
	if (lrt !== null && lrt > 0) return Math.max(0, Math.floor((input.timing.nextDayAt - lrt) / DAY));
	const {card} = input;
	if (card.type === CardType.Review || card.type === CardType.Relearn) {
		const due = card.odid !== 0 && card.odue !== 0 ? card.odue : card.due;
		return Math.max(0, card.ivl + input.timing.today - Math.min(due, input.timing.today));
	}
	return 0;
}

function prepare(input: AnswerInput): Prepared {
	const {card, config} = input;
	const data = parseCardData(card.data);
	const seed = input.fuzz === false ? null : fuzzSeed(card.id, card.reps);
	let fsrs: FsrsNextStates | null = null;
	const settings = input.fsrs;
	if (settings) {
		const memory = card.type === CardType.New ? null : fsrsMemoryFor(input, data, settings);
		fsrs = fsrsModel(settings.params).nextStates(memory, settings.desiredRetention, fsrsElapsedDays(input, data));
	}
	const filtered = input.filtered;
	const ctx: StateContext = {
		config,
		fuzzFactor: seed === null ? null : fuzzFactorFromSeed(seed),
		fsrs,
		fsrsAllowShortTerm: settings ? allowShortTerm(settings.params) : false,
		fsrsShortTermWithSteps: settings?.shortTermWithSteps ?? false,
		preview: filtered && !filtered.reschedule
			? {againSecs: filtered.previewAgainSecs, hardSecs: filtered.previewHardSecs, goodSecs: filtered.previewGoodSecs}
			: null,
		loadBalancer: input.loadBalancer ? input.loadBalancer.balancer.context(input.loadBalancer.configId, input.loadBalancer.noteId, seed) : null,
	};
	const current = currentState({
		card,
		data,
		config,
		today: input.timing.today,
		filtered: filtered ? {reschedule: filtered.reschedule, previewAgainSecs: filtered.previewAgainSecs} : null,
	});
	return {states: nextStates(current, ctx), data, seed, fsrsOn: settings !== null};
}

export function nextStates(current: CardState, ctx: StateContext): NextStates {
	switch (current.kind) {
		case 'new':
		case 'learning':
			return learningNextStates(current, ctx);
		case 'review':
			return reviewNextStates(current, ctx);
		case 'relearning':
			return relearningNextStates(current, ctx);
		case 'preview': {
			const p = ctx.preview ?? {againSecs: 60, hardSecs: 600, goodSecs: 0};
			const delay = (secs: number): CardState => ({kind: 'preview', scheduledSecs: secs, finished: secs === 0});
			return {current, again: delay(p.againSecs), hard: delay(p.hardSecs), good: delay(p.goodSecs), easy: delay(0)};
		}
	}
}

/** Next states for all four buttons (for labels), without answering. */
export function previewAnswers(input: AnswerInput): NextStates {
	return prepare(input).states;
}

export function stateFor(states: NextStates, rating: Rating): CardState {
	return rating === 1 ? states.again : rating === 2 ? states.hard : rating === 3 ? states.good : states.easy;
}

/** An interval as days (positive) or seconds (negative), secs past the rollover counted as days. */
export function intervalOf(state: CardState, secsUntilRollover: number): {days: number} | {secs: number} {
	let secs: number | null = null;
	switch (state.kind) {
		case 'new':
			return {days: 0};
		case 'review':
			return {days: state.scheduledDays};
		case 'learning':
			secs = state.scheduledSecs;
			break;
		case 'relearning':
			secs = state.learning.scheduledSecs;
			break;
		case 'preview':
			secs = state.scheduledSecs;
			break;
	}
	if (secs >= secsUntilRollover) return {days: Math.floor((secs - secsUntilRollover) / DAY) + 1};
	return {secs};
}

function revlogInterval(state: CardState, secsUntilRollover: number): number {
	const interval = intervalOf(state, secsUntilRollover);
	return 'days' in interval ? interval.days : -interval.secs;
}

function revlogKind(state: CardState): number {
	switch (state.kind) {
		case 'new':
		case 'learning':
			return 0;
		case 'review':
			return daysLate(state) < 0 ? 3 : 1;
		case 'relearning':
			return 2;
		case 'preview':
			return 3;
	}
}

function memoryOf(state: CardState): MemoryState | null {
	if (state.kind === 'relearning') return state.review.memory;
	if (state.kind === 'review' || state.kind === 'learning') return state.memory;
	return null;
}

export function answerCard(input: AnswerInput, rating: Rating, timeTakenMs: number): Answered {
	const {states, data, seed, fsrsOn} = prepare(input);
	const next = stateFor(states, rating);
	const current = states.current;
	const nowSecs = Math.floor(input.nowMs / 1000);
	const {today, nextDayAt} = input.timing;
	const secsUntilRollover = Math.max(0, nextDayAt - nowSecs);
	const card: Card = {...input.card, mod: nowSecs, usn: -1};
	const wasNew = current.kind === 'new';

	const placeBySecs = (secs: number) => {
		if (secs >= secsUntilRollover) {
			card.queue = CardQueue.DayLearn;
			card.due = today + Math.floor((secs - secsUntilRollover) / DAY) + 1;
		} else {
			card.queue = CardQueue.Learn;
			card.due = nowSecs + learningSecsWithFuzz(secs, seed);
		}
	};

	let factorLogged = 0;
	let leech = false;
	switch (next.kind) {
		case 'learning':
			card.type = CardType.Learn;
			card.left = next.remainingSteps;
			placeBySecs(next.scheduledSecs);
			break;
		case 'relearning':
			card.type = CardType.Relearn;
			card.left = next.learning.remainingSteps;
			card.ivl = next.review.scheduledDays;
			card.factor = factorFromEase(next.review.ease);
			card.lapses = next.review.lapses;
			placeBySecs(next.learning.scheduledSecs);
			factorLogged = card.factor;
			leech = next.review.leeched;
			break;
		case 'review':
			card.type = CardType.Review;
			card.queue = CardQueue.Review;
			card.ivl = next.scheduledDays;
			card.due = today + next.scheduledDays;
			card.factor = factorFromEase(next.ease);
			card.lapses = next.lapses;
			card.left = 0;
			factorLogged = card.factor;
			leech = next.leeched;
			break;
		case 'preview':
			if (next.finished) {
				Object.assign(card, returnedHome(card));
			} else {
				card.queue = CardQueue.PreviewRepeat;
				card.due = nowSecs + learningSecsWithFuzz(next.scheduledSecs, seed);
			}
			break;
		case 'new':
			break;
	}

	if (next.kind !== 'preview') {
		card.reps += 1;
		if (wasNew) data.pos = (current as {position: number}).position;
		const memory = memoryOf(next);
		if (fsrsOn && input.fsrs && memory) {
			data.s = memory.stability;
			data.d = memory.difficulty;
			data.dr = input.fsrs.desiredRetention;
			data.decay = -fsrsModel(input.fsrs.params).decay;
			factorLogged = difficultyShifted(memory.difficulty);
		} else {
			delete data.s;
			delete data.d;
			delete data.dr;
		}
		data.lrt = nowSecs;
		card.data = serializeCardData(data);
		// Filtered decks that reschedule: reviews go home, learning stays with its due remembered.
		if (card.odid !== 0) {
			if (next.kind === 'review') {
				card.did = card.odid;
				card.odid = 0;
				card.odue = 0;
			} else {
				card.odue = card.due;
			}
		}
	}

	if (leech && input.config.leechAction === LEECH_ACTION_SUSPEND) card.queue = CardQueue.Suspended;

	const capMs = Math.max(0, input.config.capAnswerTimeToSecs) * 1000;
	const revlog: RevlogEntry = {
		id: input.nowMs,
		cid: card.id,
		usn: -1,
		ease: rating,
		ivl: revlogInterval(next, secsUntilRollover),
		lastIvl: revlogInterval(current, secsUntilRollover),
		factor: next.kind === 'preview' || next.kind === 'learning' && !fsrsOn ? 0 : factorLogged,
		time: Math.max(0, Math.min(Math.round(timeTakenMs), capMs)),
		type: revlogKind(current),
	};
	return {card, revlog, leech};
}
