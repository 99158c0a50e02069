// Which command lines the launcher's early paint (source/paint-entry.ts) takes on: only the plain
// start of the deck list, with the collection it would open; everything else is left to the app.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {plainStart} from '../../source/paint-entry.js';
import {projectRoot, tempDir} from '../helpers/shared.js';

const work = tempDir('anki-tui-paint-entry-');
afterAll(() => work.cleanup());
const collection = path.join(projectRoot, 'fixtures', 'schema11.anki2');
const pkg = path.join(projectRoot, 'fixtures', 'anki2.apkg');

describe('the early paint', () => {
	const env = {XDG_DATA_HOME: path.join(work.dir, 'data')};

	it('paints `anki-tui`, `anki-tui review` and `--collection` starts of an existing collection', () => {
		expect(plainStart(['--collection', collection], env)).toEqual({file: collection, noColor: false});
		expect(plainStart([`--collection=${collection}`, '--no-color'], env)).toEqual({file: collection, noColor: true});
		expect(plainStart(['review', collection], env)).toEqual({file: collection, noColor: false});
		expect(plainStart([], {...env, ANKI_TUI_COLLECTION: collection})).toEqual({file: collection, noColor: false});
	});

	it('leaves the first run (no collection yet), packages, --deck, --profile, --help and unknown flags to the app', () => {
		expect(plainStart([], env)).toBeNull();
		expect(plainStart(['review', pkg], env)).toBeNull();
		expect(plainStart(['review', collection, '--deck', 'Basics'], env)).toBeNull();
		expect(plainStart(['--profile', 'User 1'], env)).toBeNull();
		expect(plainStart(['--help'], env)).toBeNull();
		expect(plainStart(['--collection'], env)).toBeNull();
		expect(plainStart(['--colection', collection], env)).toBeNull();
		const notAnki = path.join(work.dir, 'notes.txt');
		writeFileSync(notAnki, 'hello');
		expect(plainStart(['review', notAnki], env)).toBeNull();
	});
});
