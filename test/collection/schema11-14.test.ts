import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {copyToTemp, hasShared, noticeIfNoShared, sharedFile} from '../helpers/shared.js';
import {extractEntry, rawDb} from './helpers.js';

noticeIfNoShared();

const now = 1_800_000_000;
const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length > 0) cleanups.pop()!();
});

function openCopy(file: string, readOnly = false): {collection: Collection; file: string} {
	const temp = copyToTemp(file);
	const collection = openCollection(temp.file, {readOnly});
	cleanups.push(temp.cleanup, () => collection.close());
	return {collection, file: temp.file};
}

function colJson(collection: Collection, column: string): Record<string, Record<string, unknown>> {
	return JSON.parse(collection.db.prepare(`SELECT ${column} FROM col`).pluck().get() as string);
}

function integrity(file: string): string {
	const db = rawDb(file);
	try {
		return db.pragma('integrity_check', {simple: true}) as string;
	} finally {
		db.close();
	}
}

describe.skipIf(!hasShared)('schema 14 (real collection: deck_config/config/tags tables, notetypes and decks in col JSON)', () => {
	const fixture = () => sharedFile('schema14-japanese-furigana.anki2');

	it('reads notetypes and decks from col JSON and options, config and tags from tables', () => {
		const {collection} = openCopy(fixture(), true);
		const {adapter, db} = collection;
		const models = colJson(collection, 'models');
		expect(adapter.notetypes().map(nt => nt.name).sort()).toEqual(Object.values(models).map(m => m['name']).sort());
		const japanese = adapter.notetypes().find(nt => nt.name === 'Japanese')!;
		expect(japanese.fields.map(f => f.name)).toEqual(['Expression', 'Meaning', 'Reading']);
		expect(japanese.templates.map(t => t.name)).toEqual(['Recognition', 'Recall']);
		expect(japanese.fields[0].extra).toMatchObject({font: 'MS Shell Dlg 2', size: 12, sticky: false});

		const decks = colJson(collection, 'decks');
		expect(adapter.decks().map(d => d.name).sort()).toEqual(Object.values(decks).map(d => d['name']).sort());
		const first = adapter.decks().find(d => d.name === 'First Deck')!;
		expect(first.today).toEqual({day: 27, newStudied: 13, reviewStudied: 1, learningStudied: 31, millisecondsStudied: 304426});
		const custom = adapter.decks().find(d => d.name === 'Custom Study Session')!;
		expect(custom.normal).toBeUndefined();
		expect(custom.filtered).toEqual({
			reschedule: false,
			searchTerms: [{search: 'deck:"Kana (Katakana)" rated:1:1 ', limit: 99999, order: 1}],
			previewDelayMins: 10,
			previewAgainSecs: 0,
			previewHardSecs: 0,
			previewGoodSecs: 0,
		});

		const configRows = db.prepare('SELECT count(*) FROM deck_config').pluck().get();
		const configs = adapter.deckConfigs();
		expect(configs).toHaveLength(configRows as number);
		const rtk = configs.find(c => c.name === 'Recognition RTK')!;
		expect(rtk).toMatchObject({initialEase: 2.5, graduatingIntervalEasy: 1, leechAction: 0, leechThreshold: 5, lapseMultiplier: 0.5, reviewsPerDay: 9999});
		expect(rtk.newCardInsertOrder).toBe(0); // schema-11 order 1 = due
		expect(adapter.getConfig('nextPos')).toBe(2757);
		expect(adapter.allTags()).toHaveLength(db.prepare('SELECT count(*) FROM tags').pluck().get() as number);
	});

	it('updateDeck rewrites the JSON with one day in all four counters and keeps unknown keys', () => {
		const {collection, file} = openCopy(fixture());
		const first = collection.adapter.decks().find(d => d.name === 'First Deck')!;
		collection.transaction(() =>
			collection.adapter.updateDeck({...first, today: {day: 30, newStudied: 2, reviewStudied: 5, learningStudied: 0, millisecondsStudied: 9000}}, now),
		);
		const json = colJson(collection, 'decks')[String(first.id)];
		expect(json).toMatchObject({newToday: [30, 2], revToday: [30, 5], lrnToday: [30, 0], timeToday: [30, 9000], mod: now, usn: -1, mid: 1588453094680, conf: 1});
		expect(collection.adapter.decks().find(d => d.id === first.id)!.today.newStudied).toBe(2);
		collection.transaction(() => collection.adapter.registerTags(['terminal', '1']));
		expect(collection.db.prepare("SELECT tag, usn FROM tags WHERE tag IN ('terminal', '1') ORDER BY tag").all()).toEqual([
			{tag: '1', usn: -1},
			{tag: 'terminal', usn: -1},
		]);
		const configId = collection.transaction(() => collection.adapter.addDeckConfig({...collection.adapter.deckConfigs()[0], id: 0, name: 'Copy', newPerDay: 5}, now));
		const blob = collection.db.prepare('SELECT config FROM deck_config WHERE id = ?').pluck().get(configId) as Buffer;
		expect(JSON.parse(blob.toString())).toMatchObject({id: configId, name: 'Copy', usn: -1, new: {perDay: 5, initialFactor: 2500}});
		expect(collection.adapter.deckConfigs().find(c => c.id === configId)!.newPerDay).toBe(5);
		collection.close();
		expect(integrity(file)).toBe('ok');
	});
});

describe.skipIf(!hasShared)('schema 11 (collection.anki21 from a real legacy-mode .colpkg)', () => {
	let source: {file: string; cleanup: () => void};
	beforeAll(async () => {
		source = await extractEntry(sharedFile('legacy-mode-anki21.colpkg'), 'collection.anki21');
		return () => source.cleanup();
	});

	it('reads everything from col JSON', () => {
		const {collection} = openCopy(source.file, true);
		const {adapter} = collection;
		expect(adapter.schemaVersion).toBe(11);
		expect(adapter.notetypes()).toHaveLength(Object.keys(colJson(collection, 'models')).length);
		expect(adapter.decks().map(d => d.name).sort()).toEqual(['Default', 'Vocabulary - golden']);
		const [config] = adapter.deckConfigs();
		expect(config).toMatchObject({id: 1, name: 'Default', initialEase: 2.5, learnSteps: [1, 10], newPerDay: 20, easyMultiplier: 1.3, desiredRetention: 0.9});
		expect(adapter.getConfig('rollover')).toBe(colJson(collection, 'conf')['rollover']);
	});

	it('writes decks, options, notetypes, config and tags as JSON; switches to WAL as Anki does on open', () => {
		const {collection, file} = openCopy(source.file);
		const {adapter} = collection;
		const deck = adapter.decks().find(d => d.name === 'Vocabulary - golden')!;
		collection.transaction(() => {
			adapter.updateDeck({...deck, collapsed: true, today: {...deck.today, day: 1500, reviewStudied: 42}}, now);
			adapter.setConfig('curDeck', deck.id, now);
			adapter.registerTags(['golden', 'Golden', 'golden::extra']);
			collection.touch(now * 1000);
		});
		const reread = adapter.decks().find(d => d.id === deck.id)!;
		expect(reread).toMatchObject({collapsed: true, mtimeSecs: now, usn: -1, today: {day: 1500, reviewStudied: 42, newStudied: deck.today.newStudied}});
		expect(colJson(collection, 'decks')[String(deck.id)]['revToday']).toEqual([1500, 42]);
		expect(adapter.getConfig('curDeck')).toBe(deck.id);
		expect(adapter.allTags().sort()).toEqual(['golden', 'golden::extra']);

		const basic = adapter.notetypes()[0];
		const id = collection.transaction(() => adapter.addNotetype({...basic, id: 0, name: `${basic.name} copy`}, now));
		const copy = adapter.notetypes().find(nt => nt.id === id)!;
		// Anki writes every field key on save, so the copy may hold more (default) keys than the original
		expect(copy).toMatchObject({...basic, id, name: `${basic.name} copy`, mtimeSecs: now, usn: -1});
		collection.close();
		const db = rawDb(file);
		// Anki puts every collection it opens for writing in WAL mode (rslib storage/sqlite.rs).
		expect(db.pragma('journal_mode', {simple: true})).toBe('wal');
		expect(db.pragma('integrity_check', {simple: true})).toBe('ok');
		db.close();
	});
});
