// A collection the user cannot write (read-only file in a read-only folder) still opens
// read-only, from a private copy, leaving nothing beside it. Needs a non-root user to be
// meaningful (root may write anywhere), so the probe runs as `nobody` when the tests run as root.
import {spawnSync} from 'node:child_process';
import {chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {canDropToNobody, nobodyUnavailable, runsAsRoot, runuser} from '../helpers/nobody.js';
import {projectRoot, tempDir} from '../helpers/shared.js';

/** The probe's command: as `nobody` under root, else as the user running the tests. */
const probeCommand = runsAsRoot ? [runuser, '-u', 'nobody', '--', process.execPath] : [process.execPath];
const canRun = !runsAsRoot || canDropToNobody;
if (!canRun) console.warn(`NOTICE: tests run as root and ${nobodyUnavailable}; the read-only collection test is skipped.`);

describe.skipIf(!canRun)('a collection the user may not write', () => {
	it('opens read-only from a private copy, refuses writing with a clear message, leaves no side files', () => {
		const temp = tempDir();
		try {
			chmodSync(temp.dir, 0o755);
			const folder = path.join(temp.dir, 'profile');
			mkdirSync(folder);
			const file = path.join(folder, 'collection.anki2');
			copyFileSync(path.join(projectRoot, 'fixtures', 'schema18.anki2'), file);
			chmodSync(file, 0o444);
			chmodSync(folder, 0o555);
			const script = path.join(temp.dir, 'probe.ts');
			writeFileSync(
				script,
				`import {openCollection} from ${JSON.stringify(path.join(projectRoot, 'source/core/collection/open.ts'))};
				let refused = '';
				try { openCollection(${JSON.stringify(file)}); } catch (error) { refused = (error as Error).message; }
				const collection = openCollection(${JSON.stringify(file)}, {readOnly: true});
				const names = collection.adapter.notetypes().map(nt => nt.name);
				collection.close();
				console.log(JSON.stringify({refused, names}));`,
			);
			chmodSync(script, 0o644);
			const result = spawnSync(probeCommand[0]!, [...probeCommand.slice(1), '--import', 'tsx', script], {
				cwd: projectRoot,
				env: {...process.env, HOME: temp.dir},
				encoding: 'utf8',
			});
			expect(result.stderr).toBe('');
			const output = JSON.parse(result.stdout.trim().split('\n').pop()!) as {refused: string; names: string[]};
			expect(output.refused).toBe(`${file} is read-only (file or folder permissions); anki-tui needs to write to it to save reviews.`);
			expect(output.names).toContain('Basic');
			expect(readdirSync(folder)).toEqual(['collection.anki2']);
		} finally {
			// a non-root user cannot remove files from a read-only folder
			chmodSync(path.join(temp.dir, 'profile'), 0o755);
			temp.cleanup();
		}
	});
});
