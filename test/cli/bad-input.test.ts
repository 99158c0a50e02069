// Every bad input ends with one clear line on stderr, a non-zero exit code, no stack trace, and
// nothing written anywhere (the run gets a private HOME, XDG dirs and TMPDIR, checked empty after).
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {buildZip, deflatedZeros, storedEntry} from '../helpers/zip.js';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {runCli} from './run-cli.js';

const work = tempDir();
afterAll(() => work.cleanup());
const file = (name: string) => path.join(work.dir, name);

function expectCleanFailure(args: string[], pattern: RegExp): void {
	const result = runCli(args);
	expect(result.status, result.stderr).not.toBe(0);
	expect(result.stdout).toBe('');
	const lines = result.stderr.trimEnd().split('\n');
	expect(lines, result.stderr).toHaveLength(1);
	expect(lines[0]).toMatch(/^anki-tui: /);
	expect(lines[0]).toMatch(pattern);
	expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
	expect(result.leftovers, 'nothing written').toEqual([]);
}

const demo = path.join(projectRoot, 'fixtures', 'latest.apkg');

// Every command against every common kind of bad input is in input-check.test.ts; these are
// the package-specific ones.
describe('bad packages given to decks', () => {
	it('a zip whose data is corrupt', () => {
		const bytes = Buffer.from(readFileSync(demo));
		for (let i = 200; i < bytes.length - 400; i += 97) bytes[i] ^= 0x5a;
		writeFileSync(file('corrupt.apkg'), bytes);
		expectCleanFailure(['decks', file('corrupt.apkg')], /corrupt\.apkg/);
	});

	it('a zip bomb (an entry far bigger than it claims)', () => {
		const zeros = deflatedZeros(64);
		writeFileSync(
			file('bomb.apkg'),
			buildZip([{name: 'collection.anki2', stored: zeros.stored, method: 8, size: 4096, crc: zeros.crc}, storedEntry('media', '{}')]),
		);
		expectCleanFailure(['decks', file('bomb.apkg')], /bomb\.apkg/);
	});

	it('an unknown command', () => expectCleanFailure(['frobnicate'], /Unknown command/));
});

describe('media names that try to escape', () => {
	it('import skips them with a warning and writes nothing outside the media folder', () => {
		const col = readFileSync(path.join(projectRoot, 'fixtures', 'schema11.anki2'));
		writeFileSync(
			file('evil.apkg'),
			buildZip([
				storedEntry('collection.anki2', col),
				storedEntry('0', 'owned'),
				storedEntry('1', 'owned too'),
				storedEntry('media', JSON.stringify({'0': '../../evil.txt', '1': 'sub/dir.txt'})),
			]),
		);
		const result = runCli(['import', file('evil.apkg')]);
		expect(result.stderr).not.toMatch(/\n\s+at /);
		// The collection (data) and V8's code cache (cache) are anki-tui's own folders.
		const written = result.leftovers.filter((entry) => !entry.startsWith('data') && !entry.startsWith('cache'));
		expect(written).toEqual([]);
		expect(result.leftovers.some((entry) => entry.includes('evil') || entry.endsWith('dir.txt'))).toBe(false);
	});
});
