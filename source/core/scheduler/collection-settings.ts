// Collection-wide scheduling settings (col.conf keys / config table), read once per session.
import type {Collection} from '../collection/types.js';
import type {Deck, DeckConfig, DeckForList, PresetLimits} from '../model.js';
import {dayTiming, type DayTiming} from './timing.js';

export interface SchedulerSettings {
	crt: number;
	rollover: number | null;
	creationOffset: number | null;
	schedVer: number | null;
	/** Learn-ahead limit in secs (`collapseTime`, default 1200). */
	learnAheadSecs: number;
	fsrs: boolean;
	fsrsShortTermWithSteps: boolean;
	newCardsIgnoreReviewLimit: boolean;
	applyAllParentLimits: boolean;
	/** `loadBalancerEnabled`, default true. */
	loadBalancerEnabled: boolean;
	lastUnburied: number | null;
}

function numberOr<T>(value: unknown, fallback: T): number | T {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function readSchedulerSettings(col: Collection): SchedulerSettings {
	const get = (key: string): unknown => {
		try {
			return col.adapter.getConfig(key);
		} catch {
			return undefined;
		}
	};
	return {
		crt: col.info().crt,
		rollover: numberOr(get('rollover'), null),
		creationOffset: numberOr(get('creationOffset'), null),
		// Collections that never stored schedVer are v1; modern Anki always writes 2.
		schedVer: numberOr(get('schedVer'), null),
		learnAheadSecs: numberOr(get('collapseTime'), 1200),
		fsrs: get('fsrs') === true,
		fsrsShortTermWithSteps: get('fsrsShortTermWithStepsEnabled') === true,
		newCardsIgnoreReviewLimit: get('newCardsIgnoreReviewLimit') === true,
		applyAllParentLimits: get('applyAllParentLimits') === true,
		loadBalancerEnabled: get('loadBalancerEnabled') !== false, // Anki: a missing or non-bool value means true
		lastUnburied: numberOr(get('lastUnburied'), null),
	};
}

/** Today's day number and the next rollover for `nowMs`, in the given (default: system) offset. */
export function timingAt(settings: SchedulerSettings, nowMs: number, minutesWest?: number): DayTiming {
	const now = Math.floor(nowMs / 1000);
	return dayTiming({
		crt: settings.crt,
		now,
		rollover: settings.rollover,
		creationOffset: settings.creationOffset,
		localOffset: minutesWest ?? new Date(nowMs).getTimezoneOffset(),
		schedVer: settings.schedVer,
	});
}

/**
 * Decks and presets indexed for quick lookups: whole ones (decks(), deckConfigs()), or what the deck
 * list reads of them (deckListDecks(), deckListPresets()).
 */
export class DeckIndex<D extends DeckForList = Deck, C extends PresetLimits = DeckConfig> {
	readonly byId = new Map<number, D>();
	readonly byName = new Map<string, D>();
	readonly configs = new Map<number, C>();

	constructor(decks: readonly D[], configs: readonly C[]) {
		for (const deck of decks) {
			this.byId.set(deck.id, deck);
			this.byName.set(deck.name.toLowerCase(), deck);
		}
		for (const config of configs) this.configs.set(config.id, config);
	}

	static load(col: Collection): DeckIndex {
		return new DeckIndex(col.adapter.decks(), col.adapter.deckConfigs());
	}

	/** Preset of a normal deck; the default preset (id 1) or the first one as a fallback, as Anki does. */
	configFor(deck: D | undefined): C {
		const id = deck?.normal?.configId ?? 1;
		const config = this.configs.get(id) ?? this.configs.get(1) ?? this.configs.values().next().value;
		if (!config) throw new Error('collection has no deck options preset');
		return config;
	}

	/** A normal deck's own preset, undefined when it is missing or the deck is filtered (no fallback). */
	presetOf(deck: D): C | undefined {
		return deck.normal ? this.configs.get(deck.normal.configId) : undefined;
	}

	/** Preset that governs a card: its home deck's (the original deck while in a filtered deck). */
	configForCard(card: {did: number; odid: number}): C {
		return this.configFor(this.byId.get(card.odid !== 0 ? card.odid : card.did));
	}

	/** The deck and all decks under it, parents before children, in name order. */
	subtree(deckId: number): D[] {
		const root = this.byId.get(deckId);
		if (!root) return [];
		const prefix = `${root.name.toLowerCase()}::`;
		const out = [...this.byId.values()].filter(d => d.id === root.id || d.name.toLowerCase().startsWith(prefix));
		return out.sort((a, b) => compareDeckNames(a.name, b.name));
	}

	/** The deck's parent (by name), if it exists. */
	parentOf(deck: D): D | undefined {
		const cut = deck.name.lastIndexOf('::');
		return cut < 0 ? undefined : this.byName.get(deck.name.slice(0, cut).toLowerCase());
	}

	/** The deck and its ancestors, nearest first. */
	selfAndAncestors(deckId: number): D[] {
		const out: D[] = [];
		let deck = this.byId.get(deckId);
		while (deck) {
			out.push(deck);
			deck = this.parentOf(deck);
		}
		return out;
	}
}

/** Deck names compare component by component, case-insensitively (so `A::B` sorts right after `A`). */
export function compareDeckNames(a: string, b: string): number {
	const x = a.toLowerCase().split('::');
	const y = b.toLowerCase().split('::');
	for (let i = 0; i < Math.min(x.length, y.length); i++) {
		if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
	}
	return x.length - y.length;
}
