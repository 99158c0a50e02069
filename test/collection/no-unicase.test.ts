// Without the native unicase helper (no prebuilt library for the platform and no compiler at install):
// a user's schema-18 collection is refused with a message saying how to fix it, while private temp
// copies fall back to NOCASE.
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {copyToTemp, hasShared, noticeIfNoShared, projectRoot, sharedFile} from '../helpers/shared.js';
import {extractEntry, sha1} from './helpers.js';

noticeIfNoShared();

type OpenModule = typeof import('../../source/core/collection/open.js');
let openCollection: OpenModule['openCollection'];
// loaded after resetModules, so instanceof compares against the same class the code throws
let AnkiFileError: typeof import('../../source/core/errors.js').AnkiFileError;

beforeAll(async () => {
	vi.stubEnv('ANKI_TUI_UNICASE', path.join(projectRoot, 'native', 'build', 'no-such-library.so'));
	vi.resetModules();
	({openCollection} = await import('../../source/core/collection/open.js'));
	({AnkiFileError} = await import('../../source/core/errors.js'));
	const unicase = await import('../../source/core/collection/unicase.js');
	expect(unicase.unicaseAvailable()).toBe(false);
});
afterAll(() => {
	vi.unstubAllEnvs();
});

describe.skipIf(!hasShared)('when the unicase extension is not built', () => {
	it('refuses a schema-18 collection with one line saying how to fix it, leaving it unchanged', () => {
		const temp = copyToTemp(sharedFile('schema18-two-decks.anki2'));
		try {
			const before = sha1(temp.file);
			let caught: unknown;
			try {
				openCollection(temp.file).close();
			} catch (error) {
				caught = error;
			}
			expect(caught).toBeInstanceOf(AnkiFileError);
			const message = (caught as Error).message;
			expect(message).toContain(temp.file);
			expect(message).toMatch(/unicase.*install a C compiler.*npm rebuild anki-tui/);
			expect(message).not.toContain('\n');
			expect(sha1(temp.file)).toBe(before);
		} finally {
			temp.cleanup();
		}
	});

	it('reads a private temp copy after rewriting its collation to NOCASE', () => {
		const temp = copyToTemp(sharedFile('schema18-two-decks.anki2'));
		try {
			const collection = openCollection(temp.file, {readOnly: true, privateCopy: true});
			expect(collection.adapter.notetypes().find(nt => nt.name === 'Basic')!.fields.map(f => f.name)).toEqual(['Front', 'Back']);
			expect(collection.db.pragma('integrity_check', {simple: true})).toBe('ok');
			collection.close();
		} finally {
			temp.cleanup();
		}
	});

	it('still opens schema 11 collections (they have no unicase columns)', async () => {
		const entry = await extractEntry(sharedFile('legacy-mode-anki21.colpkg'), 'collection.anki21');
		try {
			const collection = openCollection(entry.file);
			expect(collection.adapter.decks().length).toBe(2);
			collection.close();
		} finally {
			entry.cleanup();
		}
	});
});
