// Whole-process measurements: wall time from spawn to exit, and peak resident memory as GNU time
// reports it (the child's own maxrss; the wrapper adds about a millisecond of fork/exec).
import {spawnSync} from 'node:child_process';
import {closeSync, existsSync, openSync, readFileSync, rmSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const gnuTime = '/usr/bin/time';
export const hasGnuTime = existsSync(gnuTime);

export interface RunResult {
	ms: number;
	/** Peak RSS in MiB (undefined without GNU time). */
	maxRssMiB: number | undefined;
	/** User + system CPU time, ms (10 ms resolution; less sensitive to a busy machine than wall time). */
	cpuMs: number | undefined;
	stdoutFile: string;
	stderr: string;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Where stdout goes (a real file, as a user's redirect would be); default a temp file. */
	stdoutFile?: string;
}

let counter = 0;

/** Runs `command args` once; throws with its stderr when it fails. */
export function runOnce(command: string, args: string[], options: RunOptions = {}): RunResult {
	const stdoutFile = options.stdoutFile ?? path.join(tmpdir(), `anki-tui-bench-${process.pid}-${counter++}.out`);
	const rssFile = `${stdoutFile}.rss`;
	const out = openSync(stdoutFile, 'w');
	const [cmd, argv] = hasGnuTime ? [gnuTime, ['-q', '-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args];
	const start = performance.now();
	const child = spawnSync(cmd, argv, {cwd: options.cwd, env: options.env ?? benchEnv(), stdio: ['ignore', out, 'pipe'], maxBuffer: 64 * 2 ** 20});
	const ms = performance.now() - start;
	closeSync(out);
	const stderr = child.stderr?.toString() ?? '';
	if (child.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} exited with ${child.status ?? child.signal}: ${stderr.slice(-2000)}`);
	}
	let maxRssMiB: number | undefined;
	let cpuMs: number | undefined;
	if (hasGnuTime) {
		const [rss, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
		maxRssMiB = rss! / 1024;
		cpuMs = (user! + sys!) * 1000;
		rmSync(rssFile, {force: true});
	}
	return {ms, maxRssMiB, cpuMs, stdoutFile, stderr};
}

export interface Summary {
	runs: number;
	medianMs: number;
	minMs: number;
	maxMs: number;
	/** Largest peak RSS over the runs. */
	maxRssMiB: number | undefined;
	/** Median CPU time (user + system), ms. */
	medianCpuMs: number | undefined;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Runs `prepare()` then the command, `runs` times after `warmup` unmeasured runs (which fill the
 * page cache, as a user's second launch would), and summarises.
 */
export function measure(
	runs: number,
	warmup: number,
	run: (index: number) => RunResult,
	check?: (result: RunResult) => void,
): Summary & {last: RunResult} {
	for (let i = 0; i < warmup; i++) {
		const r = run(-1 - i);
		if (i === 0 && check) check(r);
		rmSync(r.stdoutFile, {force: true});
	}
	const times: number[] = [];
	const cpu: number[] = [];
	let rss: number | undefined;
	let last: RunResult | undefined;
	for (let i = 0; i < runs; i++) {
		const r = run(i);
		if (i === 0 && warmup === 0 && check) check(r);
		times.push(r.ms);
		if (r.cpuMs !== undefined) cpu.push(r.cpuMs);
		if (r.maxRssMiB !== undefined) rss = Math.max(rss ?? 0, r.maxRssMiB);
		if (last) rmSync(last.stdoutFile, {force: true});
		last = r;
	}
	return {runs, medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), maxRssMiB: rss, medianCpuMs: cpu.length ? median(cpu) : undefined, last: last!};
}

export function load(): string {
	return loadavg()
		.map((x) => x.toFixed(2))
		.join(', ');
}

/**
 * The environment for measured processes: this one, less NODE_EXTRA_CA_CERTS. This VM points it at
 * the system's whole CA bundle, which Node parses at every start (about 120 ms here); it is a
 * property of the machine, not of anki-tui, and users rarely have it. The calibration rows show
 * Node's start both ways.
 */
export function benchEnv(): NodeJS.ProcessEnv {
	const env = {...process.env};
	delete env['NODE_EXTRA_CA_CERTS'];
	// The CLI's code cache in a folder of this checkout's bench: in the user's cache folder, another
	// build of anki-tui run meanwhile (another checkout, a test) replaces it, and a run then compiles.
	env['XDG_CACHE_HOME'] = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'xdg-cache');
	return env;
}
