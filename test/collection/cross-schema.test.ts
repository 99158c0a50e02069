// Objects read from one schema and written to another (what importing a legacy package into a
// modern collection does): everything modelled survives, the rest lands where rslib puts it.
import {afterEach, describe, expect, it} from 'vitest';
import type {Collection} from '../../source/core/collection/types.js';
import {decodeDeckConfigConfig, decodeFieldConfig, decodeNotetypeConfig} from '../../source/core/proto/index.js';
import {hasShared, noticeIfNoShared} from '../helpers/shared.js';
import {closeSharedCopies, openSharedCopy} from './helpers.js';

noticeIfNoShared();

const now = 1_800_000_000;
afterEach(closeSharedCopies);

const open = (fixture: string, readOnly: boolean): Collection => openSharedCopy(fixture, readOnly).collection;

describe.skipIf(!hasShared)('schema 14 JSON objects written into a schema 18 collection', () => {
	it('notetypes, deck options and decks keep their settings; unmodelled keys go to `other`', () => {
		const source = open('schema14-japanese-furigana.anki2', true).adapter;
		const target = open('schema18-empty.anki2', false);
		const japanese = source.notetypes().find(nt => nt.name === 'Japanese')!;
		const rtk = source.deckConfigs().find(c => c.name === 'Recognition RTK')!;
		const deck = source.decks().find(d => d.name === 'First Deck')!;
		const ids = target.transaction(() => ({
			notetype: target.adapter.addNotetype({...japanese, id: 0}, now),
			config: target.adapter.addDeckConfig({...rtk, id: 0}, now),
			deck: target.adapter.addDeck({...deck, id: 0}, now),
		}));

		const notetype = target.adapter.notetypes().find(nt => nt.id === ids.notetype)!;
		expect(notetype).toMatchObject({name: 'Japanese', kind: 'standard', css: japanese.css, latexPre: japanese.latexPre, sortFieldIndex: 0});
		expect(notetype.fields.map(f => [f.name, f.extra?.['font'], f.extra?.['size']])).toEqual([
			['Expression', 'MS Shell Dlg 2', 12],
			['Meaning', 'Arial', 12],
			['Reading', 'Arial', 12],
		]);
		expect(notetype.templates.map(t => [t.name, t.qfmt, t.afmt])).toEqual(japanese.templates.map(t => [t.name, t.qfmt, t.afmt]));
		const rawConfig = decodeNotetypeConfig(target.db.prepare('SELECT config FROM notetypes WHERE id = ?').pluck().get(ids.notetype) as Buffer);
		expect(rawConfig.reqs.map(r => [r.cardOrd, r.kind, [...r.fieldOrds]])).toEqual([
			[0, 1, [2]],
			[1, 1, [1]],
		]);
		expect(JSON.parse(Buffer.from(rawConfig.other).toString())).toEqual({tags: [], vers: []});
		const rawField = decodeFieldConfig(target.db.prepare('SELECT config FROM fields WHERE ntid = ? AND ord = 0').pluck().get(ids.notetype) as Buffer);
		expect(JSON.parse(Buffer.from(rawField.other).toString())).toEqual({media: []});

		const config = target.adapter.deckConfigs().find(c => c.id === ids.config)!;
		const {extra: _sourceExtra, ...modelled} = rtk;
		const {extra: _targetExtra, ...written} = config;
		expect(written).toEqual({...modelled, id: ids.config, mtimeSecs: now, usn: -1});
		const rawDeckConfig = decodeDeckConfigConfig(target.db.prepare('SELECT config FROM deck_config WHERE id = ?').pluck().get(ids.config) as Buffer);
		// unknown keys of the schema-11 `new` group are kept, the modelled ones are proto fields
		expect(JSON.parse(Buffer.from(rawDeckConfig.other).toString()).new).toEqual({
			separate: true,
			retiringInterval: 0,
			retirementActions: {delete: false, move: false, suspend: true, tag: true},
			weeklySchedule: [true, true, true, true, true, true, true],
		});

		const copy = target.adapter.decks().find(d => d.id === ids.deck)!;
		expect(copy).toEqual({...deck, id: ids.deck, mtimeSecs: now, usn: -1});
	});
});
