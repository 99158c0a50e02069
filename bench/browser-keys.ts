// In-process key -> frame time of the card browser on a copy of a collection (the 100k-card one in
// `npm run bench`): the whole app with an in-memory terminal at 80x24, `b` opens the browser, then
// a search is typed one key at a time (each key searches again), the cursor moves and pages, and
// the mode toggles. Time from writing a key to ink's next frame, which already shows the results.
// Usage: node --import tsx bench/browser-keys.ts COLLECTION_COPY
import {EventEmitter} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

const file = process.argv[2];
if (!file) {
	console.error('usage: bench/browser-keys.ts COLLECTION_COPY');
	process.exit(64);
}
// As the shipped bundle runs (React's production build); must be set before React loads.
process.env.NODE_ENV = 'production';
const {runReview} = await import('../source/commands/review.js');
const {FakeStdin} = await import('../test/ui/helpers.js');

class FakeStdout extends EventEmitter {
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

const home = mkdtempSync(path.join(tmpdir(), 'anki-tui-bench-'));
const stdout = new FakeStdout();
const stdin = new FakeStdin();
const done = runReview({
	file,
	env: {HOME: home, PATH: process.env.PATH},
	stdout: stdout as unknown as NodeJS.WriteStream,
	stdin: stdin as unknown as NodeJS.ReadStream,
	onFirstFrame: () => {},
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(test: () => boolean, timeoutMs = 60_000): Promise<void> {
	const start = performance.now();
	while (!test()) {
		if (performance.now() - start > timeoutMs) throw new Error(`timed out; last frame:\n${stdout.last}`);
		await new Promise((r) => setImmediate(r));
	}
}
/** Time from writing a key to the next frame, in ms. */
async function timeKey(key: string): Promise<number> {
	const before = stdout.renders;
	const t = performance.now();
	stdin.write(key);
	await until(() => stdout.renders !== before);
	return stdout.renderedAt - t;
}

await until(() => stdout.last.includes('Deck'));
await sleep(300);
const open = await timeKey('b');
await until(() => stdout.last.includes('Search:'));
await sleep(100);
await timeKey('/');
await timeKey('\u0015'); // Ctrl+U: an empty search line (the whole collection)
await sleep(50);
const typing: number[] = [];
for (const key of 'deck:bench* question 12') {
	typing.push(await timeKey(key));
	await sleep(20);
}
const shown = /(\d[\d,]*) cards/.exec(stdout.last)?.[1] ?? '?';
await timeKey('\r');
const moving: number[] = [];
for (let i = 0; i < 30; i++) {
	moving.push(await timeKey(i % 3 === 2 ? '\u001B[6~' : 'j'));
	await sleep(20);
}
const mode: number[] = [];
for (let i = 0; i < 4; i++) {
	mode.push(await timeKey('\t'));
	await sleep(50);
}
stdin.write('\u0003');
await done.catch(() => {});
rmSync(home, {recursive: true, force: true});

const stats = (xs: number[]) => {
	const sorted = [...xs].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
	return {p50: at(50), p95: at(95), max: sorted.at(-1)!};
};
console.log(JSON.stringify({open, typing: stats(typing), moving: stats(moving), mode: stats(mode), keys: typing.length, shown}));
