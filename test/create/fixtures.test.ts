// The committed fixtures are exactly what `npm run fixtures` makes from fixtures/source/demo.json.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {unicaseAvailable} from '../../source/core/collection/unicase.js';
import {projectRoot, tempDir} from '../helpers/shared.js';

const outputs = ['schema11.anki2', 'schema18.anki2', 'anki2.apkg', 'anki21.apkg', 'legacy2.apkg', 'latest.apkg', 'latest.colpkg', 'demo/demo.apkg'];
const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length) cleanups.pop()!();
});

describe.skipIf(!unicaseAvailable())('fixtures', () => {
	it('are up to date and byte-stable', {timeout: 120_000}, () => {
		const t = tempDir();
		cleanups.push(t.cleanup);
		execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'make-fixtures.ts')], {
			cwd: projectRoot,
			env: {...process.env, FIXTURES_OUT: t.dir},
			stdio: 'pipe',
		});
		for (const name of outputs) {
			expect(readFileSync(path.join(t.dir, name)).equals(readFileSync(path.join(projectRoot, 'fixtures', name))), name).toBe(true);
		}
	});
});
