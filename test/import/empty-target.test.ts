// An import into an empty collection takes its own path (core/package/empty-target.ts); it must
// write exactly what the general merge writes: every table's rows, sqlite_master, the file's
// journal mode, the media folder and the summary, on real packages, into schema 11 and 18.
import {copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {writeBenchPackage} from '../../bench/generate-package.js';
import {createCollection} from '../../source/core/collection/create.js';
import {openCollection} from '../../source/core/collection/open.js';
import {loadUnicase} from '../../source/core/collection/unicase.js';
import {importPackage} from '../../source/core/package/import.js';
import {noticeIfNoShared, privateCopyOf, sharedAnki, tempDir} from '../helpers/shared.js';

const now = Date.UTC(2026, 2, 14, 12);
const projectFixtures = path.resolve('fixtures');
const packages = [
	...readdirSync(projectFixtures)
		.filter(f => /\.(apkg|colpkg|anki2)$/.test(f))
		.map(f => path.join(projectFixtures, f)),
	path.join(projectFixtures, 'demo', 'demo.apkg'),
	...(noticeIfNoShared() ? readdirSync(sharedAnki).filter(f => /\.(apkg|colpkg|anki2)$/.test(f)).map(f => privateCopyOf(path.join(sharedAnki, f))) : []),
];

/** Every row of every table (by rowid or key), sqlite_master without root pages, the journal mode. */
function dump(file: string): Record<string, unknown> {
	const db = new Database(file, {readonly: true});
	try {
		loadUnicase(db);
		const master = db.prepare('SELECT rowid, type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid').all() as Array<{type: string; name: string; sql: string | null}>;
		const out: Record<string, unknown> = {master, header: [...readFileSync(file).subarray(18, 20)]};
		for (const {name} of master.filter(m => m.type === 'table')) {
			out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).raw().all();
		}
		return out;
	} finally {
		db.close();
	}
}

async function importBoth(pkg: string, schema: 11 | 18): Promise<void> {
	const t = tempDir('anki-tui-empty-target-');
	try {
		const made = path.join(t.dir, 'made.anki2');
		createCollection(made, {schema, journalMode: 'wal', now: now - 86_400_000, idSeed: 3, minutesWest: 0});
		const results = [];
		for (const general of [true, false]) {
			const dir = path.join(t.dir, general ? 'general' : 'fast');
			mkdirSync(dir);
			const file = path.join(dir, 'collection.anki2');
			copyFileSync(made, file);
			const mediaDir = path.join(dir, 'collection.media');
			const col = openCollection(file);
			let summary;
			try {
				summary = await importPackage(col, pkg, {mediaDir, now, generalPathOnly: general});
			} finally {
				col.close();
			}
			results.push({
				summary: {...summary, backupPath: summary.backupPath !== undefined},
				db: dump(file),
				media: existsSync(mediaDir) ? readdirSync(mediaDir).sort().map(name => [name, readFileSync(path.join(mediaDir, name)).length]) : [],
				files: readdirSync(dir).sort(),
			});
		}
		const [general, fast] = results;
		expect(fast!.summary).toEqual(general!.summary);
		expect(fast!.files).toEqual(general!.files);
		expect(fast!.media).toEqual(general!.media);
		for (const table of Object.keys(general!.db)) expect(fast!.db[table], table).toEqual(general!.db[table]);
		expect(Object.keys(fast!.db)).toEqual(Object.keys(general!.db));
	} finally {
		t.cleanup();
	}
}

describe('import into an empty collection writes what the general merge writes', () => {
	for (const pkg of packages) {
		for (const schema of [11, 18] as const) {
			it(`${path.basename(pkg)} into schema ${schema}`, {timeout: 60_000}, async () => {
				await importBoth(pkg, schema);
			});
		}
	}

	it('the bench package (generated, 300 notes, 40 media files) into schema 11 and 18', {timeout: 60_000}, async () => {
		const t = tempDir('anki-tui-empty-target-pkg-');
		try {
			const pkg = path.join(t.dir, 'bench.apkg');
			await writeBenchPackage(pkg, {generation: 'latest', notes: 300, mediaFiles: 40, mediaBytes: 2000, seed: 7}, now - 3 * 86_400_000);
			await importBoth(pkg, 11);
			await importBoth(pkg, 18);
		} finally {
			t.cleanup();
		}
	});
});
