// A modern package's collection.anki21b (zstd SQLite, schema 18, WAL header, orphan fields and
// templates rows left by Anki's exporter) opened as a private copy.
import {readFileSync, writeFileSync} from 'node:fs';
import {decompress} from 'fzstd';
import {describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {hasShared, noticeIfNoShared, sharedFile} from '../helpers/shared.js';
import {extractEntry} from './helpers.js';

noticeIfNoShared();

describe.skipIf(!hasShared)('collection.anki21b from real modern packages', () => {
	it.each(['modern-basic.apkg', 'modern-cloze-audio.apkg'])('%s: notetypes only take fields/templates of real notetypes', async fixture => {
		const entry = await extractEntry(sharedFile(fixture), 'collection.anki21b');
		try {
			writeFileSync(entry.file, decompress(readFileSync(entry.file)));
			const collection = openCollection(entry.file, {readOnly: true, privateCopy: true});
			const {db, adapter} = collection;
			const orphans = db.prepare('SELECT count(*) FROM fields WHERE ntid NOT IN (SELECT id FROM notetypes)').pluck().get() as number;
			expect(orphans).toBeGreaterThan(0); // the exporter leaves them; we must ignore them
			const notetypes = adapter.notetypes();
			expect(notetypes.map(nt => nt.id).sort()).toEqual((db.prepare('SELECT id FROM notetypes').pluck().all() as number[]).sort());
			const joined = db.prepare('SELECT count(*) FROM fields f JOIN notetypes n ON n.id = f.ntid').pluck().get();
			expect(notetypes.reduce((sum, nt) => sum + nt.fields.length, 0)).toBe(joined);
			for (const notetype of notetypes) {
				expect(notetype.fields.map(f => f.ord)).toEqual(notetype.fields.map((_, index) => index));
				expect(notetype.templates.length).toBeGreaterThan(0);
			}
			const usedMids = db.prepare('SELECT DISTINCT mid FROM notes').pluck().all() as number[];
			for (const mid of usedMids) expect(notetypes.some(nt => nt.id === mid)).toBe(true);
			const deckNames = adapter.decks().map(d => d.name);
			expect(deckNames.every(name => !name.includes('\u001f'))).toBe(true);
			collection.close();
		} finally {
			entry.cleanup();
		}
	});
});
