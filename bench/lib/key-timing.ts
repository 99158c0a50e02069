// Timing key presses in an app rendered to an in-memory terminal (80x24): the stdout records each
// frame ink writes and when; timeKey writes a key to the fake stdin and waits for the next frame.
import {EventEmitter} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export class FrameRecorder extends EventEmitter {
	columns = 80;
	rows = 24;
	isTTY = false;
	renders = 0;
	renderedAt = 0;
	/** The process's CPU time (user + system, all threads) when the last frame was written, in ms. */
	cpuAt = 0;
	last = '';
	write = (frame: string) => {
		this.renders++;
		this.renderedAt = performance.now();
		this.cpuAt = cpuMs();
		this.last = frame;
		return true;
	};
}

function cpuMs(): number {
	const {user, system} = process.cpuUsage();
	return (user + system) / 1000;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Time from writing a key to the next frame, in ms. */
export async function timeKey(stdin: {write(data: string): void}, stdout: FrameRecorder, key: string, timeoutMs = 60_000): Promise<number> {
	const before = stdout.renders;
	const t = performance.now();
	stdin.write(key);
	while (stdout.renders === before) {
		if (performance.now() - t > timeoutMs) throw new Error(`no frame after ${JSON.stringify(key)}; last frame:\n${stdout.last}`);
		await new Promise((r) => setImmediate(r));
	}
	return stdout.renderedAt - t;
}

const ansi = /\u001B\[[0-9;?]*[A-Za-z]/g;

/**
 * Wall and CPU time from writing a key to the first frame after it that passes `shows` (the frame
 * without its escape codes; any frame when not given): a frame drawn before the results would not
 * count. CPU is the whole process's (user + system), which on a loaded machine says more than wall.
 */
export async function measureKey(
	stdin: {write(data: string): void},
	stdout: FrameRecorder,
	key: string,
	shows?: (text: string) => boolean,
	timeoutMs = 60_000,
): Promise<{ms: number; cpuMs: number}> {
	let seen = stdout.renders;
	const cpu = cpuMs();
	const t = performance.now();
	stdin.write(key);
	for (;;) {
		if (stdout.renders !== seen) {
			seen = stdout.renders;
			if (!shows || shows(stdout.last.replace(ansi, ''))) return {ms: stdout.renderedAt - t, cpuMs: stdout.cpuAt - cpu};
		}
		if (performance.now() - t > timeoutMs) throw new Error(`no frame after ${JSON.stringify(key)} that shows it; last frame:\n${stdout.last}`);
		await new Promise((r) => setImmediate(r));
	}
}

export function keyStats(xs: number[]): {p50: number; p95: number; max: number} {
	const sorted = [...xs].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
	return {p50: at(50), p95: at(95), max: sorted.at(-1)!};
}

/**
 * The whole app on `file` (as `anki-tui review FILE` opens it, in a fresh HOME) with an in-memory
 * 80x24 terminal. Set NODE_ENV before calling (React reads it when it loads). `until` waits for a
 * frame to pass a test; `quit` sends Ctrl+C, waits for the app to leave and removes the HOME.
 */
export async function startInMemoryApp(file: string) {
	const {runReview} = await import('../../source/commands/review.js');
	const {FakeStdin} = await import('../../test/ui/helpers.js');
	const home = mkdtempSync(path.join(tmpdir(), 'anki-tui-bench-'));
	const stdout = new FrameRecorder();
	const stdin = new FakeStdin();
	const done = runReview({
		file,
		env: {HOME: home, PATH: process.env.PATH},
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		onFirstFrame: () => {},
	});
	async function until(test: () => boolean, timeoutMs = 60_000): Promise<void> {
		const start = performance.now();
		while (!test()) {
			if (performance.now() - start > timeoutMs) throw new Error(`timed out; last frame:\n${stdout.last}`);
			await new Promise((r) => setImmediate(r));
		}
	}
	async function quit(): Promise<void> {
		stdin.write('\u0003');
		await done.catch(() => {});
		rmSync(home, {recursive: true, force: true});
	}
	return {stdout, stdin, until, quit};
}
