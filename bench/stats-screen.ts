// In-process timing of the statistics screen on a copy of a collection (the 100k-card one in
// `npm run bench`): the whole app with an in-memory terminal at 80x24, `t` on the first deck of the
// deck list opens its statistics, `c` switches to the whole collection, `p` to 3 months. For each:
// the key to the first frame (the screen's frame saying it computes), the key to the frame with the
// numbers, and the statistics alone (statsReport on the same deck and period, same process, timed
// first), so the difference is what drawing the page costs on top of its data.
// Usage: node --import tsx bench/stats-screen.ts COLLECTION_COPY
import {sleep, timeKey, startInMemoryApp} from './lib/key-timing.js';

const file = process.argv[2];
if (!file) {
	console.error('usage: bench/stats-screen.ts COLLECTION_COPY');
	process.exit(64);
}
// As the shipped bundle runs (React's production build); must be set before React loads.
process.env.NODE_ENV = 'production';
const {openCollection} = await import('../source/core/collection/open.js');
const {deckIdsForName} = await import('../source/core/overview/deck-names.js');
const {statsReport} = await import('../source/core/stats/report.js');

// The statistics alone first, as the screen asks for them (a read-only connection; it also warms
// the page cache and the JIT, so the app's figures below are not a cold start against warm data).
const col = openCollection(file, {readOnly: true});
// The deck list's first row: the first top-level deck by name, as the deck browser sorts them.
const deckName = col.adapter.decks().filter((d) => !d.name.includes('::')).map((d) => d.name).sort((a, b) => a.localeCompare(b))[0]!;
const deckId = deckIdsForName(col.adapter.decks(), deckName)[0]!;
/** Median of three runs. */
const timed = (deckIdOrNull: number | null, period: '1m' | '3m') => {
	const times = [0, 1, 2].map(() => {
		const t = performance.now();
		statsReport(col, {deckId: deckIdOrNull, period});
		return performance.now() - t;
	});
	return times.sort((a, b) => a - b)[1]!;
};
const data = {deck: timed(deckId, '1m'), whole: timed(null, '1m'), threeMonths: timed(null, '3m')};
col.close();

const {stdout, stdin, until, quit} = await startInMemoryApp(file);

/** Key to the first frame, and key to the first frame that shows `shows`. */
async function open(key: string, shows: RegExp): Promise<{frame: number; data: number}> {
	const start = performance.now();
	const frame = await timeKey(stdin, stdout, key);
	await until(() => shows.test(stdout.last) && stdout.last.includes('Today'));
	return {frame, data: stdout.renderedAt - start};
}

await until(() => stdout.last.includes('Deck'));
await sleep(300);
const deck = await open('t', /Statistics: /);
const shownName = /Statistics: (.+?)\s{2,}/.exec(stdout.last)?.[1] ?? '';
if (shownName !== deckName) throw new Error(`the screen opened on ${shownName}, not ${deckName}`);
await sleep(100);
const whole = await open('c', /Statistics: whole collection/);
await sleep(100);
const threeMonths = await open('p', /3 months/);
await quit();


console.log(JSON.stringify({deckName, deck, whole, threeMonths, data}));
