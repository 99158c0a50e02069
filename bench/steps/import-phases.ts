// Where an import's time goes, phase by phase (wall and CPU ms, and GC pauses), in one process.
// Usage: node --import tsx bench/steps/import-phases.ts PACKAGE WORKDIR; prints one JSON line.
// WORKDIR gets a new collection (and its media folder); pass an empty folder.
import {PerformanceObserver} from 'node:perf_hooks';
import path from 'node:path';
import {createCollection} from '../../source/core/collection/create.js';
import {openCollection} from '../../source/core/collection/open.js';
import {importPackage} from '../../source/core/package/import.js';

const [pkg, dir] = process.argv.slice(2);
if (!pkg || !dir) throw new Error('usage: bench/steps/import-phases.ts PACKAGE WORKDIR');
let gcMs = 0;
new PerformanceObserver((list) => {
	for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({entryTypes: ['gc']});

const file = path.join(dir, 'collection.anki2');
// As the local collection anki-tui creates on first use: schema 11, WAL.
createCollection(file, {schema: 11, journalMode: 'wal'});
const col = openCollection(file);
const cpu = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
const phases: Record<string, {wallMs: number; cpuMs: number; gcMs: number}> = {};
let current = 'start';
let since = {wall: performance.now(), cpu: cpu(), gc: 0};
const enter = (phase: string) => {
	if (phase === current) return;
	const now = {wall: performance.now(), cpu: cpu(), gc: gcMs};
	const p = (phases[current] ??= {wallMs: 0, cpuMs: 0, gcMs: 0});
	p.wallMs += now.wall - since.wall;
	p.cpuMs += now.cpu - since.cpu;
	p.gcMs += now.gc - since.gc;
	current = phase;
	since = now;
};
const summary = await importPackage(col, pkg, {mediaDir: path.join(dir, 'collection.media'), onProgress: ({phase}) => enter(phase)});
enter('finish');
col.close();
enter('closed');
const round = (x: number) => Math.round(x);
console.log(
	JSON.stringify({
		phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, {wallMs: round(v.wallMs), cpuMs: round(v.cpuMs), gcMs: round(v.gcMs)}])),
		cardsAdded: summary.cardsAdded,
		mediaAdded: summary.mediaAdded,
	}),
);
