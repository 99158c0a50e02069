// Timing key presses in an app rendered to an in-memory terminal (80x24): the stdout records each
// frame ink writes and when; timeKey writes a key to the fake stdin and waits for the next frame.
import {EventEmitter} from 'node:events';

export class FrameRecorder extends EventEmitter {
	columns = 80;
	rows = 24;
	isTTY = false;
	renders = 0;
	renderedAt = 0;
	last = '';
	write = (frame: string) => {
		this.renders++;
		this.renderedAt = performance.now();
		this.last = frame;
		return true;
	};
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

export function keyStats(xs: number[]): {p50: number; p95: number; max: number} {
	const sorted = [...xs].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
	return {p50: at(50), p95: at(95), max: sorted.at(-1)!};
}
