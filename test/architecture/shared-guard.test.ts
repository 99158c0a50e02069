// The guard that keeps test runs from changing ../shared sees every kind of change.
import {mkdirSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {differences, fingerprint} from '../helpers/shared-guard.js';
import {tempDir} from '../helpers/shared.js';

const work = tempDir();
afterAll(() => work.cleanup());

describe('shared folder guard', () => {
	it('reports files added, changed and removed, and nothing when nothing changed', () => {
		const root = work.dir;
		mkdirSync(path.join(root, 'fixtures'));
		writeFileSync(path.join(root, 'fixtures', 'a.anki2'), 'a');
		writeFileSync(path.join(root, 'fixtures', 'b.apkg'), 'b');
		const before = fingerprint(root);
		expect(differences(before, fingerprint(root))).toEqual([]);

		writeFileSync(path.join(root, 'fixtures', 'a.anki2-wal'), 'wal');
		utimesSync(path.join(root, 'fixtures', 'b.apkg'), new Date(0), new Date(0));
		rmSync(path.join(root, 'fixtures', 'a.anki2'));
		expect(differences(before, fingerprint(root)).sort()).toEqual([
			`added: ${path.join('fixtures', 'a.anki2-wal')}`,
			`changed: ${path.join('fixtures', 'b.apkg')}`,
			`removed: ${path.join('fixtures', 'a.anki2')}`,
		]);
	});
});
