// Replays the real ankisyncd 2.2.0 traffic: a local server answers with the recorded responses and
// checks that anki-tui's requests carry what Anki 2.1.12's client sent; the resulting collection
// is compared with the client's recorded "after" collection.
import {copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {hasShared, noticeIfNoShared, tempDir} from '../helpers/shared.js';
import {syncCollection, type SyncRequest} from '../../source/core/sync/sync-collection.js';
import {SyncServer} from '../../source/core/sync/remote.js';
import {readZip} from '../../source/core/sync/media-zip.js';
import {mediaPaths} from '../../source/core/sync/media-db.js';
import {startReplayServer, type ReplayServer} from './helpers/replay-server.js';
import {fixturePath, loadTraffic} from './helpers/traffic.js';
import {snapshot, withoutTimes, type Snapshot} from './helpers/snapshot.js';

noticeIfNoShared();

const HKEY_A = 'a5cda26a1bee5c660743c5000e32ee73';
const HKEY_B = '1a11bfb7c377af8bd3c0243f12774a83';
const HKEY_Q = 'ec95ebc0a766f18905a6436379dbd3ba';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

async function replay(scenario: string, options: {binaryCheck?: boolean} = {}): Promise<ReplayServer> {
	const server = await startReplayServer(loadTraffic(scenario), {checkBinary: options.binaryCheck ? checkBinary : undefined});
	cleanups.push(() => server.close());
	return server;
}

/** Upload: the same rows and usns as Anki's prepared file; zip: the same files under the same names. */
async function checkBinary(endpoint: string, ours: Buffer, recorded: Buffer): Promise<string[]> {
	const t = tempDir();
	cleanups.push(t.cleanup);
	if (endpoint === '/sync/upload') {
		writeFileSync(path.join(t.dir, 'ours.anki2'), ours);
		writeFileSync(path.join(t.dir, 'recorded.anki2'), recorded);
		const a = snapshot(path.join(t.dir, 'ours.anki2'));
		const b = snapshot(path.join(t.dir, 'recorded.anki2'));
		dropSchedulerDyn(a, b);
		const problems: string[] = [];
		try {
			expect(withoutTimes(a)).toEqual(withoutTimes(b));
		} catch (error) {
			problems.push(`uploaded collection differs: ${(error as Error).message.slice(0, 4000)}`);
		}
		if (a.col.ls !== a.col.scm) problems.push('uploaded ls != scm');
		return problems;
	}
	if (endpoint === '/msync/uploadChanges') {
		const a = await readZip(ours);
		const b = await readZip(recorded);
		const metaA = JSON.parse(a.get('_meta')!.toString());
		const metaB = JSON.parse(b.get('_meta')!.toString());
		const problems: string[] = [];
		if (JSON.stringify(metaA) !== JSON.stringify(metaB)) problems.push(`_meta ${JSON.stringify(metaA)} vs ${JSON.stringify(metaB)}`);
		for (const [name, data] of b) if (name !== '_meta' && !data.equals(a.get(name) ?? Buffer.alloc(0))) problems.push(`member ${name} differs`);
		return problems;
	}
	return [`unexpected binary payload on ${endpoint}`];
}

/**
 * Anki 2.1.12's scheduler writes "dyn": false into deck configs it has looked at (confForDid):
 * a side effect of having studied, not part of the upload preparation, so it is not compared.
 */
function dropSchedulerDyn(ours: Snapshot, recorded: Snapshot): void {
	const mine = ours.dconf as Record<string, Record<string, unknown>>;
	for (const conf of Object.values(recorded.dconf as Record<string, Record<string, unknown>>)) {
		if (conf.dyn === false && !('dyn' in (mine[String(conf.id)] ?? {}))) delete conf.dyn;
	}
}

function clientCopy(dir: string, scenario: string, which: 'client-before' | 'client-after' = 'client-before'): string {
	const file = path.join(dir, 'collection.anki2');
	copyFileSync(fixturePath(`${scenario}.${which}.anki2`), file);
	return file;
}

function downloadedBytes(scenario: string): Buffer {
	const exchange = loadTraffic(scenario).find(e => e.endpoint === '/sync/download')!;
	return Buffer.from(exchange.response.b64!, 'base64');
}

function request(server: ReplayServer, collectionPath: string, hkey: string, extra: Partial<SyncRequest> = {}): SyncRequest {
	return {collectionPath, endpoint: server.url, hkey, protocol: 9, now: () => server.nextTime(), media: false, ...extra};
}

describe.skipIf(!hasShared)('replay of recorded ankisyncd traffic', () => {
	it('logs in and maps a wrong password to a one-line error (login.jsonl)', async () => {
		const server = await replay('login');
		const client = new SyncServer({endpoint: server.url, protocol: 9});
		expect(await client.hostKey('fixture', 'fixture-pass')).toBe(HKEY_A);
		await expect(client.hostKey('fixture', 'wrong-password')).rejects.toThrow('Login failed: wrong user name or password');
		expect(server.problems).toEqual([]);
		expect(server.served()).toBe(2);
	});

	it('first upload: meta, full upload of a prepared copy, media upload (first-upload.jsonl)', async () => {
		const server = await replay('first-upload', {binaryCheck: true});
		const t = tempDir();
		cleanups.push(t.cleanup);
		const file = clientCopy(t.dir, 'first-upload');
		const media = mediaPaths(file);
		mkdirSync(media.folder);
		copyFileSync(fixturePath('fixture-dot.png'), path.join(media.folder, 'fixture-dot.png'));

		const report = await syncCollection(request(server, file, HKEY_A, {media: true}));
		expect(server.problems).toEqual([]);
		expect(server.served()).toBe(6);
		expect(report.outcome).toBe('fullUpload');
		expect(report.media).toMatchObject({uploaded: 1, result: 'ok'});
		// The local file is now what the server holds.
		const ours = snapshot(file);
		const after = snapshot(fixturePath('first-upload.client-after.anki2'));
		dropSchedulerDyn(ours, after);
		expect(withoutTimes(ours)).toEqual(withoutTimes(after));
		expect(ours.col.ls).toBe(ours.col.scm);
	});

	it('first download on an empty collection, then media download (first-download.jsonl)', async () => {
		const server = await replay('first-download');
		const t = tempDir();
		cleanups.push(t.cleanup);
		const file = clientCopy(t.dir, 'first-download');
		// B logs in first, as `anki-tui sync --user` does.
		expect(await new SyncServer({endpoint: server.url, protocol: 9}).hostKey('fixture', 'fixture-pass')).toBe(HKEY_B);
		const report = await syncCollection(request(server, file, HKEY_B, {media: true}));
		expect(server.problems).toEqual([]);
		expect(server.served()).toBe(8);
		expect(report.outcome).toBe('fullDownload');
		// Legacy download: the file is kept exactly as the server sent it, as Anki 2.1.12 does.
		expect(readFileSync(file)).toEqual(downloadedBytes('first-download'));
		expect(snapshot(file)).toEqual(snapshot(fixturePath('first-download.client-after.anki2')));
		expect(report.backupPath && existsSync(report.backupPath)).toBeTruthy();
		const png = readFileSync(path.join(mediaPaths(file).folder, 'fixture-dot.png'));
		expect(png).toEqual(readFileSync(fixturePath('fixture-dot.png')));
	});

	it('incremental sync sends reviews, a new note and a deletion exactly as Anki (incremental-review.jsonl)', async () => {
		const server = await replay('incremental-review');
		const t = tempDir();
		cleanups.push(t.cleanup);
		const file = clientCopy(t.dir, 'incremental-review');
		const report = await syncCollection(request(server, file, HKEY_A));
		expect(server.problems).toEqual([]);
		expect(server.served()).toBe(8);
		expect(report.outcome).toBe('incremental');
		expect(report.incremental).toMatchObject({sentRows: 8, sentGraves: 3, receivedRows: 0});
		expect(snapshot(file)).toEqual(snapshot(fixturePath('incremental-review.client-after.anki2')));
	});

	it('incremental sync receives graves, decks, tags, conf and rows (incremental-pull.jsonl)', async () => {
		const server = await replay('incremental-pull');
		const t = tempDir();
		cleanups.push(t.cleanup);
		const file = clientCopy(t.dir, 'incremental-pull');
		const report = await syncCollection(request(server, file, HKEY_B));
		expect(server.problems).toEqual([]);
		expect(server.served()).toBe(8);
		expect(report.incremental).toMatchObject({receivedRows: 8, receivedGraves: 3, sentRows: 0});
		expect(snapshot(file)).toEqual(snapshot(fixturePath('incremental-pull.client-after.anki2')));
	});

	it('stops after meta when nothing changed, and media begin only (no-changes.jsonl)', async () => {
		const server = await replay('no-changes');
		const t = tempDir();
		cleanups.push(t.cleanup);
		const file = clientCopy(t.dir, 'no-changes');
		// B's media state after its first sync: the file is there, server media usn 1.
		const media = mediaPaths(file);
		mkdirSync(media.folder);
		copyFileSync(fixturePath('fixture-dot.png'), path.join(media.folder, 'fixture-dot.png'));
		const {MediaDb} = await import('../../source/core/sync/media-db.js');
		const mdb = new MediaDb(media);
		mdb.registerLocalChanges();
		mdb.markClean(['fixture-dot.png']);
		mdb.setLastUsn(1);
		mdb.close();
		const before = snapshot(file); // content, not bytes: opening switches the file to WAL, as Anki does
		const report = await syncCollection(request(server, file, HKEY_B, {media: true}));
		expect(server.problems).toEqual([]);
		expect(server.served()).toBe(2);
		expect(report.outcome).toBe('noChanges');
		expect(report.media?.result).toBe('noChanges');
		expect(snapshot(file)).toEqual(before);
	});

	it('a schema change needs a full sync: refused without a choice, uploaded with --upload (conflict-schema.jsonl)', async () => {
		const t = tempDir();
		cleanups.push(t.cleanup);
		const file = clientCopy(t.dir, 'conflict-schema');
		const before = snapshot(file); // content, not bytes: opening switches the file to WAL, as Anki does
		const refusing = await replay('conflict-schema');
		await expect(syncCollection(request(refusing, file, HKEY_A))).rejects.toThrow(/rerun with --upload .* or --download/);
		expect(snapshot(file)).toEqual(before);

		const server = await replay('conflict-schema', {binaryCheck: true});
		const report = await syncCollection(request(server, file, HKEY_A, {fullSync: 'upload'}));
		expect(server.problems).toEqual([]);
		expect(server.served()).toBe(2);
		expect(report.outcome).toBe('fullUpload');
		expect(withoutTimes(snapshot(file))).toEqual(withoutTimes(snapshot(fixturePath('conflict-schema.client-after.anki2'))));
	});

	it('a schema change downloaded with --download keeps a backup (conflict-schema-download.jsonl)', async () => {
		const server = await replay('conflict-schema-download');
		const t = tempDir();
		cleanups.push(t.cleanup);
		const file = clientCopy(t.dir, 'conflict-schema-download');
		const before = snapshot(file); // content, not bytes: opening switches the file to WAL, as Anki does
		const report = await syncCollection(request(server, file, HKEY_B, {fullSync: 'download'}));
		expect(server.problems).toEqual([]);
		expect(report.outcome).toBe('fullDownload');
		expect(readFileSync(file)).toEqual(downloadedBytes('conflict-schema-download'));
		expect(snapshot(file)).toEqual(snapshot(fixturePath('conflict-schema-download.client-after.anki2')));
		expect(snapshot(report.backupPath!)).toEqual(before);
	});

	it('a failed sanity check rolls back and forces a full sync next time (sanity-check-failed.jsonl)', async () => {
		const server = await replay('sanity-check-failed');
		const t = tempDir();
		cleanups.push(t.cleanup);
		const file = clientCopy(t.dir, 'sanity-check-failed');
		const before = snapshot(file);
		await expect(syncCollection(request(server, file, HKEY_Q))).rejects.toThrow(/sanity check failed/);
		expect(server.problems).toEqual([]);
		const after = snapshot(file);
		// Rows untouched (still pending), schema marked modified so scm > ls.
		expect({...after, col: {}}).toEqual({...before, col: {}});
		expect(after.col.scm).toBeGreaterThan(after.col.ls);
		expect(withoutTimes(after)).toEqual(withoutTimes(snapshot(fixturePath('sanity-check-failed.client-after.anki2'))));
		// The recorded follow-up: meta now says full sync; without a choice we refuse.
		await expect(syncCollection(request(server, file, HKEY_Q))).rejects.toThrow(/full sync/);
		expect(server.problems).toEqual([]);
	});

	describe('error probes on the quirk account (quirks.jsonl)', () => {
		const quirks = hasShared ? loadTraffic('quirks') : [];
		const pick = (...seqs: number[]) => seqs.map(seq => quirks.find(e => e.seq === seq)!);
		async function serve(...seqs: number[]) {
			const server = await startReplayServer(pick(...seqs));
			cleanups.push(() => server.close());
			return server;
		}

		it('auto mode retries meta with version 9 when ankisyncd refuses 10 (#2, #5)', async () => {
			const server = await serve(2, 5);
			const {connectAndMeta} = await import('../../source/core/sync/sync-collection.js');
			const {server: client, meta} = await connectAndMeta({endpoint: server.url, hkey: HKEY_Q}, 'auto');
			expect(client.protocol).toBe(9);
			expect(meta).toMatchObject({usn: 0, cont: true});
			expect(server.problems).toEqual([]);
			expect(server.served()).toBe(2);
		});

		it('version 10 forced against ankisyncd 2.2: the server message, in one line (#2)', async () => {
			const server = await serve(2);
			const {connectAndMeta} = await import('../../source/core/sync/sync-collection.js');
			await expect(connectAndMeta({endpoint: server.url, hkey: HKEY_Q}, 10)).rejects.toThrow(
				'The server refused to sync: Your client is using unsupported sync protocol (10, supported version: 9)',
			);
		});

		it('HTTP 500, 501 and 403 on meta become one-line errors (#3, #4, #6)', async () => {
			const s500 = await serve(3);
			await expect(new SyncServer({endpoint: s500.url, protocol: 9, hkey: HKEY_Q}).meta()).rejects.toThrow(
				/^Sync server error on sync\/meta: HTTP 500 A server error occurred\. Please contact the administrator\.$/,
			);
			const s501 = await serve(4);
			await expect(new SyncServer({endpoint: s501.url, protocol: 9, hkey: HKEY_Q}).meta()).rejects.toThrow(/HTTP 501/);
			const s403 = await serve(6);
			await expect(new SyncServer({endpoint: s403.url, protocol: 9, hkey: '0123456789abcdef0123456789abcdef'}).meta()).rejects.toThrow(
				/rejected the saved login/,
			);
			for (const server of [s500, s501, s403]) expect(server.problems).toEqual([]);
		});

		it('abort is best effort: ankisyncd answers 404 and that is ignored (#7)', async () => {
			const server = await serve(7);
			await new SyncServer({endpoint: server.url, protocol: 9, hkey: HKEY_Q}).abort();
			expect(server.served()).toBe(1);
			expect(server.problems).toEqual([]);
		});

		it('a rejected upload is an error, with a Content-Length body as ankisyncd needs (#9)', async () => {
			const server = await serve(9);
			await expect(new SyncServer({endpoint: server.url, protocol: 9, hkey: HKEY_Q}).upload(Buffer.from('not sqlite'))).rejects.toThrow(
				/^Sync server error on sync\/upload: HTTP 500/,
			);
			expect(server.received[0].headers['content-length']).toBeDefined();
			expect(server.received[0].headers['transfer-encoding']).toBeUndefined();
		});
	});
});
