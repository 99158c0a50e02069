// Opens a large generated modern package (zstd collection.anki21b) and reports time and peak
// memory of the opening process, to check the collection is streamed, not held in memory.
// Run: node --import tsx bench/package-open.ts [collection MiB, default 200]
// (internally re-runs itself as `--open <package> <native|js>` in a fresh process per engine)
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import {openPackage} from '../source/core/package/open-package.js';
import {writePackage} from '../scripts/lib/write-package.js';

if (process.argv[2] === '--open') {
	const engine = process.argv[4] as 'native' | 'js';
	const start = performance.now();
	const opened = await openPackage(process.argv[3], {zstdEngine: engine});
	const ms = performance.now() - start;
	const size = statSync(opened.collectionPath).size;
	opened.cleanup();
	console.log(JSON.stringify({engine, openMs: Math.round(ms), MiBPerSec: +(size / 2 ** 20 / (ms / 1000)).toFixed(1), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024)}));
} else {
	const mib = Number(process.argv[2] ?? 200);
	const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-bench-'));
	try {
		const col = path.join(dir, 'big.anki2');
		const db = new Database(col);
		db.exec('pragma journal_mode=delete; create table col (id integer primary key, ver integer); insert into col values (1, 18); create table notes (id integer primary key, flds text)');
		const insert = db.prepare('insert into notes (flds) values (?)');
		// Random hex plus repeated words: compresses about 5:1 under zstd, like real note text.
		const row = () => randomBytes(256).toString('hex') + ' the quick brown fox jumps over the lazy dog'.repeat(12);
		const rows = Math.ceil((mib * 1024 * 1024) / 1100);
		db.transaction(() => {
			for (let i = 0; i < rows; i++) insert.run(row());
		})();
		db.close();
		const dummy = path.join(dir, 'dummy.anki2');
		const d = new Database(dummy);
		d.exec('create table col (id integer primary key, ver integer)');
		d.close();
		const pkg = path.join(dir, 'big.apkg');
		const start = performance.now();
		await writePackage(pkg, {generation: 'latest', kind: 'apkg', collectionFile: col, dummyCollectionFile: dummy, media: []});
		console.log(
			JSON.stringify({
				collectionMiB: +(statSync(col).size / 2 ** 20).toFixed(1),
				packageMiB: +(statSync(pkg).size / 2 ** 20).toFixed(1),
				writePackageMs: Math.round(performance.now() - start),
			}),
		);
		const self = fileURLToPath(import.meta.url);
		for (const engine of ['native', 'js']) {
			process.stdout.write(execFileSync(process.execPath, ['--import', 'tsx', self, '--open', pkg, engine], {encoding: 'utf8'}));
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
