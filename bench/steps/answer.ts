// Child-process step of bench/run.ts: answer latency on a private copy of a generated collection.
// Usage: node --import tsx bench/steps/answer.ts COLLECTION [ANSWERS]; prints one JSON line.
import {openCollection} from '../../source/core/collection/open.js';
import {answerCards} from '../lib/answering.js';
import {median, percentile} from '../lib/measure.js';

const file = process.argv[2];
const answers = Number(process.argv[3] ?? 2000);
if (!file) throw new Error('usage: bench/steps/answer.ts COLLECTION [ANSWERS]');
const col = openCollection(file);
try {
	const run = answerCards(col, answers, Date.now());
	const l = run.latenciesMs;
	console.log(
		JSON.stringify({
			answers: l.length,
			p50: percentile(l, 50),
			p95: percentile(l, 95),
			p99: percentile(l, 99),
			max: Math.max(...l),
			cpuP50: percentile(run.cpuMs, 50),
			cpuP99: percentile(run.cpuMs, 99),
			sessionOpenMedian: median(run.sessionOpenMs),
			sessionOpenMax: Math.max(...run.sessionOpenMs),
		}),
	);
} finally {
	col.close();
}
