// Decks and option groups on import (rslib apkg/import/decks.rs): option groups are added when their
// id is free; decks are matched by name (parents first), existing ones only take over the package's
// description, options and limits; new ones get a fresh id; a name clash between a normal and a
// filtered deck renames the incoming deck (and its children) with a numeric suffix.
import type {DayLimit, Deck, DeckConfig} from '../model.js';
import type {SchemaAdapter} from '../collection/types.js';
import {defaultDeck} from '../collection/ddl-defaults.js';

export interface DeckMerge {
	/** Package deck id -> collection deck id. */
	remap: Map<number, number>;
	added: number;
	configsAdded: number;
}

export interface DeckMergeContext {
	sourceToday: number;
	targetToday: number;
	nowSecs: number;
}

const level = (d: Deck) => d.name.split('::').length;
const key = (name: string) => name.toLowerCase();

function correctDayLimit(limit: DayLimit | null, ctx: DeckMergeContext): DayLimit | null {
	if (!limit) return null;
	if (limit.today === ctx.sourceToday) return {...limit, today: ctx.targetToday};
	if (ctx.targetToday > 0) return {...limit, today: Math.min(limit.today, ctx.targetToday - 1)};
	return null;
}

function newNormalDeck(name: string): Deck {
	return {...defaultDeck(), id: 0, name, usn: -1, collapsed: false, browserCollapsed: false};
}

export function mergeDecks(target: SchemaAdapter, decks: Deck[], configs: DeckConfig[], ctx: DeckMergeContext): DeckMerge {
	let configsAdded = 0;
	const configIds = new Set(target.deckConfigs().map(c => c.id));
	for (const config of configs) {
		if (configIds.has(config.id)) continue;
		target.addDeckConfig({...config, usn: -1}, ctx.nowSecs);
		configIds.add(config.id);
		configsAdded++;
	}

	const byName = new Map(target.decks().map(d => [key(d.name), d]));
	const remap = new Map<number, number>();
	const renamedParents: Array<[string, string]> = [];
	let added = 0;

	const addDeck = (deck: Deck): number => {
		const result = target.addDeck({...deck, id: 0, usn: -1}, ctx.nowSecs) as unknown as number | undefined;
		const id = typeof result === 'number' ? result : (target.decks().find(d => key(d.name) === key(deck.name))?.id ?? 0);
		byName.set(key(deck.name), {...deck, id});
		added++;
		return id;
	};

	for (const incoming of [...decks].sort((a, b) => level(a) - level(b))) {
		const deck: Deck = structuredClone(incoming);
		for (const [oldParent, newParent] of renamedParents) {
			if (deck.name.startsWith(oldParent)) {
				deck.name = newParent + deck.name.slice(oldParent.length);
				break;
			}
		}
		if (deck.normal) {
			deck.normal.newLimitToday = correctDayLimit(deck.normal.newLimitToday, ctx);
			deck.normal.reviewLimitToday = correctDayLimit(deck.normal.reviewLimitToday, ctx);
			if (!configIds.has(deck.normal.configId)) deck.normal.configId = 1;
		}
		const original = byName.get(key(deck.name));
		if (original && Boolean(original.filtered) === Boolean(deck.filtered)) {
			updateExisting(target, original, deck, ctx.nowSecs);
			remap.set(incoming.id, original.id);
			continue;
		}
		if (original) {
			const oldParent = `${deck.name}::`;
			deck.name = `${deck.name} ${ctx.nowSecs}`;
			renamedParents.push([oldParent, `${deck.name}::`]);
		}
		// parents must exist (a package may lack them); a filtered deck cannot hold children, so as
		// Anki does, a normal "<name> <suffix>" deck takes its place as the parent
		const parts = deck.name.split('::');
		for (let i = 1; i < parts.length; i++) {
			const parentName = parts.slice(0, i).join('::');
			const parent = byName.get(key(parentName));
			if (parent?.filtered) {
				const replacement = `${parentName} ${ctx.nowSecs}`;
				renamedParents.push([`${parentName}::`, `${replacement}::`]);
				deck.name = replacement + deck.name.slice(parentName.length);
				parts.splice(0, i, ...replacement.split('::'));
				if (!byName.has(key(replacement))) addDeck(newNormalDeck(replacement));
			} else if (!parent) {
				addDeck(newNormalDeck(parentName));
			}
		}
		// study counters belong to the package's own days
		deck.today = {day: 0, newStudied: 0, reviewStudied: 0, learningStudied: 0, millisecondsStudied: 0};
		remap.set(incoming.id, addDeck(deck));
	}
	return {remap, added, configsAdded};
}

function updateExisting(target: SchemaAdapter, original: Deck, incoming: Deck, nowSecs: number): void {
	const next: Deck = structuredClone(original);
	if (next.normal && incoming.normal) {
		if (incoming.description) next.description = incoming.description;
		if (incoming.normal.configId !== 1) next.normal.configId = incoming.normal.configId;
		next.normal.reviewLimit = incoming.normal.reviewLimit ?? next.normal.reviewLimit;
		next.normal.newLimit = incoming.normal.newLimit ?? next.normal.newLimit;
		next.normal.reviewLimitToday = incoming.normal.reviewLimitToday ?? next.normal.reviewLimitToday;
		next.normal.newLimitToday = incoming.normal.newLimitToday ?? next.normal.newLimitToday;
	} else if (next.filtered && incoming.filtered) {
		next.filtered = structuredClone(incoming.filtered);
	}
	// Only write when something changed: importing the same package twice must leave decks alone.
	if (JSON.stringify(next) !== JSON.stringify(original)) target.updateDeck(next, nowSecs);
}
