// Deck matching rules on import: by name (any case), parents first, clashes with filtered decks.
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createCollection} from '../../source/core/collection/create.js';
import {defaultDeck} from '../../source/core/collection/ddl-defaults.js';
import {openCollection} from '../../source/core/collection/open.js';
import type {Deck} from '../../source/core/model.js';
import {mergeDecks} from '../../source/core/package/merge-decks.js';
import {tempDir} from '../helpers/shared.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

function deck(id: number, name: string, extra: Partial<Deck> = {}): Deck {
	return {...defaultDeck(), id, name, collapsed: false, browserCollapsed: false, ...extra};
}

function filtered(id: number, name: string): Deck {
	const d = deck(id, name);
	delete d.normal;
	d.filtered = {reschedule: true, searchTerms: [{search: 'is:due', limit: 100, order: 0}], previewDelayMins: 0, previewAgainSecs: 60, previewHardSecs: 600, previewGoodSecs: 0};
	return d;
}

function target() {
	const t = tempDir();
	cleanups.push(t.cleanup);
	const file = path.join(t.dir, 'c.anki2');
	createCollection(file, {schema: 11});
	const col = openCollection(file);
	cleanups.unshift(() => col.close());
	return col;
}

describe('mergeDecks', () => {
	it('matches decks by name in any case and adds missing parents', () => {
		const col = target();
		col.adapter.addDeck(deck(0, 'Spanish'), 1000);
		const result = col.transaction(() =>
			mergeDecks(col.adapter, [deck(11, 'spanish'), deck(12, 'Spanish::Verbs::Irregular')], [], {sourceToday: 5, targetToday: 0, nowSecs: 2000}),
		);
		const names = col.adapter.decks().map(d => d.name).sort();
		expect(names).toEqual(['Default', 'Spanish', 'Spanish::Verbs', 'Spanish::Verbs::Irregular']);
		const byName = new Map(col.adapter.decks().map(d => [d.name, d.id]));
		expect(result.remap.get(11)).toBe(byName.get('Spanish'));
		expect(result.remap.get(12)).toBe(byName.get('Spanish::Verbs::Irregular'));
		expect(result.added).toBe(2);
	});

	it('renames an incoming normal deck whose name a filtered deck has, children included', () => {
		const col = target();
		col.adapter.addDeck(filtered(0, 'Today'), 1000);
		col.transaction(() => mergeDecks(col.adapter, [deck(21, 'Today'), deck(22, 'Today::Later')], [], {sourceToday: 0, targetToday: 0, nowSecs: 2000}));
		expect(col.adapter.decks().map(d => d.name).sort()).toEqual(['Default', 'Today', 'Today 2000', 'Today 2000::Later']);
	});

	it('puts a child of a filtered deck under a new normal parent', () => {
		const col = target();
		col.adapter.addDeck(filtered(0, 'Cram'), 1000);
		col.transaction(() => mergeDecks(col.adapter, [deck(31, 'Cram::Week 1')], [], {sourceToday: 0, targetToday: 0, nowSecs: 3000}));
		const decks = col.adapter.decks();
		expect(decks.map(d => d.name).sort()).toEqual(['Cram', 'Cram 3000', 'Cram 3000::Week 1', 'Default']);
		expect(decks.find(d => d.name === 'Cram 3000')?.normal).toBeDefined();
	});

	it('moves an active day limit to the collection\'s today and adds option groups once', () => {
		const col = target();
		const limited = deck(41, 'Limited');
		limited.normal!.newLimitToday = {limit: 5, today: 7};
		limited.normal!.configId = 99;
		const config = {...col.adapter.deckConfigs()[0], id: 99, name: 'Package options'};
		col.transaction(() => mergeDecks(col.adapter, [limited], [config], {sourceToday: 7, targetToday: 3, nowSecs: 4000}));
		const added = col.adapter.decks().find(d => d.name === 'Limited')!;
		expect(added.normal?.newLimitToday).toEqual({limit: 5, today: 3});
		expect(added.normal?.configId).toBe(99);
		const again = col.transaction(() => mergeDecks(col.adapter, [limited], [config], {sourceToday: 7, targetToday: 3, nowSecs: 4001}));
		expect(again).toMatchObject({added: 0, configsAdded: 0});
		expect(col.adapter.deckConfigs().map(c => c.id).sort()).toEqual([1, 99]);
	});
});
