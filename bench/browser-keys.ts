// In-process key -> frame time of the card browser on a copy of a collection (the 100k-card one in
// `npm run bench`): the whole app with an in-memory terminal at 80x24, `b` opens the browser, then
// a search is typed one key at a time (each key searches again), the cursor moves and pages, and
// the mode toggles. Time from writing a key to ink's next frame, which already shows the results.
// Usage: node --import tsx bench/browser-keys.ts COLLECTION_COPY
import {keyStats, sleep, timeKey, startInMemoryApp} from './lib/key-timing.js';

const file = process.argv[2];
if (!file) {
	console.error('usage: bench/browser-keys.ts COLLECTION_COPY');
	process.exit(64);
}
// As the shipped bundle runs (React's production build); must be set before React loads.
process.env.NODE_ENV = 'production';

const {stdout, stdin, until, quit} = await startInMemoryApp(file);
const key = (k: string) => timeKey(stdin, stdout, k);

await until(() => stdout.last.includes('Deck'));
await sleep(300);
const open = await key('b');
await until(() => stdout.last.includes('Search:'));
await sleep(100);
await key('/');
await key('\u0015'); // Ctrl+U: an empty search line (the whole collection)
await sleep(50);
const typing: number[] = [];
for (const typed of 'deck:bench* question 12') {
	typing.push(await key(typed));
	await sleep(20);
}
const shown = /(\d[\d,]*) cards/.exec(stdout.last)?.[1] ?? '?';
await key('\r');
const moving: number[] = [];
for (let i = 0; i < 30; i++) {
	moving.push(await key(i % 3 === 2 ? '\u001B[6~' : 'j'));
	await sleep(20);
}
const mode: number[] = [];
for (let i = 0; i < 4; i++) {
	mode.push(await key('\t'));
	await sleep(50);
}
await quit();

console.log(JSON.stringify({open, typing: keyStats(typing), moving: keyStats(moving), mode: keyStats(mode), keys: typing.length, shown}));
