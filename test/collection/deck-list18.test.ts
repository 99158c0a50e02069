// What the deck list reads of the decks and presets (deckListDecks, deckListPresets) must be exactly
// those parts of what the adapters' full reads give (schema 18: protobuf-es decoding every blob), on
// real files and on blobs written to exercise each case: collapsed decks with today's counters,
// limits and today-only limits, filtered decks, an empty kind blob, preset 0, a normal deck written
// twice (protobuf merges those), a filtered deck after a normal one (the last oneof member wins), and
// presets whose limits are out of Anki's range (read as the defaults, as on load).
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {SchemaAdapter} from '../../source/core/collection/types.js';
import type {DeckForList, PresetLimits} from '../../source/core/model.js';
import {decodeDeckConfigConfig, encodeDeckConfigConfig, encodeDeckKind, newDayLimit, newDeckKind, newFilteredDeck, newNormalDeck} from '../../source/core/proto/index.js';
import {hasShared, noticeIfNoShared, projectRoot, sharedFile} from '../helpers/shared.js';
import {closeSharedCopies, openCopyOf} from './helpers.js';

noticeIfNoShared();

afterEach(closeSharedCopies);
const openCopy = openCopyOf;

const listPart = (deck: DeckForList) => ({
	id: deck.id,
	name: deck.name,
	collapsed: deck.collapsed,
	today: deck.today,
	filtered: deck.filtered !== undefined,
	normal: deck.normal && {
		configId: deck.normal.configId,
		reviewLimit: deck.normal.reviewLimit,
		newLimit: deck.normal.newLimit,
		reviewLimitToday: deck.normal.reviewLimitToday,
		newLimitToday: deck.normal.newLimitToday,
	},
});
const presetPart = (preset: PresetLimits) => ({id: preset.id, newPerDay: preset.newPerDay, reviewsPerDay: preset.reviewsPerDay});

function expectParts(adapter: SchemaAdapter): void {
	expect(adapter.deckListDecks().map(listPart)).toEqual(adapter.decks().map(listPart));
	expect(adapter.deckListPresets().map(presetPart)).toEqual(adapter.deckConfigs().map(presetPart));
}

describe('the deck list\'s reads of decks and presets', () => {
	it.each(['schema11.anki2', 'schema18.anki2'])('project fixture %s: the parts of the full reads', name => {
		const {adapter} = openCopy(path.join(projectRoot, 'fixtures', name));
		expect(adapter.deckListDecks().length).toBeGreaterThan(1);
		expectParts(adapter);
	});

	it.skipIf(!hasShared).each(['schema18-empty.anki2', 'schema18-two-decks.anki2', 'schema14-japanese-furigana.anki2'])('real Anki file %s: the parts of the full reads', name => {
		const {adapter} = openCopy(sharedFile(name));
		expectParts(adapter);
	});

	it('schema 18 blobs: counters, limits, filtered, empty, preset 0, merged and switched kinds, out-of-range presets', () => {
		const collection = openCopy(path.join(projectRoot, 'fixtures', 'schema18.anki2'));
		const {db, adapter} = collection;
		const now = 1_800_000_000;
		const base = adapter.decks().find(deck => deck.normal)!;
		collection.transaction(() => {
			adapter.updateDeck(
				{
					...base,
					collapsed: true,
					today: {day: 1234, newStudied: 3, reviewStudied: 17, learningStudied: 2, millisecondsStudied: 98_765},
					normal: {...base.normal!, reviewLimit: 0, newLimit: 12, reviewLimitToday: {limit: 40, today: 1234}, newLimitToday: {limit: 0, today: 1233}},
				},
				now,
			);
			const filtered = {...base, id: 0, name: 'Filtered', filtered: {reschedule: true, searchTerms: [{search: 'is:due', limit: 10, order: 6}], previewDelayMins: 0, previewAgainSecs: 60, previewHardSecs: 600, previewGoodSecs: 0}};
			delete (filtered as {normal?: unknown}).normal;
			adapter.addDeck(filtered, now);
			for (const name of ['Empty kind', 'Preset zero', 'Normal twice', 'Filtered after normal']) adapter.addDeck({...base, id: 0, name: `Parent::${name}`}, now);
		});
		const id = (name: string) => db.prepare('SELECT id FROM decks WHERE name = ?').pluck().get(`Parent\u001f${name}`) as number;
		const kind = (value: ReturnType<typeof newNormalDeck>) => encodeDeckKind(newDeckKind({kind: {case: 'normal', value}}));
		db.prepare('UPDATE decks SET kind = ? WHERE id = ?').run(Buffer.alloc(0), id('Empty kind'));
		const zero = newNormalDeck();
		zero.configId = 0n;
		db.prepare('UPDATE decks SET kind = ? WHERE id = ?').run(kind(zero), id('Preset zero'));
		const first = newNormalDeck();
		first.configId = 7n;
		first.reviewLimitToday = newDayLimit();
		first.reviewLimitToday.limit = 9;
		const second = newNormalDeck();
		second.reviewLimit = 5;
		second.reviewLimitToday = newDayLimit();
		second.reviewLimitToday.today = 1234;
		db.prepare('UPDATE decks SET kind = ? WHERE id = ?').run(Buffer.concat([kind(first), kind(second)]), id('Normal twice'));
		const switched = Buffer.concat([kind(first), encodeDeckKind(newDeckKind({kind: {case: 'filtered', value: newFilteredDeck()}}))]);
		db.prepare('UPDATE decks SET kind = ? WHERE id = ?').run(switched, id('Filtered after normal'));
		// A preset with limits beyond Anki's 0-9999.
		const preset = db.prepare('SELECT id, config FROM deck_config ORDER BY id LIMIT 1').get() as {id: number; config: Buffer};
		const config = decodeDeckConfigConfig(preset.config);
		config.newPerDay = 20_000;
		config.reviewsPerDay = 12_345;
		db.prepare('UPDATE deck_config SET config = ? WHERE id = ?').run(encodeDeckConfigConfig(config), preset.id);

		expectParts(adapter);
		const read = new Map(adapter.deckListDecks().map(deck => [deck.name, deck]));
		expect(read.get(base.name)).toMatchObject({collapsed: true, today: {day: 1234, reviewStudied: 17}, normal: {reviewLimit: 0, newLimit: 12, reviewLimitToday: {limit: 40, today: 1234}}});
		expect(read.get('Filtered')!.filtered).toBeDefined();
		expect(read.get('Parent::Empty kind')!.normal!.configId).toBe(1);
		expect(read.get('Parent::Preset zero')!.normal!.configId).toBe(1);
		expect(read.get('Parent::Normal twice')!.normal).toMatchObject({configId: 7, reviewLimit: 5, reviewLimitToday: {limit: 9, today: 1234}});
		expect(read.get('Parent::Filtered after normal')!.filtered).toBeDefined();
		expect(adapter.deckListPresets().find(p => p.id === preset.id)).toEqual({id: preset.id, newPerDay: 20, reviewsPerDay: 200});
	});
});
