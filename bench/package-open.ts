// Opens a large generated modern package (zstd collection.anki21b) and reports time and peak
// memory, to check the collection is streamed rather than held in memory (twice).
// Run: node --import tsx bench/package-open.ts [collection MiB, default 200]
import {randomBytes} from 'node:crypto';
import {rmSync, statSync} from 'node:fs';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {openPackage} from '../source/core/package/open-package.js';
import {writePackage} from '../source/core/package/write-package.js';

const mib = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-bench-'));
try {
	const col = path.join(dir, 'big.anki2');
	const db = new Database(col);
	db.exec('pragma journal_mode=delete; create table col (id integer primary key, ver integer); insert into col values (1, 18); create table notes (id integer primary key, flds text)');
	const insert = db.prepare('insert into notes (flds) values (?)');
	// Half random hex (incompressible-ish), half repeated words: roughly 3:1 under zstd, like real notes.
	const row = () => randomBytes(256).toString('hex') + ' the quick brown fox jumps over the lazy dog'.repeat(12);
	const rows = Math.ceil((mib * 1024 * 1024) / 1100);
	db.transaction(() => {
		for (let i = 0; i < rows; i++) insert.run(row());
	})();
	db.close();
	const pkg = path.join(dir, 'big.apkg');
	let t = performance.now();
	await writePackage(pkg, {generation: 'latest', kind: 'apkg', collectionFile: col, dummyCollectionFile: col, media: []});
	const writeMs = performance.now() - t;
	const before = process.resourceUsage().maxRSS;
	t = performance.now();
	const opened = await openPackage(pkg);
	const openMs = performance.now() - t;
	const after = process.resourceUsage().maxRSS;
	const colBytes = statSync(opened.collectionPath).size;
	console.log(
		JSON.stringify({
			collectionMiB: +(colBytes / 2 ** 20).toFixed(1),
			packageMiB: +(statSync(pkg).size / 2 ** 20).toFixed(1),
			writePackageMs: Math.round(writeMs),
			openPackageMs: Math.round(openMs),
			openMiBPerSec: +(colBytes / 2 ** 20 / (openMs / 1000)).toFixed(1),
			maxRssBeforeOpenMiB: Math.round(before / 1024),
			maxRssAfterOpenMiB: Math.round(after / 1024),
		}),
	);
	opened.cleanup();
} finally {
	rmSync(dir, {recursive: true, force: true});
}
