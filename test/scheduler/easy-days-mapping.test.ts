// `easyDaysPercentages` is mapped onto DeckConfig in both schemas and written back in place.
import Database from 'better-sqlite3';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCollection} from '../../source/core/collection/create.js';
import {deckConfigFromJson, deckConfigToJson} from '../../source/core/collection/convert11.js';
import {deckConfigFromBlob, deckConfigToBlobMessage} from '../../source/core/collection/convert18.js';
import {openCollection} from '../../source/core/collection/open.js';
import {decodeDeckConfigConfig, encodeDeckConfigConfig} from '../../source/core/proto/index.js';
import {parseEasyDays} from '../../source/core/scheduler/easy-days.js';
import {hasShared, noticeIfNoShared, sharedFile, tempDir} from '../helpers/shared.js';

const NOW = Date.UTC(2026, 0, 10, 12);

describe('easy days in schema 11 (col.dconf JSON)', () => {
	it('reads the list and writes a changed one back at the same key, leaving the rest as it was', () => {
		const t = tempDir();
		try {
			const file = path.join(t.dir, 'c.anki2');
			createCollection(file, {schema: 11, now: NOW, minutesWest: 0});
			const db = new Database(file);
			const stored = JSON.parse((db.prepare('SELECT dconf FROM col').get() as {dconf: string}).dconf)['1'];
			db.close();
			const config = deckConfigFromJson(stored);
			expect(config.easyDaysPercentages).toEqual([1, 1, 1, 1, 1, 1, 1]);
			// Mapping the field changes nothing the writer produced before it existed.
			const {easyDaysPercentages: _, ...unmapped} = config;
			expect(JSON.stringify(deckConfigToJson(config, stored))).toBe(JSON.stringify(deckConfigToJson(unmapped, stored)));
			const before = deckConfigToJson(config, stored);
			const changed = deckConfigToJson({...config, easyDaysPercentages: [1, 1, 1, 1, 1, 0.5, 0]}, stored);
			expect(changed['easyDaysPercentages']).toEqual([1, 1, 1, 1, 1, 0.5, 0]);
			expect(Object.keys(changed)).toEqual(Object.keys(before));
			const {easyDaysPercentages: _absent, ...withoutKey} = stored;
			expect(deckConfigFromJson(withoutKey).easyDaysPercentages).toEqual([]);
			expect('easyDaysPercentages' in deckConfigToJson(deckConfigFromJson(withoutKey), withoutKey)).toBe(false);
		} finally {
			t.cleanup();
		}
	});
});

describe('easy days in schema 18 (deck_config.config protobuf)', () => {
	it('maps field 40 both ways', () => {
		const t = tempDir();
		try {
			const file = path.join(t.dir, 'c.anki2');
			createCollection(file, {schema: 18, now: NOW, minutesWest: 0});
			const col = openCollection(file);
			const [config] = col.adapter.deckConfigs();
			col.close();
			expect(config!.easyDaysPercentages).toEqual([1, 1, 1, 1, 1, 1, 1]);
			const blob = encodeDeckConfigConfig(deckConfigToBlobMessage({...config!, easyDaysPercentages: [0, 1, 1, 1, 1, 1, 0.5]}, 18));
			expect(decodeDeckConfigConfig(blob).easyDaysPercentages).toEqual([0, 1, 1, 1, 1, 1, 0.5]);
			const back = deckConfigFromBlob({id: 1, name: 'x', mtime_secs: 0, usn: 0, config: blob}, 18);
			expect(back.easyDaysPercentages).toEqual([0, 1, 1, 1, 1, 1, 0.5]);
		} finally {
			t.cleanup();
		}
	});

	describe.skipIf(!hasShared)('a real Anki file', () => {
		noticeIfNoShared();
		it('schema18-two-decks keeps its empty list (all normal days) and encodes as it did before the mapping', () => {
			const db = new Database(sharedFile('schema18-two-decks.anki2'), {readonly: true});
			const row = db.prepare('SELECT id, name, mtime_secs, usn, config FROM deck_config').get() as any;
			db.close();
			const config = deckConfigFromBlob(row, 18);
			expect(config.easyDaysPercentages).toEqual([]);
			expect(parseEasyDays(config.easyDaysPercentages)).toEqual(Array(7).fill('normal'));
			const {easyDaysPercentages: _, ...unmapped} = config;
			const mapped = Buffer.from(encodeDeckConfigConfig(deckConfigToBlobMessage(config, 18)));
			expect(mapped.equals(Buffer.from(encodeDeckConfigConfig(deckConfigToBlobMessage(unmapped, 18))))).toBe(true);
			expect(decodeDeckConfigConfig(mapped).easyDaysPercentages).toEqual([]);
		});
	});
});
