// Schema 18 (tables + protobuf) collections: incremental sync with a schema-11 peer through the
// local test server, and full uploads downgraded to schema 11 for the legacy protocol.
import Database from 'better-sqlite3';
import {copyFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {createCollection} from '../../source/core/collection/create.js';
import {openCollection} from '../../source/core/collection/open.js';
import {unicaseAvailable} from '../../source/core/collection/unicase.js';
import {syncCollection} from '../../source/core/sync/sync-collection.js';
import {SyncServer, type SyncProtocol} from '../../source/core/sync/remote.js';
import {startLocalServer} from './helpers/local-server.js';

const schema11 = path.join(projectRoot, 'fixtures', 'schema11.anki2');
const schema18 = path.join(projectRoot, 'fixtures', 'schema18.anki2');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

async function setup(serverStart: string) {
	const t = tempDir();
	cleanups.push(t.cleanup);
	const server = await startLocalServer({dir: t.dir, initialCollection: serverStart});
	cleanups.push(() => server.close());
	const hkey = await new SyncServer({endpoint: server.url, protocol: 10}).hostKey('user', 'pass');
	const sync = (file: string, protocol: SyncProtocol = 10) =>
		syncCollection({collectionPath: file, endpoint: server.url, hkey, protocol, media: false});
	return {dir: t.dir, server, sync};
}

function rowsOf(file: string) {
	const db = new Database(file, {readonly: true});
	const all = (sql: string) => db.prepare(sql).raw().all();
	// usn differs by design between peers (each stores the usn it saw), so it is left out.
	const out = {
		cards: all('select id, nid, did, ord, mod, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data from cards order by id'),
		notes: all('select id, guid, mid, mod, tags, flds, sfld, csum, flags, data from notes order by id'),
		revlog: all('select id, cid, ease, ivl, lastIvl, factor, time, type from revlog order by id'),
	};
	db.close();
	return out;
}

describe.skipIf(!unicaseAvailable())('schema 18 collections', () => {
	it('incremental sync both ways with a schema-11 peer: rows, decks, deck configs, notetypes and tags', async () => {
		const {dir, sync} = await setup(schema11);
		const a = path.join(dir, 'a18.anki2');
		const b = path.join(dir, 'b11.anki2');
		copyFileSync(schema18, a);
		copyFileSync(schema11, b);
		expect((await sync(a)).outcome).toBe('noChanges');

		// A (schema 18) reviews a card, renames a deck's description and adds a tag.
		const now = Date.now();
		const colA = openCollection(a);
		const card = colA.db.prepare('select id from cards where queue = 0 order by id limit 1').pluck().get() as number;
		colA.transaction(() => {
			colA.db.prepare('update cards set type = 2, queue = 2, ivl = 7, due = 100, mod = ?, usn = -1 where id = ?').run(Math.floor(now / 1000), card);
			colA.db.prepare('insert into revlog values (?, ?, -1, 3, 7, 0, 2500, 3000, 0)').run(now, card);
			const deck = colA.adapter.decks().find(d => d.id !== 1)!;
			colA.adapter.updateDeck({...deck, collapsed: !deck.collapsed}, Math.floor(now / 1000));
			colA.adapter.registerTags(['from-schema-18']);
			colA.touch(now);
		});
		const deckId = colA.adapter.decks().find(d => d.usn === -1)!.id;
		colA.close();
		const sentA = await sync(a);
		expect(sentA.outcome).toBe('incremental');
		expect(sentA.incremental).toMatchObject({sentRows: 2});

		const pulledB = await sync(b);
		// Both started from files at usn 0, so the server's "changed since usn 0" is every row.
		expect(pulledB.outcome).toBe('incremental');
		expect(rowsOf(b)).toEqual(rowsOf(a));
		const colB = openCollection(b);
		const deckB = colB.adapter.decks().find(d => d.id === deckId)!;
		expect(colB.adapter.allTags()).toContain('from-schema-18');
		colB.close();

		// B (schema 11) changes a deck config and a notetype's CSS; A pulls them into its tables.
		const later = Date.now() + 2000;
		const db = new Database(b);
		const dconf = JSON.parse(db.prepare('select dconf from col').pluck().get() as string);
		const confId = Object.keys(dconf)[0];
		dconf[confId].new.perDay = 33;
		dconf[confId].mod = Math.floor(later / 1000);
		dconf[confId].usn = -1;
		const models = JSON.parse(db.prepare('select models from col').pluck().get() as string);
		const mid = Object.keys(models)[0];
		models[mid].css = '.card { color: teal; }';
		models[mid].mod = Math.floor(later / 1000);
		models[mid].usn = -1;
		db.prepare('update col set dconf = ?, models = ?, mod = ?').run(JSON.stringify(dconf), JSON.stringify(models), later);
		db.close();
		expect((await sync(b)).outcome).toBe('incremental');
		expect((await sync(a)).outcome).toBe('incremental');
		const colA2 = openCollection(a);
		expect(colA2.adapter.deckConfigs().find(c => String(c.id) === confId)!.newPerDay).toBe(33);
		expect(colA2.adapter.notetypes().find(n => String(n.id) === mid)!.css).toBe('.card { color: teal; }');
		expect(colA2.adapter.decks().find(d => d.id === deckId)!.collapsed).toBe(deckB.collapsed);
		const pending = colA2.db.prepare('select count() from notetypes where usn = -1').pluck().get();
		colA2.close();
		expect(pending).toBe(0);
		expect(rowsOf(a)).toEqual(rowsOf(b));
	});

	it('a legacy full upload sends a schema-11 copy; the local file stays schema 18', async () => {
		const t = tempDir();
		cleanups.push(t.cleanup);
		const empty = path.join(t.dir, 'empty11.anki2');
		createCollection(empty, {schema: 11});
		const {dir, server, sync} = await setup(empty);
		const a = path.join(dir, 'a18.anki2');
		copyFileSync(schema18, a);
		expect((await sync(a)).outcome).toBe('fullUpload');
		const onServer = new Database(server.collectionPath, {readonly: true});
		expect(onServer.prepare('select ver from col').pluck().get()).toBe(11);
		expect(Object.keys(JSON.parse(onServer.prepare('select models from col').pluck().get() as string)).length).toBeGreaterThan(0);
		onServer.close();
		const colA = openCollection(a);
		const info = colA.info();
		expect(info.ver).toBe(18);
		expect(info.ls).toBe(info.scm);
		expect(colA.db.prepare('select count() from notetypes where usn != 0').pluck().get()).toBe(0);
		colA.close();
		// A fresh schema-11 device downloads it and has the same rows.
		const b = path.join(dir, 'b.anki2');
		createCollection(b, {schema: 11});
		expect((await sync(b)).outcome).toBe('fullDownload');
		expect(rowsOf(b)).toEqual(rowsOf(a));
		expect((await sync(a)).outcome).toBe('noChanges');
	});

	it('a v11 full upload keeps schema 18 on the server', async () => {
		const t = tempDir();
		cleanups.push(t.cleanup);
		const empty = path.join(t.dir, 'empty11.anki2');
		createCollection(empty, {schema: 11});
		const {dir, server, sync} = await setup(empty);
		const a = path.join(dir, 'a18.anki2');
		copyFileSync(schema18, a);
		expect((await sync(a, 11)).outcome).toBe('fullUpload');
		const onServer = new Database(server.collectionPath, {readonly: true});
		expect(onServer.prepare('select ver from col').pluck().get()).toBe(18);
		onServer.close();
		// A fresh device downloads the schema-18 file over v11; it is verified and marked ls = mod.
		const b = path.join(dir, 'b.anki2');
		createCollection(b, {schema: 11});
		const report = await sync(b, 11);
		expect(report.outcome).toBe('fullDownload');
		const colB = openCollection(b);
		const info = colB.info();
		colB.close();
		expect(info.ver).toBe(18);
		expect(info.ls).toBe(info.mod);
		expect(rowsOf(b)).toEqual(rowsOf(a));
	});
});
