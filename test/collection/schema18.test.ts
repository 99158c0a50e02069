import {afterEach, describe, expect, it, onTestFinished} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Deck} from '../../source/core/model.js';
import {decodeDeckConfigConfig, encodeDeckConfigConfig} from '../../source/core/proto/index.js';
import {copyToTemp, hasShared, noticeIfNoShared, sharedFile} from '../helpers/shared.js';
import {rawDb, closeSharedCopies, openSharedCopy} from './helpers.js';

noticeIfNoShared();

const now = 1_800_000_000;
afterEach(closeSharedCopies);

const open = openSharedCopy;

function integrity(file: string): string {
	const db = rawDb(file);
	try {
		return db.pragma('integrity_check', {simple: true}) as string;
	} finally {
		db.close();
	}
}

describe.skipIf(!hasShared)('schema 18 adapter on real collections', () => {
	it.each(['schema18-two-decks.anki2', 'schema18-empty.anki2'])('%s: notetypes, fields, templates, decks and options match raw SQL', fixture => {
		const {collection} = open(fixture, true);
		const db = collection.db;
		const adapter = collection.adapter;
		const notetypes = adapter.notetypes();
		const rawNotetypes = db.prepare('SELECT id, name FROM notetypes ORDER BY id').all() as Array<{id: number; name: string}>;
		expect(notetypes.map(nt => [nt.id, nt.name])).toEqual(rawNotetypes.map(row => [row.id, row.name]));
		for (const notetype of notetypes) {
			const fieldNames = db.prepare('SELECT name FROM fields WHERE ntid = ? ORDER BY ord').pluck().all(notetype.id);
			const templateNames = db.prepare('SELECT name FROM templates WHERE ntid = ? ORDER BY ord').pluck().all(notetype.id);
			expect(notetype.fields.map(field => field.name)).toEqual(fieldNames);
			expect(notetype.templates.map(template => template.name)).toEqual(templateNames);
			expect(notetype.templates.every(template => template.qfmt.includes('{{'))).toBe(true);
		}
		const cloze = notetypes.find(nt => nt.name === 'Cloze')!;
		expect(cloze.kind).toBe('cloze');
		expect(cloze.templates[0].qfmt).toContain('{{cloze:Text}}');
		expect(notetypes.find(nt => nt.name === 'Basic')!.kind).toBe('standard');

		const rawDecks = db.prepare('SELECT id, name FROM decks ORDER BY id').all() as Array<{id: number; name: string}>;
		expect(adapter.decks().map(deck => [deck.id, deck.name])).toEqual(rawDecks.map(row => [row.id, row.name.replaceAll('\u001f', '::')]));
		const rawConfigs = db.prepare('SELECT id, name FROM deck_config ORDER BY id').all() as Array<{id: number; name: string}>;
		const configs = adapter.deckConfigs();
		expect(configs.map(config => [config.id, config.name])).toEqual(rawConfigs.map(row => [row.id, row.name]));
		expect(configs[0].initialEase).toBe(2.5);
		expect(configs[0].learnSteps).toEqual([1, 10]);
		expect(configs[0].easyMultiplier).toBe(1.3);
		expect(configs[0].desiredRetention).toBe(0.9);

		const curDeck = db.prepare("SELECT val FROM config WHERE KEY = 'curDeck'").pluck().get() as Buffer;
		expect(adapter.getConfig('curDeck')).toBe(JSON.parse(curDeck.toString()));
		expect(adapter.getConfig('no such key')).toBeUndefined();
	});

	it('updateDeck writes counters and limits, keeps other decks byte-identical, and the file stays valid', () => {
		const {collection, file} = open('schema18-two-decks.anki2');
		const db = collection.db;
		const blobsBefore = new Map(
			(db.prepare('SELECT id, common, kind FROM decks').all() as Array<{id: number; common: Buffer; kind: Buffer}>).map(row => [
				row.id,
				Buffer.concat([row.common, row.kind]),
			]),
		);
		const decka = collection.adapter.decks().find(deck => deck.name === 'decka')!;
		// an unchanged deck re-encodes to exactly the same blobs
		collection.transaction(() => collection.adapter.updateDeck(decka, now));
		const same = db.prepare('SELECT common, kind FROM decks WHERE id = ?').get(decka.id) as {common: Buffer; kind: Buffer};
		expect(Buffer.concat([same.common, same.kind])).toEqual(blobsBefore.get(decka.id));

		const changed: Deck = {
			...decka,
			collapsed: false,
			description: 'studied in a terminal',
			today: {day: 900, newStudied: 3, reviewStudied: 14, learningStudied: 0, millisecondsStudied: 61_234},
			normal: {...decka.normal!, newLimit: 7, reviewLimitToday: {limit: 5, today: 900}, desiredRetention: 0.85},
		};
		collection.transaction(() => {
			collection.adapter.updateDeck(changed, now);
			collection.touch(now * 1000);
		});
		const reread = collection.adapter.decks().find(deck => deck.id === decka.id)!;
		expect(reread).toEqual({...changed, mtimeSecs: now, usn: -1});
		const row = db.prepare('SELECT mtime_secs, usn FROM decks WHERE id = ?').get(decka.id);
		expect(row).toEqual({mtime_secs: now, usn: -1});
		for (const [id, blob] of blobsBefore) {
			if (id === decka.id) continue;
			const other = db.prepare('SELECT common, kind FROM decks WHERE id = ?').get(id) as {common: Buffer; kind: Buffer};
			expect(Buffer.concat([other.common, other.kind])).toEqual(blob);
		}
		collection.close();
		expect(integrity(file)).toBe('ok');
	});

	it('updateDeck keeps fields a newer Anki may have added to the blobs', () => {
		const {collection} = open('schema18-two-decks.anki2');
		const deckb = collection.adapter.decks().find(deck => deck.name === 'deckb')!;
		const unknown = Buffer.from([0xc0, 0x0c, 0x07]); // field 200 = 7, unknown to us
		collection.db.prepare('UPDATE decks SET common = CAST(common || ? AS BLOB), kind = CAST(kind || ? AS BLOB) WHERE id = ?').run(unknown, unknown, deckb.id);
		collection.transaction(() => collection.adapter.updateDeck({...deckb, today: {...deckb.today, day: 5, newStudied: 1}}, now));
		const row = collection.db.prepare('SELECT common, kind FROM decks WHERE id = ?').get(deckb.id) as {common: Buffer; kind: Buffer};
		expect(row.common.subarray(-3)).toEqual(unknown);
		expect(row.kind.subarray(-3)).toEqual(unknown);
		expect(collection.adapter.decks().find(deck => deck.id === deckb.id)!.today).toMatchObject({day: 5, newStudied: 1});
	});

	it('filtered decks round-trip through addDeck and updateDeck', () => {
		const {collection, file} = open('schema18-empty.anki2');
		const base = collection.adapter.decks()[0];
		const filtered: Deck = {
			...base,
			id: 0,
			name: 'Filtered Deck 1',
			description: '',
			normal: undefined,
			filtered: {
				reschedule: true,
				searchTerms: [
					{search: 'deck:Default is:due', limit: 100, order: 6},
					{search: 'is:new', limit: 20, order: 5},
				],
				previewDelayMins: 10,
				previewAgainSecs: 60,
				previewHardSecs: 600,
				previewGoodSecs: 0,
			},
		};
		delete filtered.normal;
		const id = collection.transaction(() => collection.adapter.addDeck(filtered, now));
		const stored = collection.adapter.decks().find(deck => deck.id === id)!;
		expect(stored).toEqual({...filtered, id, mtimeSecs: now, usn: -1});
		const changed = {...stored, filtered: {...stored.filtered!, searchTerms: [stored.filtered!.searchTerms[1]]}};
		collection.transaction(() => collection.adapter.updateDeck(changed, now + 1));
		expect(collection.adapter.decks().find(deck => deck.id === id)!.filtered!.searchTerms).toEqual([{search: 'is:new', limit: 20, order: 5}]);
		collection.close();
		expect(integrity(file)).toBe('ok');
	});

	it('addDeck stores U+001F level separators and the unicase unique index applies', () => {
		const {collection, file} = open('schema18-two-decks.anki2');
		const template = collection.adapter.decks().find(deck => deck.id === 1)!;
		const id = collection.transaction(() => collection.adapter.addDeck({...template, id: 0, name: 'Straße::Child'}, now));
		expect(id).toBe(now * 1000);
		expect(collection.db.prepare('SELECT name FROM decks WHERE id = ?').pluck().get(id)).toBe('Straße\u001fChild');
		expect(collection.adapter.decks().find(deck => deck.id === id)!.name).toBe('Straße::Child');
		expect(() => collection.transaction(() => collection.adapter.addDeck({...template, id: 0, name: 'STRASSE::CHILD'}, now))).toThrow(
			/UNIQUE/,
		);
		// a wanted id that is taken becomes max + 1, as Anki allocates
		const next = collection.transaction(() => collection.adapter.addDeck({...template, id, name: 'Second'}, now));
		expect(next).toBe(id + 1);
		collection.close();
		expect(integrity(file)).toBe('ok');
	});

	it('addNotetype and addDeckConfig round-trip through the domain model', () => {
		const {collection, file} = open('schema18-empty.anki2');
		const adapter = collection.adapter;
		const io = adapter.notetypes().find(nt => nt.originalStockKind === 6)!;
		const id = collection.transaction(() => adapter.addNotetype({...io, id: 0, name: 'Occlusion copy'}, now));
		const copy = adapter.notetypes().find(nt => nt.id === id)!;
		expect(copy).toEqual({...io, id, name: 'Occlusion copy', mtimeSecs: now, usn: -1});
		expect(collection.db.prepare('SELECT count(*) FROM fields WHERE ntid = ?').pluck().get(id)).toBe(io.fields.length);
		expect(collection.db.prepare('SELECT usn FROM templates WHERE ntid = ?').pluck().all(id)).toEqual([-1]);

		const base = adapter.deckConfigs()[0];
		const params = Array.from({length: 21}, (_, index) => 0.1 * (index + 1));
		const configId = collection.transaction(() =>
			adapter.addDeckConfig({...base, id: 0, name: 'Terminal', newPerDay: 33, learnSteps: [0.5, 15, 1440], fsrsParams: params}, now),
		);
		const config = adapter.deckConfigs().find(c => c.id === configId)!;
		expect(config).toEqual({...base, id: configId, name: 'Terminal', newPerDay: 33, learnSteps: [0.5, 15, 1440], fsrsParams: params.map(p => Number(Math.fround(p).toPrecision(7))), mtimeSecs: now, usn: -1, extra: {...base.extra, fsrsParams6: config.fsrsParams}});
		collection.close();
		expect(integrity(file)).toBe('ok');
	});

	it('registerTags adds only unknown tags (unicase), takes a parent’s spelling, usn -1', () => {
		const {collection, file} = open('schema18-two-decks.anki2');
		const adapter = collection.adapter;
		const before = adapter.allTags();
		collection.transaction(() => adapter.registerTags(['Foo', 'foo', 'Straße', '', 'foo::Bar']));
		collection.transaction(() => adapter.registerTags(['STRASSE', 'FOO::bar']));
		const added = adapter.allTags().filter(tag => !before.includes(tag));
		expect(added.sort()).toEqual(['Foo', 'Foo::Bar', 'Straße']);
		const rows = collection.db.prepare("SELECT usn, collapsed FROM tags WHERE tag = 'foo'").all();
		// Anki registers a new tag collapsed (Tag::new: expanded = false).
		expect(rows).toEqual([{usn: -1, collapsed: 1}]);
		collection.close();
		expect(integrity(file)).toBe('ok');
	});

	it('setConfig writes JSON bytes with usn -1 and mtime', () => {
		const {collection} = open('schema18-two-decks.anki2');
		collection.transaction(() => collection.adapter.setConfig('curDeck', 1701890040030, now));
		expect(collection.adapter.getConfig('curDeck')).toBe(1701890040030);
		const row = collection.db.prepare("SELECT usn, mtime_secs, typeof(val) AS type, CAST(val AS TEXT) AS text FROM config WHERE KEY = 'curDeck'").get();
		expect(row).toEqual({usn: -1, mtime_secs: now, type: 'blob', text: '1701890040030'});
	});

	it('schema 15 stored the starting ease 2.5 as 250', () => {
		const temp = copyToTemp(sharedFile('schema18-two-decks.anki2'));
		onTestFinished(temp.cleanup);
		const db = rawDb(temp.file);
		const blob = db.prepare('SELECT config FROM deck_config WHERE id = 1').pluck().get() as Buffer;
		const message = decodeDeckConfigConfig(blob);
		message.initialEase = 250;
		db.prepare('UPDATE deck_config SET config = ? WHERE id = 1').run(encodeDeckConfigConfig(message));
		db.prepare('UPDATE col SET ver = 15').run();
		db.close();
		const collection = openCollection(temp.file, {readOnly: true});
		onTestFinished(() => collection.close());
		expect(collection.adapter.deckConfigs()[0].initialEase).toBe(2.5);
	});
});
