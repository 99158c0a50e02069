// Round trips through a local stateful test server (127.0.0.1): full upload and download,
// incremental sync both ways, media both ways, both framings, and the error paths.
import Database from 'better-sqlite3';
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {hasShared, noticeIfNoShared, tempDir} from '../helpers/shared.js';
import {syncCollection, type SyncRequest} from '../../source/core/sync/sync-collection.js';
import {SyncServer, type SyncProtocol} from '../../source/core/sync/remote.js';
import {mediaPaths} from '../../source/core/sync/media-db.js';
import {startLocalServer, type LocalServer, type LocalServerOptions} from './helpers/local-server.js';
import {fixturePath} from './helpers/traffic.js';
import {snapshot} from './helpers/snapshot.js';
import {openCollection} from '../../source/core/collection/open.js';
import {addNote, removeNotes, updateNote} from '../../source/core/notes/notes.js';

noticeIfNoShared();

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});



interface World {
	dir: string;
	server: LocalServer;
	hkey: string;
	a: string;
	b: string;
}

async function world(options: Partial<LocalServerOptions> = {}): Promise<World> {
	const t = tempDir();
	cleanups.push(t.cleanup);
	// An empty account: ankisyncd's fresh collection is an empty schema-11 collection at usn 0.
	const server = await startLocalServer({dir: t.dir, initialCollection: fixturePath('first-download.client-before.anki2'), ...options});
	cleanups.push(() => server.close());
	const hkey = await new SyncServer({endpoint: server.url, protocol: 10}).hostKey('user', 'pass');
	mkdirSync(path.join(t.dir, 'a'));
	mkdirSync(path.join(t.dir, 'b'));
	const a = path.join(t.dir, 'a', 'collection.anki2');
	const b = path.join(t.dir, 'b', 'collection.anki2');
	// A has 3 notes / 5 cards and a picture; B is a fresh empty profile.
	copyFileSync(fixturePath('first-upload.client-before.anki2'), a);
	copyFileSync(fixturePath('first-download.client-before.anki2'), b);
	mkdirSync(mediaPaths(a).folder);
	copyFileSync(fixturePath('fixture-dot.png'), path.join(mediaPaths(a).folder, 'fixture-dot.png'));
	return {dir: t.dir, server, hkey, a, b};
}

function sync(w: World, file: string, protocol: SyncProtocol | 'auto' = 10, extra: Partial<SyncRequest> = {}) {
	return syncCollection({collectionPath: file, endpoint: w.server.url, hkey: w.hkey, protocol, ...extra});
}

function edit(file: string, fn: (db: Database.Database, nowMs: number) => void): void {
	const db = new Database(file);
	const now = Date.now();
	fn(db, now);
	db.prepare('update col set mod = ?').run(now);
	db.close();
}

function answer(file: string, cardId: number, ivl: number): void {
	edit(file, (db, now) => {
		db.prepare('update cards set type = 2, queue = 2, ivl = ?, due = 10, reps = reps + 1, factor = 2500, mod = ?, usn = -1 where id = ?').run(
			ivl,
			Math.floor(now / 1000),
			cardId,
		);
		db.prepare('insert into revlog values (?, ?, -1, 3, ?, 0, 2500, 4000, 0)').run(now, cardId, ivl);
	});
}

function rows(file: string) {
	const s = snapshot(file);
	const strip = (r: unknown[][], usnIndex: number) => r.map(row => row.filter((_, i) => i !== usnIndex));
	return {cards: strip(s.cards, 5), notes: strip(s.notes, 4), revlog: strip(s.revlog, 2), decks: Object.keys(s.decks as object), tags: Object.keys(s.tags as object).sort()};
}

function pending(file: string): number {
	const db = new Database(file, {readonly: true});
	const n = ['cards', 'notes', 'revlog', 'graves'].reduce((sum, t) => sum + (db.prepare(`select count() from ${t} where usn = -1`).pluck().get() as number), 0);
	db.close();
	return n;
}

function firstCard(file: string): number {
	const db = new Database(file, {readonly: true});
	const id = db.prepare('select id from cards order by id limit 1').pluck().get() as number;
	db.close();
	return id;
}

describe.skipIf(!hasShared)('round trips through a local test server', () => {
	for (const protocol of [10, 11] as const) {
		it(`full upload, full download, incremental both ways and media both ways (protocol ${protocol})`, async () => {
			const w = await world();
			// 1. A meets the empty server: full upload plus its picture.
			const up = await sync(w, w.a, protocol);
			expect(up.outcome).toBe('fullUpload');
			expect(up.media).toMatchObject({uploaded: 1, result: 'ok'});
			expect(readFileSync(path.join(w.server.mediaFolder, 'fixture-dot.png'))).toEqual(readFileSync(fixturePath('fixture-dot.png')));
			expect(pending(w.a)).toBe(0);
			// 2. B is empty: full download plus the picture.
			const down = await sync(w, w.b, protocol);
			expect(down.outcome).toBe('fullDownload');
			expect(down.media).toMatchObject({downloaded: 1, result: 'ok'});
			expect(existsSync(path.join(mediaPaths(w.b).folder, 'fixture-dot.png'))).toBe(true);
			expect(rows(w.b)).toEqual(rows(w.a));
			// 3. A reviews a card and tags a note; incremental up.
			const card = firstCard(w.a);
			answer(w.a, card, 4);
			edit(w.a, (db, now) => {
				db.prepare("update notes set tags = ' synced ', mod = ?, usn = -1 where id = (select nid from cards where id = ?)").run(Math.floor(now / 1000), card);
				const tags = JSON.parse(db.prepare('select tags from col').pluck().get() as string);
				tags.synced = -1;
				db.prepare('update col set tags = ?').run(JSON.stringify(tags));
			});
			const incUp = await sync(w, w.a, protocol);
			expect(incUp.outcome).toBe('incremental');
			expect(incUp.incremental).toMatchObject({sentRows: 3});
			expect(pending(w.a)).toBe(0);
			// 4. B pulls it.
			const incDown = await sync(w, w.b, protocol);
			expect(incDown.incremental).toMatchObject({receivedRows: 3, sentRows: 0});
			expect(rows(w.b)).toEqual(rows(w.a));
			// 5. B deletes a note (and its cards), adds a picture; A pulls both.
			edit(w.b, (db, now) => {
				const nid = db.prepare('select max(id) from notes').pluck().get() as number;
				const cids = db.prepare('select id from cards where nid = ?').pluck().all(nid) as number[];
				db.prepare('delete from cards where nid = ?').run(nid);
				db.prepare('delete from notes where id = ?').run(nid);
				db.prepare('insert into graves values (-1, ?, 1)').run(nid);
				for (const cid of cids) db.prepare('insert into graves values (-1, ?, 0)').run(cid);
				void now;
			});
			writeFileSync(path.join(mediaPaths(w.b).folder, 'from-b.txt'), 'hello from B');
			const bSends = await sync(w, w.b, protocol);
			expect(bSends.incremental?.sentGraves).toBeGreaterThan(0);
			expect(bSends.media).toMatchObject({uploaded: 1});
			const aPulls = await sync(w, w.a, protocol);
			expect(aPulls.incremental?.receivedGraves).toBe(bSends.incremental?.sentGraves);
			expect(aPulls.media).toMatchObject({downloaded: 1});
			expect(readFileSync(path.join(mediaPaths(w.a).folder, 'from-b.txt'), 'utf8')).toBe('hello from B');
			expect(rows(w.a)).toEqual(rows(w.b));
			// 6. A removes the picture; B follows.
			rmSync(path.join(mediaPaths(w.a).folder, 'fixture-dot.png'));
			await sync(w, w.a, protocol);
			const bMedia = await sync(w, w.b, protocol);
			expect(bMedia.media).toMatchObject({deletedLocally: 1});
			expect(existsSync(path.join(mediaPaths(w.b).folder, 'fixture-dot.png'))).toBe(false);
			// 7. Every finish moves the server's mod, so A catches up with an empty incremental
			// sync (as in Anki), after which there is nothing left to do.
			const catchUp = await sync(w, w.a, protocol);
			expect(catchUp.incremental).toMatchObject({sentRows: 0, receivedRows: 0});
			expect((await sync(w, w.a, protocol)).outcome).toBe('noChanges');
			expect(rows(w.a)).toEqual(rows(w.b));
			expect(new Set(w.server.framings.slice(1))).toEqual(new Set([protocol === 11 ? 'v11' : 'legacy']));
		});
	}

	it('notes edited, added and deleted through core/notes arrive on the server as written, and on another client', async () => {
		const w = await world();
		await sync(w, w.a);
		await sync(w, w.b);
		const col = openCollection(w.a);
		let edited = 0;
		let added = 0;
		let removed = 0;
		try {
			const [first, last] = col.db.prepare('select id from notes order by id').pluck().all() as number[];
			edited = first!;
			removed = last!;
			const note = col.db.prepare('select mid, flds from notes where id = ?').get(edited) as {mid: number; flds: string};
			const fields = note.flds.split('\u001f').map((value, i) => (i === 0 ? `${value} <b>edited</b>` : value));
			updateNote(col, edited, {fields, tags: ['Synced', 'edit::ed']});
			added = addNote(col, {notetypeId: note.mid, deckId: 1, fields: fields.map(f => `new ${f}`), tags: ['added']}).noteId;
			removeNotes(col, [removed]);
		} finally {
			col.close();
		}
		const up = await sync(w, w.a);
		expect(up.outcome).toBe('incremental');
		expect(pending(w.a)).toBe(0);
		// The server holds the rows as written (usn aside: it stamps its own), the tags registered.
		const server = rows(w.server.collectionPath);
		expect(server.notes).toEqual(rows(w.a).notes);
		expect(server.cards).toEqual(rows(w.a).cards);
		expect(server.tags).toEqual(expect.arrayContaining(['Synced', 'edit::ed', 'added']));
		const serverNote = (id: number) => server.notes.find(row => row[0] === id);
		expect(String(serverNote(edited)![4])).toBe(' edit::ed Synced '); // (usn left out of the rows)
		expect(String(serverNote(edited)![5])).toContain('<b>edited</b>');
		expect(serverNote(added)).toBeDefined();
		expect(serverNote(removed)).toBeUndefined();
		// Another client pulls the same rows, sfld and csum included.
		await sync(w, w.b);
		expect(rows(w.b)).toEqual(rows(w.a));
	});

	it('when both sides changed the same card, the newer mod wins; review logs from both are kept', async () => {
		const w = await world();
		await sync(w, w.a);
		await sync(w, w.b);
		const card = firstCard(w.a);
		answer(w.b, card, 2);
		await new Promise(resolve => setTimeout(resolve, 1100)); // a later mod (seconds) for A
		answer(w.a, card, 9);
		await sync(w, w.b);
		await sync(w, w.a); // A's pending card is newer: it keeps its own and sends it
		await sync(w, w.b);
		const ivl = (file: string) => {
			const db = new Database(file, {readonly: true});
			const value = db.prepare('select ivl from cards where id = ?').pluck().get(card);
			const logs = db.prepare('select count() from revlog where cid = ?').pluck().get(card);
			db.close();
			return {value, logs};
		};
		expect(ivl(w.a)).toEqual({value: 9, logs: 2});
		expect(ivl(w.b)).toEqual({value: 9, logs: 2});
	});

	it('auto protocol falls back to version 9 for a server that only speaks 9 (ankisyncd 2.2)', async () => {
		const w = await world({maxLegacyVersion: 9});
		const report = await sync(w, w.a, 'auto');
		expect(report.protocol).toBe(9);
		expect(report.outcome).toBe('fullUpload');
	});

	it('auto protocol remembering 9 moves to 10 when the server needs it (v2 timezone on the official server)', async () => {
		const w = await world({minVersion: 10});
		const report = await sync(w, w.a, 'auto', {preferredLegacy: 9});
		expect(report.protocol).toBe(10);
		expect(report.outcome).toBe('fullUpload');
	});

	it('refuses a diverged full sync without a choice, and asks when a chooser is given', async () => {
		const w = await world();
		await sync(w, w.a);
		await sync(w, w.b);
		edit(w.a, (db, now) => db.prepare('update col set scm = ?').run(now));
		edit(w.b, (db, now) => db.prepare('update col set scm = ?').run(now + 1));
		await sync(w, w.a, 10, {fullSync: 'upload'});
		const before = snapshot(w.b); // content, not bytes: opening switches the file to WAL, as Anki does
		await expect(sync(w, w.b)).rejects.toThrow(/--upload .* or --download/);
		expect(snapshot(w.b)).toEqual(before);
		let asked = 0;
		const report = await sync(w, w.b, 10, {chooseFullSync: async () => (asked++, 'download')});
		expect(asked).toBe(1);
		expect(report.outcome).toBe('fullDownload');
		expect(snapshot(report.backupPath!)).toEqual(before);
	});

	it('refuses an upload that would replace a non-empty server with an empty collection', async () => {
		const w = await world();
		await sync(w, w.a);
		await expect(sync(w, w.b, 10, {fullSync: 'upload'})).rejects.toThrow(/Refusing to upload/);
	});
});

describe.skipIf(!hasShared)('sync errors are one clear line, and leave the collection consistent', () => {
	it('wrong password', async () => {
		const w = await world();
		await expect(new SyncServer({endpoint: w.server.url, protocol: 10}).hostKey('user', 'nope')).rejects.toThrow(
			/^Login failed: wrong user name or password$/,
		);
		await expect(new SyncServer({endpoint: w.server.url, protocol: 11}).hostKey('user', 'nope')).rejects.toThrow(
			/^Login failed: wrong user name or password \(or the server does not speak protocol v11: try --protocol legacy\)$/,
		);
	});

	it('a saved host key the server no longer accepts', async () => {
		const w = await world();
		await expect(syncCollection({collectionPath: w.a, endpoint: w.server.url, hkey: 'stale', protocol: 10})).rejects.toThrow(
			/rejected the saved login; run `anki-tui sync --user NAME`/,
		);
	});

	it('a permanent redirect (308) is followed and reported so the new endpoint can be stored', async () => {
		const w = await world();
		const redirector = http.createServer((req, res) => {
			res.writeHead(308, {Location: `${w.server.url}${(req.url ?? '/').slice(1)}`}).end();
		});
		await new Promise<void>(resolve => redirector.listen(0, '127.0.0.1', resolve));
		cleanups.push(() => new Promise<void>(resolve => redirector.close(() => resolve())));
		const old = `http://127.0.0.1:${(redirector.address() as net.AddressInfo).port}/`;
		const report = await syncCollection({collectionPath: w.a, endpoint: old, hkey: w.hkey, protocol: 11});
		expect(report.outcome).toBe('fullUpload');
		expect(report.endpoint).toBe(w.server.url);
	});

	it('a server that stops answering times out with one line', async () => {
		const silent = http.createServer(() => {
			// never answers
		});
		await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
		cleanups.push(() => new Promise<void>(resolve => {
			silent.closeAllConnections();
			silent.close(() => resolve());
		}));
		const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/`;
		await expect(new SyncServer({endpoint: url, protocol: 10, timeoutMs: 200}).meta()).rejects.toThrow(
			`Cannot reach the sync server at ${url.slice(0, -1)}: timed out`,
		);
	});

	it('an unreachable server', async () => {
		const port = await new Promise<number>(resolve => {
			const probe = net.createServer().listen(0, '127.0.0.1', () => {
				const {port} = probe.address() as net.AddressInfo;
				probe.close(() => resolve(port));
			});
		});
		await expect(new SyncServer({endpoint: `http://127.0.0.1:${port}/`, protocol: 10}).meta()).rejects.toThrow(
			`Cannot reach the sync server at http://127.0.0.1:${port}: connection refused`,
		);
	});

	it('a sync backs the collection up before its first write (full upload, then incremental)', async () => {
		const w = await world();
		const backupsOf = (file: string) => {
			const dir = path.join(path.dirname(file), 'backups');
			// oldest first (two in the same second are named backup-T and backup-T-1)
			const files = existsSync(dir) ? readdirSync(dir).map(name => path.join(dir, name)) : [];
			return files.sort((x, y) => statSync(x).mtimeMs - statSync(y).mtimeMs);
		};
		const beforeUpload = snapshot(w.a);
		expect((await sync(w, w.a, 10, {media: false})).outcome).toBe('fullUpload');
		// the upload's bookkeeping (usn 0, new scm) is the first write
		expect(backupsOf(w.a)).toHaveLength(1);
		expect(snapshot(backupsOf(w.a)[0]!)).toEqual(beforeUpload);
		answer(w.a, firstCard(w.a), 3);
		const beforeIncremental = snapshot(w.a);
		expect((await sync(w, w.a, 10, {media: false})).outcome).toBe('incremental');
		const taken = backupsOf(w.a);
		expect(taken).toHaveLength(2);
		expect(snapshot(taken[1]!)).toEqual(beforeIncremental);
		expect(snapshot(w.a)).not.toEqual(beforeIncremental);
	});

	it('a server error in the middle of an incremental sync rolls back; the next sync recovers', async () => {
		const w = await world();
		await sync(w, w.a);
		answer(w.a, firstCard(w.a), 3);
		const before = snapshot(w.a); // content, not bytes: opening switches the file to WAL, as Anki does
		const failing = await world({failures: [{method: 'sanityCheck2', status: 500, body: 'A server error occurred.  Please contact the administrator.'}]});
		// Point A at the failing server's copy of the same account state.
		copyFileSync(w.server.collectionPath, failing.server.collectionPath);
		await expect(sync({...failing, hkey: failing.hkey}, w.a, 10, {media: false})).rejects.toThrow(
			/^Sync server error on sync\/sanityCheck2: HTTP 500 A server error occurred\. Please contact the administrator\.$/,
		);
		expect(snapshot(w.a)).toEqual(before);
		expect(pending(w.a)).toBe(2);
		const report = await sync({...failing, hkey: failing.hkey}, w.a, 10, {media: false});
		expect(report.outcome).toBe('incremental');
		expect(pending(w.a)).toBe(0);
		expect(failing.server.calls).toContain('abort');
	});

	it('an interrupted sync (Ctrl-C) leaves the collection unchanged; the next sync completes', async () => {
		const cancel = {cancelled: false};
		const w = await world({beforeMethod: method => method === 'applyChunk' && (cancel.cancelled = true)});
		await sync(w, w.a, 10, {media: false});
		answer(w.a, firstCard(w.a), 3);
		const before = snapshot(w.a); // content, not bytes: opening switches the file to WAL, as Anki does
		await expect(sync(w, w.a, 10, {cancel, media: false})).rejects.toThrow(/interrupted; the collection is unchanged/);
		expect(snapshot(w.a)).toEqual(before);
		cancel.cancelled = false;
		const w2 = {...w};
		const report = await sync(w2, w.a, 10, {media: false, cancel: {cancelled: false}});
		expect(report.outcome).toBe('incremental');
		expect(pending(w.a)).toBe(0);
		await sync(w, w.b, 10, {media: false});
		expect(rows(w.b)).toEqual(rows(w.a));
	});

	it('protocol mismatches: a non-JSON answer, a refused version, a missing v11 header', async () => {
		const garbage = await world({failures: [{method: 'meta', status: 200, body: '<html>hello</html>'}]});
		await expect(sync(garbage, garbage.a)).rejects.toThrow(/^Sync protocol mismatch on sync\/meta: the answer is not JSON/);
		const old = await world({failures: [{method: 'meta', status: 501}]});
		await expect(sync(old, old.a)).rejects.toThrow(/refuses this client or sync protocol version \(HTTP 501\)/);
		const refused = await world({maxLegacyVersion: 9});
		await expect(sync(refused, refused.a, 10)).rejects.toThrow(/^The server refused to sync: Your client is using unsupported sync protocol \(10/);
	});

	it('a corrupt server download never replaces the local collection', async () => {
		const w = await world({failures: [{method: 'download', status: 200, body: 'not a database at all'.repeat(100)}]});
		await sync(w, w.a);
		// B is empty, so it downloads; the check must stop the damaged file.
		const before = snapshot(w.b); // content, not bytes: opening switches the file to WAL, as Anki does
		await expect(sync(w, w.b)).rejects.toThrow('The server sent a damaged collection; the local collection was left unchanged');
		expect(snapshot(w.b)).toEqual(before);
		expect(existsSync(`${w.b}.download-tmp`)).toBe(false);
	});

	it('the server refusing an upload is reported and the local collection is untouched', async () => {
		const w = await world({failures: [{method: 'upload', status: 200, body: 'collection exceeds size limit'}]});
		const before = snapshot(w.a); // content, not bytes: opening switches the file to WAL, as Anki does
		await expect(sync(w, w.a)).rejects.toThrow('The server refused the upload: collection exceeds size limit');
		expect(snapshot(w.a)).toEqual(before);
	});
});


