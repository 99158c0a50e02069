// `anki-tui sync` run as shipped (the esbuild bundle, bin/anki-tui.js) against the local test
// server: the bundle defines the global `fetch` away and loads zstd and the HTTP client from its own
// chunks, so sync is proven here as built, not only from source (test/sync).
import {copyFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {createCollection} from '../../source/core/collection/create.js';
import {startLocalServer} from '../sync/helpers/local-server.js';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {runCliAsync} from './run-cli.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

function rows(file: string, sql: string): unknown[] {
	const db = new Database(file, {readonly: true});
	try {
		return db.prepare(sql).raw().all();
	} finally {
		db.close();
	}
}

describe('anki-tui sync (built CLI)', () => {
	it('logs in and uploads to an empty server, then syncs a review incrementally over protocol v11 (zstd)', async () => {
		const t = tempDir();
		cleanups.push(t.cleanup);
		const emptyServer = path.join(t.dir, 'empty.anki2');
		createCollection(emptyServer, {schema: 11});
		const server = await startLocalServer({dir: t.dir, initialCollection: emptyServer, user: 'ana', password: 's3cret pass'});
		cleanups.push(() => server.close());
		mkdirSync(path.join(t.dir, 'profile'));
		const file = path.join(t.dir, 'profile', 'collection.anki2');
		copyFileSync(path.join(projectRoot, 'fixtures', 'schema11.anki2'), file);
		// One config folder for both runs, so the second reuses the saved login.
		const env = {XDG_CONFIG_HOME: path.join(t.dir, 'config')};

		const first = await runCliAsync(['sync', '--collection', file, '--endpoint', server.url, '--user', 'ana', '--password-stdin'], env, 's3cret pass\n');
		expect(first.stderr).not.toMatch(/error|Error/);
		expect(first.status).toBe(0);
		expect(first.stdout).toMatch(/^Uploaded the whole collection to the server/);
		const cardsSql = 'SELECT id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses FROM cards ORDER BY id';
		expect(rows(server.collectionPath, cardsSql)).toEqual(rows(file, cardsSql));
		expect(rows(file, 'SELECT count() FROM cards')[0]).not.toEqual([0]);

		// A review made here (as the reviewer writes it: usn -1, col.mod moved) goes up incrementally.
		const db = new Database(file);
		const cardId = db.prepare('SELECT id FROM cards ORDER BY id LIMIT 1').pluck().get() as number;
		const nowMs = Date.now();
		db.prepare('UPDATE cards SET type = 2, queue = 2, ivl = 9, due = 100, factor = 2500, reps = reps + 1, mod = ?, usn = -1 WHERE id = ?').run(Math.floor(nowMs / 1000), cardId);
		db.prepare('INSERT INTO revlog VALUES (?, ?, -1, 3, 9, 0, 2500, 4000, 1)').run(nowMs, cardId);
		db.prepare('UPDATE col SET mod = ?').run(nowMs);
		db.close();
		const calls = server.framings.length;
		const second = await runCliAsync(['sync', '--collection', file, '--protocol', 'v11'], env);
		expect(second.status).toBe(0);
		expect(second.stdout).toMatch(/^Synced/);
		expect(new Set(server.framings.slice(calls))).toEqual(new Set(['v11']));
		expect(rows(server.collectionPath, `SELECT ivl, reps FROM cards WHERE id = ${cardId}`)).toEqual(rows(file, `SELECT ivl, reps FROM cards WHERE id = ${cardId}`));
		expect(rows(server.collectionPath, `SELECT ease, ivl FROM revlog WHERE id = ${nowMs}`)).toEqual([[3, 9]]);
		expect(rows(file, 'SELECT count() FROM cards WHERE usn = -1')).toEqual([[0]]);
	});
});
