// Every real Anki package imports into a fresh local collection; a second import adds nothing;
// each deck ends up with the package's card count; the result passes Anki's checks.
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {hasShared, noticeIfNoShared, sharedAnki, sharedFile} from '../helpers/shared.js';
import {consistencyProblems, integrityCheck} from '../create/integrity.js';
import {cardsPerDeck, freshLocal, importInto, packageCardsPerDeck, snapshot, type Local} from './helpers.js';

// Packages, and the raw collections too (Anki 2.1 imported .anki2 files as well); the empty one has nothing to add.
const packages = hasShared ? readdirSync(sharedAnki).filter(f => /\.(apkg|colpkg|anki2)$/.test(f) && !f.includes('empty')).sort() : [];
const locals: Local[] = [];
afterEach(() => {
	while (locals.length) locals.pop()!.cleanup();
});

describe.skipIf(!hasShared)('importing the shared real packages', () => {
	noticeIfNoShared();
	it('has packages to import', () => {
		expect(packages.length).toBeGreaterThanOrEqual(10);
	});
	it('leaves a raw collection it imports from untouched', async () => {
		const {statSync} = await import('node:fs');
		const file = sharedFile('schema18-two-decks.anki2');
		const before = statSync(file).mtimeMs;
		const local = freshLocal();
		locals.push(local);
		expect((await importInto(local, file)).notesAdded).toBe(16);
		expect(statSync(file).mtimeMs).toBe(before);
	});
	for (const name of packages) {
		it(`imports ${name}, and a second import adds nothing`, {timeout: 120_000}, async () => {
			const file = path.join(sharedAnki, name);
			const local = freshLocal();
			locals.push(local);
			const first = await importInto(local, file);
			expect(first.notesAdded).toBeGreaterThan(0);
			expect(first.cardsAdded).toBeGreaterThan(0);
			expect(first.backupPath).toBeTruthy();

			const expected = await packageCardsPerDeck(file);
			const col = openCollection(local.path, {readOnly: true});
			const got = cardsPerDeck(col);
			col.close();
			expect(got).toEqual(expected);

			const before = snapshot(local);
			const second = await importInto(local, file);
			expect(second).toMatchObject({notesAdded: 0, notesUpdated: 0, cardsAdded: 0, revlogAdded: 0, decksAdded: 0, notetypesAdded: 0, mediaAdded: 0});
			expect(second.notesUnchanged).toBe(first.notesAdded);
			expect(snapshot(local)).toEqual(before);
			// nothing new: no write transaction, so no backup and no mod bump
			expect(second.backupPath).toBeUndefined();

			expect(integrityCheck(local.path)).toBe('ok');
			expect(consistencyProblems(local.path)).toEqual([]);
		});
	}
});
