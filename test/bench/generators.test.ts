// Sanity of the benchmark generators (never timings): the packages they write are what the
// benchmarks claim they measure, readable by anki-tui, deterministic, and their media incompressible.
import Database from 'better-sqlite3';
import {deflateRawSync} from 'node:zlib';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {openPackage} from '../../source/core/package/open-package.js';
import {mediaName, pseudoRandomBytes, writeBenchPackage} from '../../bench/generate-package.js';
import {cacheKey} from '../../bench/lib/fixtures.js';
import {tempDir} from '../helpers/shared.js';

const t = tempDir('anki-tui-bench-test-');
afterAll(() => t.cleanup());
const now = Date.UTC(2026, 0, 5, 12);

describe('pseudoRandomBytes', () => {
	it('is deterministic per seed, differs across seeds, and does not compress', () => {
		const a = pseudoRandomBytes(33_000, 5);
		expect(a.length).toBe(33_000);
		expect(pseudoRandomBytes(33_000, 5).equals(a)).toBe(true);
		expect(pseudoRandomBytes(33_000, 6).equals(a)).toBe(false);
		// Like a photo: deflate cannot make it smaller.
		expect(deflateRawSync(a).length).toBeGreaterThan(a.length * 0.99);
	});
});

describe('writeBenchPackage', () => {
	for (const generation of ['latest', 'anki2'] as const) {
		it(`writes a ${generation} package whose notes show every media file, readable by openPackage`, async () => {
			const file = path.join(t.dir, `${generation}.apkg`);
			const spec = {generation, notes: 40, mediaFiles: 12, mediaBytes: 2000, seed: 3};
			const made = await writeBenchPackage(file, spec, now);
			expect(made).toMatchObject({notes: 40, cards: 80, media: 12});
			const pkg = await openPackage(file);
			try {
				expect(pkg.version).toBe(generation === 'latest' ? 3 : 1);
				expect(pkg.media.names).toEqual(Array.from({length: 12}, (_, i) => mediaName(i)));
				expect((await pkg.media.read(mediaName(4))).equals(pseudoRandomBytes(2000, 3 * 100_003 + 4))).toBe(true);
				const db = new Database(pkg.collectionPath, {readonly: true});
				try {
					expect(db.prepare('select ver from col').pluck().get()).toBe(generation === 'latest' ? 18 : 11);
					expect(db.prepare('select count() from cards').pluck().get()).toBe(80);
					const linked = db.prepare("select count() from notes where flds like '%<img src=\"bench-%'").pluck().get();
					expect(linked).toBe(12);
				} finally {
					db.close();
				}
			} finally {
				pkg.cleanup();
			}
		});
	}

	it('writes the same bytes twice for the same spec and time', async () => {
		const spec = {generation: 'latest' as const, notes: 10, mediaFiles: 3, mediaBytes: 500, seed: 9};
		const a = path.join(t.dir, 'a.apkg');
		const b = path.join(t.dir, 'b.apkg');
		await writeBenchPackage(a, spec, now);
		await writeBenchPackage(b, spec, now);
		const {readFileSync} = await import('node:fs');
		expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
	});
});

describe('cacheKey', () => {
	it('changes with the day, so cards stay due relative to the run', () => {
		expect(cacheKey(new Date('2026-01-05T10:00:00Z'))).not.toBe(cacheKey(new Date('2026-01-06T10:00:00Z')));
		expect(cacheKey(new Date('2026-01-05T10:00:00Z'))).toBe(cacheKey(new Date('2026-01-05T23:00:00Z')));
	});
});
