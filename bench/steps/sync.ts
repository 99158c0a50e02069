// Child-process step of bench/run.ts: a sync of 1,000 reviews against the local test server
// (127.0.0.1): full upload of a copy of the generated collection first (timed too), then 1,000
// answers, then the timed incremental sync. Media sync is off (this measures the collection part).
// Usage: node --import tsx bench/steps/sync.ts COLLECTION WORKDIR [REVIEWS]; prints one JSON line.
import Database from 'better-sqlite3';
import path from 'node:path';
import {createCollection} from '../../source/core/collection/create.js';
import {openCollection} from '../../source/core/collection/open.js';
import {SyncServer} from '../../source/core/sync/remote.js';
import {syncCollection} from '../../source/core/sync/sync-collection.js';
import {startLocalServer} from '../../test/sync/helpers/local-server.js';
import {answerCards} from '../lib/answering.js';

const [file, dir] = process.argv.slice(2);
const reviews = Number(process.argv[4] ?? 1000);
if (!file || !dir) throw new Error('usage: bench/steps/sync.ts COLLECTION WORKDIR [REVIEWS]');

function count(db: string, sql: string): number {
	const d = new Database(db, {readonly: true});
	try {
		return d.prepare(sql).pluck().get() as number;
	} finally {
		d.close();
	}
}

// An empty account, as a fresh ankisyncd or Anki sync server user starts.
const empty = path.join(dir, 'empty.anki2');
createCollection(empty, {schema: 11, idSeed: 3});
const server = await startLocalServer({dir, initialCollection: empty});
try {
	const hkey = await new SyncServer({endpoint: server.url, protocol: 10}).hostKey('user', 'pass');
	const request = {collectionPath: file, endpoint: server.url, hkey, protocol: 'auto' as const, media: false};
	let t = performance.now();
	const up = await syncCollection(request);
	const fullUploadMs = performance.now() - t;
	if (up.outcome !== 'fullUpload') throw new Error(`first sync was ${up.outcome}, expected fullUpload`);

	const col = openCollection(file);
	const answered = answerCards(col, reviews, Date.now() - 3 * reviews * 1000);
	col.close();
	const pending = count(file, 'select count() from revlog where usn = -1');

	t = performance.now();
	const cpu = process.cpuUsage();
	const inc = await syncCollection(request);
	const syncMs = performance.now() - t;
	const used = process.cpuUsage(cpu);
	const syncCpuMs = (used.user + used.system) / 1000;
	if (inc.outcome !== 'incremental') throw new Error(`second sync was ${inc.outcome}, expected incremental`);
	const serverRevlog = count(server.collectionPath, 'select count() from revlog');
	const clientRevlog = count(file, 'select count() from revlog');
	const left = count(file, 'select count() from revlog where usn = -1') + count(file, 'select count() from cards where usn = -1');
	if (serverRevlog !== clientRevlog || left !== 0) throw new Error(`sync incomplete: server revlog ${serverRevlog}, client ${clientRevlog}, ${left} rows still pending`);
	console.log(JSON.stringify({reviews: answered.latenciesMs.length, pendingRevlog: pending, fullUploadMs, syncMs, syncCpuMs, protocol: inc.protocol, serverRevlog}));
} finally {
	await server.close();
}
