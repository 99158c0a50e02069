// Answer latency on a 100k-card collection: from answer() to the next card ready (its buttons
// computed), the SQLite write included. Also times queue building and deck-browser counts.
// Usage: node --import tsx bench/answer-latency.ts [--notes 50000] [--answers 2000] [--schema 11|18] [--wal]
// --wal switches the copy to WAL journaling first, as Anki itself does when it opens a collection.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {openCollection} from '../source/core/collection/open.js';
import {deckTreeCounts} from '../source/core/scheduler/deck-counts.js';
import {openReviewSession} from '../source/core/scheduler/session.js';
import type {Rating} from '../source/core/scheduler/types.js';
import {generateCollection} from './generate.js';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const notes = arg('notes', 50_000);
const answers = arg('answers', 2000);
const schema = arg('schema', 11) === 18 ? 18 : 11;
const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-bench-'));
try {
	const file = path.join(dir, 'collection.anki2');
	const now = Date.now();
	let t = performance.now();
	const made = generateCollection(file, {schema, notes, now});
	console.log(`generated schema ${schema}: ${made.cards} cards, ${made.notes} notes, ${made.revlog} revlog in ${(performance.now() - t).toFixed(0)} ms`);

	const col = openCollection(file);
	if (process.argv.includes('--wal')) col.db.pragma('journal_mode = WAL');
	console.log(`journal_mode ${col.db.pragma('journal_mode', {simple: true})}, synchronous ${col.db.pragma('synchronous', {simple: true})}`);
	t = performance.now();
	const counts = deckTreeCounts(col, new Date(now));
	console.log(`deckTreeCounts: ${counts.size} decks in ${(performance.now() - t).toFixed(1)} ms`);

	const roots = col.adapter.decks().filter(d => d.name.startsWith('Bench ') && !d.name.includes('::'));
	const latencies: number[] = [];
	// CPU time as well: on a busy machine wall-clock tails measure the wait for a core, not our work.
	const cpu: number[] = [];
	const builds: number[] = [];
	let clock = now;
	const ratings: Rating[] = [3, 3, 1, 3, 4, 2, 3, 3];
	let done = 0;
	for (let round = 0; done < answers && round < 50; round++) {
		for (const root of roots) {
			if (done >= answers) break;
			t = performance.now();
			const session = openReviewSession(col, root.id, {now: () => clock});
			session.current();
			builds.push(performance.now() - t);
			for (let i = 0; i < Math.ceil(answers / roots.length) && done < answers; i++) {
				if (!session.current()) break;
				session.buttons();
				const start = performance.now();
				const cpuStart = process.cpuUsage();
				session.answer(ratings[done % ratings.length]!, 5000);
				session.current();
				session.buttons();
				session.counts();
				latencies.push(performance.now() - start);
				const used = process.cpuUsage(cpuStart);
				cpu.push((used.user + used.system) / 1000);
				// A person takes seconds per card: the deferred WAL checkpoint runs in that pause, off the answer path.
				col.idle();
				done++;
				clock += 3000;
			}
		}
	}
	latencies.sort((a, b) => a - b);
	cpu.sort((a, b) => a - b);
	builds.sort((a, b) => a - b);
	const fmt = (x: number) => x.toFixed(2);
	console.log(`answers: ${latencies.length}; latency ms p50 ${fmt(percentile(latencies, 50))} p95 ${fmt(percentile(latencies, 95))} p99 ${fmt(percentile(latencies, 99))} max ${fmt(latencies.at(-1)!)}`);
	console.log(`cpu time per answer ms: p50 ${fmt(percentile(cpu, 50))} p95 ${fmt(percentile(cpu, 95))} p99 ${fmt(percentile(cpu, 99))}`);
	console.log(`load average ${(await import('node:os')).loadavg().map(x => x.toFixed(1)).join(' ')}`);
	console.log(`session open (queue build) ms: median ${fmt(percentile(builds, 50))} max ${fmt(builds.at(-1)!)}`);
	col.close();
} finally {
	rmSync(dir, {recursive: true, force: true});
}
