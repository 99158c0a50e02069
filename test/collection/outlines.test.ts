// What a search reads of the note types, decks and presets (notetypeOutlines, deckOutlines,
// deckConfigNames) must be exactly those parts of what the adapters' full reads give (schema 18:
// protobuf-es decoding every blob), on real files and on blobs written to exercise each case:
// cloze, a sort field other than the first, fields excluded from search, filtered decks, a deck
// kind blob that is empty, names preset 0, or holds its normal deck twice (protobuf merges those).
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {encodeDeckKind, encodeFieldConfig, encodeNotetypeConfig, decodeFieldConfig, decodeNotetypeConfig, newDeckKind, newNormalDeck} from '../../source/core/proto/index.js';
import {hasShared, noticeIfNoShared, projectRoot, sharedFile} from '../helpers/shared.js';
import {closeSharedCopies, fromFullReads, fromOutlines, openCopyOf} from './helpers.js';

noticeIfNoShared();

afterEach(closeSharedCopies);
const openCopy = openCopyOf;

describe('search outlines of note types, decks and presets', () => {
	it.each(['schema11.anki2', 'schema18.anki2'])('project fixture %s: the parts of the full reads', name => {
		const {adapter} = openCopy(path.join(projectRoot, 'fixtures', name));
		expect(fromOutlines(adapter)).toEqual(fromFullReads(adapter));
	});

	it.skipIf(!hasShared).each(['schema18-empty.anki2', 'schema18-two-decks.anki2', 'schema14-japanese-furigana.anki2'])('real Anki file %s: the parts of the full reads', name => {
		const {adapter} = openCopy(sharedFile(name));
		expect(adapter.notetypeOutlines().length).toBeGreaterThan(0);
		expect(fromOutlines(adapter)).toEqual(fromFullReads(adapter));
	});

	it.skipIf(!hasShared)('schema 18 blobs: cloze, sort field 1, excluded fields, filtered, empty and merged deck kinds', () => {
		const collection = openCopy(sharedFile('schema18-empty.anki2'));
		const {db, adapter} = collection;
		const now = 1_800_000_000;
		// A note type made cloze with its second field sorted, and its first field excluded from search.
		const notetype = db.prepare('SELECT id, config FROM notetypes ORDER BY id LIMIT 1').get() as {id: number; config: Buffer};
		const config = decodeNotetypeConfig(notetype.config);
		config.kind = 1;
		config.sortFieldIdx = 1;
		db.prepare('UPDATE notetypes SET config = ? WHERE id = ?').run(encodeNotetypeConfig(config), notetype.id);
		const field = db.prepare('SELECT ord, config FROM fields WHERE ntid = ? ORDER BY ord LIMIT 1').get(notetype.id) as {ord: number; config: Buffer};
		const fieldConfig = decodeFieldConfig(field.config);
		fieldConfig.excludeFromSearch = true;
		db.prepare('UPDATE fields SET config = ? WHERE ntid = ? AND ord = ?').run(encodeFieldConfig(fieldConfig), notetype.id, field.ord);
		// A filtered deck, a deck with an empty kind blob, one naming preset 0, one with its normal deck twice.
		const base = adapter.decks()[0]!;
		collection.transaction(() => {
			const filtered = {...base, id: 0, name: 'Filtered', filtered: {reschedule: true, searchTerms: [{search: 'is:due', limit: 10, order: 6}], previewDelayMins: 0, previewAgainSecs: 60, previewHardSecs: 600, previewGoodSecs: 0}};
			delete (filtered as {normal?: unknown}).normal;
			adapter.addDeck(filtered, now);
			for (const name of ['Empty kind', 'Preset zero', 'Normal twice']) adapter.addDeck({...base, id: 0, name: `Parent::${name}`}, now);
		});
		const id = (name: string) => db.prepare('SELECT id FROM decks WHERE name = ?').pluck().get(`Parent\u001f${name}`) as number;
		db.prepare('UPDATE decks SET kind = ? WHERE id = ?').run(Buffer.alloc(0), id('Empty kind'));
		const zero = newNormalDeck();
		zero.configId = 0n;
		db.prepare('UPDATE decks SET kind = ? WHERE id = ?').run(encodeDeckKind(newDeckKind({kind: {case: 'normal', value: zero}})), id('Preset zero'));
		const first = newNormalDeck();
		first.configId = 7n;
		first.extendNew = 3;
		const second = newNormalDeck();
		second.reviewLimit = 5;
		const twice = Buffer.concat([encodeDeckKind(newDeckKind({kind: {case: 'normal', value: first}})), encodeDeckKind(newDeckKind({kind: {case: 'normal', value: second}}))]);
		db.prepare('UPDATE decks SET kind = ? WHERE id = ?').run(twice, id('Normal twice'));

		const outlines = fromOutlines(adapter);
		expect(outlines).toEqual(fromFullReads(adapter));
		expect(outlines.notetypes.find(nt => nt.id === notetype.id)).toMatchObject({kind: 'cloze', sortFieldIndex: 1});
		expect(outlines.notetypes.find(nt => nt.id === notetype.id)!.fields[0]!.excludeFromSearch).toBe(true);
		expect(outlines.decks.find(deck => deck.name === 'Filtered')!.configId).toBeNull();
		expect(outlines.decks.find(deck => deck.name === 'Parent::Empty kind')!.configId).toBe(1);
		expect(outlines.decks.find(deck => deck.name === 'Parent::Preset zero')!.configId).toBe(1);
		expect(outlines.decks.find(deck => deck.name === 'Parent::Normal twice')!.configId).toBe(7);
	});
});
