// Every collection inside every real package in the shared fixtures opens and reads, with counts
// matching raw SQL / raw JSON (the package layer picks entries the same way; formats.md §1.3).
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {decompress} from 'fzstd';
import {describe, expect, it} from 'vitest';
import {parseObject} from '../../source/core/collection/json-values.js';
import {openCollection} from '../../source/core/collection/open.js';
import {hasShared, noticeIfNoShared, sharedAnki, sharedFile} from '../helpers/shared.js';
import {extractEntry, fromFullReads, fromOutlines} from './helpers.js';

noticeIfNoShared();

const packages = hasShared ? readdirSync(sharedAnki).filter(name => /\.(apkg|colpkg)$/.test(name)) : [];

async function collectionEntry(pkg: string): Promise<{file: string; cleanup: () => void}> {
	for (const name of ['collection.anki21b', 'collection.anki21', 'collection.anki2']) {
		try {
			const entry = await extractEntry(sharedFile(pkg), name);
			if (name.endsWith('b')) writeFileSync(entry.file, decompress(readFileSync(entry.file)));
			return entry;
		} catch (error) {
			if (!String((error as Error).message).includes('not in')) throw error;
		}
	}
	throw new Error(`no collection in ${pkg}`);
}

describe.skipIf(!hasShared)('collections inside real packages', () => {
	it.each(packages)('%s', async pkg => {
		const entry = await collectionEntry(pkg);
		try {
			const collection = openCollection(entry.file, {readOnly: true, privateCopy: true});
			const {db, adapter} = collection;
			const version = collection.info().ver;
			const raw =
				version === 11
					? {
							notetypes: Object.keys(parseObject(db.prepare('SELECT models FROM col').pluck().get() as string)).length,
							decks: Object.keys(parseObject(db.prepare('SELECT decks FROM col').pluck().get() as string)).length,
							configs: Object.keys(parseObject(db.prepare('SELECT dconf FROM col').pluck().get() as string)).length,
						}
					: {
							notetypes: db.prepare('SELECT count(id) FROM notetypes').pluck().get(),
							decks: db.prepare('SELECT count(id) FROM decks').pluck().get(),
							configs: db.prepare('SELECT count(id) FROM deck_config').pluck().get(),
						};
			const notetypes = adapter.notetypes();
			expect({notetypes: notetypes.length, decks: adapter.decks().length, configs: adapter.deckConfigs().length}).toEqual(raw);
			// what a search reads of them is exactly those parts of the full reads
			expect(fromOutlines(adapter)).toEqual(fromFullReads(adapter));
			// every note's notetype is known and has as many fields as the note has values
			const notes = db.prepare('SELECT mid, flds FROM notes').all() as Array<{mid: number; flds: string}>;
			for (const note of notes) {
				const notetype = notetypes.find(nt => nt.id === note.mid);
				expect(notetype, `notetype ${note.mid}`).toBeDefined();
				expect(note.flds.split('\u001f')).toHaveLength(notetype!.fields.length);
			}
			for (const config of adapter.deckConfigs()) {
				expect(config.initialEase).toBeGreaterThanOrEqual(1.31);
				expect(config.initialEase).toBeLessThanOrEqual(5);
				expect(config.learnSteps.every(step => step > 0)).toBe(true);
			}
			collection.close();
		} finally {
			entry.cleanup();
		}
	});
});
