// Child-process step of bench/run.ts: building a filtered deck of 10,000 cards on a private copy of
// the 100k-card collection, as `filtered create` and the filtered-deck dialog do (search, order,
// cards moved in, one transaction), then emptying it; repeated on the same deck after one warm-up
// (the collection's first write also takes its backup). Usage:
// node --import tsx bench/steps/filtered.ts COLLECTION [RUNS] [ORDER]; prints one JSON line.
import {openCollection} from '../../source/core/collection/open.js';
import {emptyFilteredDeck, FilteredOrder, newFilteredDeckDefaults, rebuildFilteredDeck, saveFilteredDeck} from '../../source/core/study/filtered.js';
import {median} from '../lib/measure.js';

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
const order = Number(process.argv[4] ?? FilteredOrder.Random);
if (!file) throw new Error('usage: bench/steps/filtered.ts COLLECTION [RUNS] [ORDER]');
const col = openCollection(file);
const timed = <T>(fn: () => T): {value: T; ms: number; cpuMs: number} => {
	const cpu = process.cpuUsage();
	const start = performance.now();
	const value = fn();
	const ms = performance.now() - start;
	const used = process.cpuUsage(cpu);
	return {value, ms, cpuMs: (used.user + used.system) / 1000};
};
try {
	const input = newFilteredDeckDefaults(col);
	input.name = 'Bench filtered';
	// Every generated deck (all 100k cards) is a candidate; the limit takes 10,000 of them.
	input.config.searchTerms = [{search: 'deck:Bench*', limit: 10_000, order}];
	const first = timed(() => saveFilteredDeck(col, input));
	const deckId = first.value.deckId;
	if (first.value.cards !== 10_000) throw new Error(`the build moved ${first.value.cards} cards, not 10,000`);
	timed(() => emptyFilteredDeck(col, deckId));
	const builds: number[] = [];
	const buildCpu: number[] = [];
	const empties: number[] = [];
	for (let i = 0; i < runs; i++) {
		const build = timed(() => rebuildFilteredDeck(col, deckId));
		if (build.value !== 10_000) throw new Error(`the rebuild moved ${build.value} cards, not 10,000`);
		builds.push(build.ms);
		buildCpu.push(build.cpuMs);
		empties.push(timed(() => emptyFilteredDeck(col, deckId)).ms);
	}
	console.log(JSON.stringify({cards: 10_000, runs, firstMs: first.ms, buildMedian: median(builds), buildMax: Math.max(...builds), buildCpuMedian: median(buildCpu), emptyMedian: median(empties)}));
} finally {
	col.close();
}
