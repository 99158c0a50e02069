// Runs the built CLI as a user would (node bin/anki-tui.js), rebuilt first when the source is newer.
import {spawn, spawnSync} from 'node:child_process';
import {once} from 'node:events';
import {chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync} from 'node:fs';
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

/** A fresh HOME, XDG dirs and TMPDIR for one run, so tests never touch the user's files. */
function sandboxed(env: Record<string, string>) {
	ensureBuilt();
	const sandbox = mkdtempSync(path.join(tmpdir(), 'anki-tui-cli-'));
	const tmp = path.join(sandbox, 'tmp');
	mkdirSync(tmp);
	return {
		env: {
			PATH: process.env['PATH'] ?? '',
			HOME: sandbox,
			TMPDIR: tmp,
			XDG_DATA_HOME: path.join(sandbox, 'data'),
			XDG_CONFIG_HOME: path.join(sandbox, 'config'),
			XDG_CACHE_HOME: path.join(sandbox, 'cache'),
			...env,
		},
		leftovers: () => readdirSync(sandbox, {recursive: true}).map(String).filter((entry) => entry !== 'tmp'),
	};
}

export function runCli(args: string[], env: Record<string, string> = {}, input?: string): CliResult {
	const box = sandboxed(env);
	const result = spawnSync(process.execPath, [bin, ...args], {encoding: 'utf8', input, env: box.env, timeout: 60_000});
	return {status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, leftovers: box.leftovers()};
}

/** runCli without blocking the event loop (the test's own servers keep answering meanwhile). */
/** Root may read anywhere: a test of an unreadable file runs the CLI as `nobody` through runuser. */
export {canDropToNobody, nobodyUnavailable, runsAsRoot, runuser} from '../helpers/nobody.js';
import {canDropToNobody, runuser} from '../helpers/nobody.js';
const NOBODY = 65534;

export interface RunOptions {
	/** As root: run as `nobody` (the sandbox is handed to it). */
	asNobody?: boolean;
}

export async function runCliAsync(args: string[], env: Record<string, string> = {}, input?: string, options: RunOptions = {}): Promise<CliResult> {
	const box = sandboxed(env);
	const dropped = options.asNobody === true && canDropToNobody;
	if (dropped) for (const dir of [box.env.HOME, box.env.TMPDIR]) chownSync(dir, NOBODY, NOBODY);
	const [command, ...rest] = dropped ? [runuser, '-u', 'nobody', '--', process.execPath, bin, ...args] : [process.execPath, bin, ...args];
	const child = spawn(command!, rest, {env: box.env, timeout: 60_000});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	child.stdin.end(input ?? '');
	const [code] = (await once(child, 'close')) as [number | null];
	return {status: code ?? -1, stdout, stderr, leftovers: box.leftovers()};
}
