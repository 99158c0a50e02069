// In-process key -> frame time of the card browser on a copy of a collection (the 100k-card one in
// `npm run bench`): the whole app with an in-memory terminal at 80x24, `b` opens the browser, then
// a search is typed one key at a time (each key searches again), the cursor moves and pages, and
// the mode toggles. Time from writing a key to ink's first frame that shows it (the typed search
// line with the count and rows of its results, drawn in the same frame; the mode's column), wall
// and the process's CPU time.
// Usage: node --import tsx bench/browser-keys.ts COLLECTION_COPY
import {keyStats, measureKey, sleep, startInMemoryApp} from './lib/key-timing.js';

const file = process.argv[2];
if (!file) {
	console.error('usage: bench/browser-keys.ts COLLECTION_COPY');
	process.exit(64);
}
// As the shipped bundle runs (React's production build); must be set before React loads.
process.env.NODE_ENV = 'production';

const {stdout, stdin, until, quit} = await startInMemoryApp(file);
const key = (k: string, shows?: (text: string) => boolean) => measureKey(stdin, stdout, k, shows);
const stats = (xs: {ms: number; cpuMs: number}[]) => ({...keyStats(xs.map(x => x.ms)), cpu: keyStats(xs.map(x => x.cpuMs))});

await until(() => stdout.last.includes('Deck'));
await sleep(300);
const open = (await key('b', text => text.includes('Search:'))).ms;
await sleep(100);
await key('/');
await key('\u0015', text => text.includes('Search: █')); // Ctrl+U: an empty search line (the whole collection)
await sleep(50);
const typing: {ms: number; cpuMs: number}[] = [];
let query = '';
for (const typed of 'deck:bench* question 12') {
	query += typed;
	const line = `Search: ${query}█`;
	typing.push(await key(typed, text => text.includes(line)));
	await sleep(20);
}
const shown = /(\d[\d,]*) cards/.exec(stdout.last)?.[1] ?? '?';
await key('\r');
const moving: {ms: number; cpuMs: number}[] = [];
for (let i = 0; i < 30; i++) {
	moving.push(await key(i % 3 === 2 ? '\u001B[6~' : 'j'));
	await sleep(20);
}
const mode: {ms: number; cpuMs: number}[] = [];
for (let i = 0; i < 4; i++) {
	const header = i % 2 === 0 ? 'Note Type' : 'Card Type';
	mode.push(await key('\t', text => text.includes(header)));
	await sleep(50);
}
await quit();

console.log(JSON.stringify({open, typing: stats(typing), moving: stats(moving), mode: stats(mode), keys: typing.length, shown}));
