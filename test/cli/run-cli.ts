// Runs the built CLI as a user would (node bin/anki-tui.js), rebuilt first when the source is newer.
import {spawnSync, execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {ensureFreshBuild} from '../helpers/built-cli.js';
import {projectRoot} from '../helpers/shared.js';

const bin = path.join(projectRoot, 'bin', 'anki-tui.js');

export const ensureBuilt = ensureFreshBuild;

export interface CliResult {
	status: number;
	stdout: string;
	stderr: string;
	/** Files left in the private TMPDIR / HOME the run was given. */
	leftovers: string[];
}

/** Runs the CLI with a fresh HOME, XDG dirs and TMPDIR so tests never touch the user's files. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): CliResult {
	ensureBuilt();
	const sandbox = mkdtempSync(path.join(tmpdir(), 'anki-tui-cli-'));
	const tmp = path.join(sandbox, 'tmp');
	execFileSync('mkdir', ['-p', tmp]);
	const result = spawnSync(process.execPath, [bin, ...args], {
		encoding: 'utf8',
		input,
		env: {
			PATH: process.env['PATH'] ?? '',
			HOME: sandbox,
			TMPDIR: tmp,
			XDG_DATA_HOME: path.join(sandbox, 'data'),
			XDG_CONFIG_HOME: path.join(sandbox, 'config'),
			XDG_CACHE_HOME: path.join(sandbox, 'cache'),
			...env,
		},
		timeout: 60_000,
	});
	const leftovers = readdirSync(sandbox, {recursive: true}).map(String).filter((entry) => entry !== 'tmp');
	return {status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, leftovers};
}
