// A sync server may be broken, misconfigured or hostile: every reply is capped and streamed, media
// zips are bounded per file and per batch (as the package importer bounds zip members), and an
// oversized, cut-off or malformed reply ends the sync with one line (exit 4 from the CLI), the
// collection as it was and no partial media file. Runs against the local test server.
import {createHash} from 'node:crypto';
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createCollection} from '../../source/core/collection/create.js';
import {SyncError} from '../../source/core/errors.js';
import {MediaDb, mediaPaths} from '../../source/core/sync/media-db.js';
import {SyncServer} from '../../source/core/sync/remote.js';
import {syncCollection} from '../../source/core/sync/sync-collection.js';
import type {SyncLimits} from '../../source/core/sync/limits.js';
import {zstdCompress} from '../../source/core/zstd/encode.js';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {buildZip, deflatedEntry, deflatedZeros, storedEntry} from '../helpers/zip.js';
import {runCliAsync} from '../cli/run-cli.js';
import {startLocalServer} from './helpers/local-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

type Hostile = (method: string, res: http.ServerResponse, v11: boolean) => boolean;
const sha1 = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex');

/**
 * Device A syncs the demo collection and one media file (big.bin) up; device B holds the same
 * collection, so its sync has nothing to do but download big.bin. `hostile` then answers B's calls.
 */
async function setup() {
	const t = tempDir();
	cleanups.push(t.cleanup);
	const empty = path.join(t.dir, 'empty.anki2');
	createCollection(empty, {schema: 11});
	let hostile: Hostile | undefined;
	const server = await startLocalServer({dir: t.dir, initialCollection: empty, respond: (method, res, v11) => hostile?.(method, res, v11) ?? false});
	cleanups.push(() => server.close());
	const hkey = await new SyncServer({endpoint: server.url, protocol: 10}).hostKey('user', 'pass');
	const device = (name: string) => {
		mkdirSync(path.join(t.dir, name));
		const file = path.join(t.dir, name, 'collection.anki2');
		mkdirSync(mediaPaths(file).folder, {recursive: true});
		return file;
	};
	const sync = (file: string, limits?: Partial<SyncLimits>, protocol: 10 | 11 = 10) => syncCollection({collectionPath: file, endpoint: server.url, hkey, protocol, limits});
	const a = device('a');
	copyFileSync(path.join(projectRoot, 'fixtures', 'schema11.anki2'), a);
	writeFileSync(path.join(mediaPaths(a).folder, 'big.bin'), 'small, honestly');
	await sync(a);
	const b = device('b');
	copyFileSync(a, b);
	/** B's state: its collection's hash, its media folder and what its media DB lists. */
	const stateOfB = () => {
		const db = new MediaDb(mediaPaths(b));
		try {
			return {collection: sha1(b), media: readdirSync(mediaPaths(b).folder), bigBin: db.entry('big.bin')?.csum ?? null, leftovers: readdirSync(path.dirname(b)).filter(n => n.startsWith('.anki-tui'))};
		} finally {
			db.close();
		}
	};
	return {server, a, b, sync, stateOfB, url: server.url, dir: t.dir, setHostile: (h: Hostile | undefined) => (hostile = h)};
}

function send(res: http.ServerResponse, body: Buffer): true {
	res.writeHead(200, {'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length)});
	res.end(body);
	return true;
}

async function syncError(promise: Promise<unknown>): Promise<SyncError> {
	const error = await promise.then(() => undefined, (e: unknown) => e);
	expect(error).toBeInstanceOf(SyncError);
	expect((error as Error).message).not.toContain('\n');
	return error as SyncError;
}

/** 1.5 MB of zip holding one 1.5 GiB member of zeros, declared honestly. */
function zipBomb(): Buffer {
	const zeros = deflatedZeros(1536);
	return buildZip([{name: '0', stored: zeros.stored, method: 8, size: zeros.size, crc: zeros.crc}, storedEntry('_meta', JSON.stringify({0: 'big.bin'}))]);
}

describe('media zips from msync/downloadFiles', () => {
	it('a 1.5 MB zip holding a 1.5 GiB member is refused by the per-file limit before anything is inflated; the next sync recovers', async () => {
		const s = await setup();
		const before = s.stateOfB();
		const bomb = zipBomb();
		expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
		s.setHostile((method, res) => method === 'downloadFiles' && send(res, bomb));
		const error = await syncError(s.sync(s.b));
		expect(error.message).toMatch(/^The sync server at http:\/\/127\.0\.0\.1:\d+ sent a media zip \(msync\/downloadFiles\) holding "big\.bin" of 1536\.0 MiB, over the 100\.0 MiB limit for one media file; the sync stopped, and no partial media file was written\.$/);
		expect(s.stateOfB()).toEqual(before);
		s.setHostile(undefined);
		await s.sync(s.b);
		expect(readFileSync(path.join(mediaPaths(s.b).folder, 'big.bin'), 'utf8')).toBe('small, honestly');
	});

	it('a member that inflates beyond its declared size, and all members together over the batch limit', async () => {
		const s = await setup();
		const before = s.stateOfB();
		const zeros = deflatedZeros(8);
		const liar = buildZip([{name: '0', stored: zeros.stored, method: 8, size: 1000, crc: zeros.crc}, storedEntry('_meta', JSON.stringify({0: 'big.bin'}))]);
		s.setHostile((method, res) => method === 'downloadFiles' && send(res, liar));
		expect((await syncError(s.sync(s.b))).message).toMatch(/"big\.bin" expands beyond its declared size or the limit/);
		expect(s.stateOfB()).toEqual(before);
		const two = buildZip([deflatedEntry('0', Buffer.alloc(600 * 1024)), deflatedEntry('1', Buffer.alloc(600 * 1024)), storedEntry('_meta', JSON.stringify({0: 'big.bin', 1: 'other.bin'}))]);
		s.setHostile((method, res) => method === 'downloadFiles' && send(res, two));
		expect((await syncError(s.sync(s.b, {maxMediaBatchBytes: 1024 * 1024}))).message).toMatch(/holding over 1\.0 MiB of files/);
		// The first file was complete and is kept, listed in the media DB; the second never appeared.
		expect(readdirSync(mediaPaths(s.b).folder)).toEqual(['big.bin']);
		expect(s.stateOfB().bigBin).toBe(createHash('sha1').update(Buffer.alloc(600 * 1024)).digest('hex'));
	});

	it('a zip that is not a zip, and one without _meta', async () => {
		const s = await setup();
		const before = s.stateOfB();
		s.setHostile((method, res) => method === 'downloadFiles' && send(res, Buffer.from('<html>proxy error</html>')));
		expect((await syncError(s.sync(s.b))).message).toMatch(/sent a media zip \(msync\/downloadFiles\) that cannot be read as a zip/);
		s.setHostile((method, res) => method === 'downloadFiles' && send(res, buildZip([storedEntry('0', 'x')])));
		expect((await syncError(s.sync(s.b))).message).toMatch(/without _meta/);
		expect(s.stateOfB()).toEqual(before);
	});
});

describe('replies over the cap or cut off', () => {
	it('a reply streamed without a length is stopped as soon as it passes the cap', async () => {
		const s = await setup();
		const before = s.stateOfB();
		let sent = 0;
		s.setHostile((method, res) => {
			if (method !== 'meta') return false;
			res.writeHead(200, {'Content-Type': 'application/json'});
			const chunk = Buffer.alloc(64 * 1024, 0x20);
			const pump = () => {
				while (sent < 64 * 1024 * 1024 && !res.destroyed) {
					sent += chunk.length;
					if (!res.write(chunk)) return void res.once('drain', pump);
				}
				res.end();
			};
			pump();
			return true;
		});
		expect((await syncError(s.sync(s.b, {maxReplyBytes: 1024 * 1024}))).message).toMatch(/^The sync server at http:\/\/127\.0\.0\.1:\d+ sent its reply to sync\/meta over the 1\.0 MiB anki-tui accepts; the sync stopped/);
		expect(sent).toBeLessThan(64 * 1024 * 1024); // the client hung up long before the end
		expect(s.stateOfB()).toEqual(before);
	});

	it('v11: a small zstd body that decompresses beyond the cap', async () => {
		const s = await setup();
		const bomb = zstdCompress(Buffer.alloc(8 * 1024 * 1024));
		s.setHostile((method, res, v11) => {
			if (method !== 'meta' || !v11) return false;
			res.writeHead(200, {'anki-original-size': '100', 'Content-Length': String(bomb.length)});
			res.end(bomb);
			return true;
		});
		expect((await syncError(s.sync(s.b, {maxReplyBytes: 1024 * 1024}, 11))).message).toMatch(/sent its reply to sync\/meta over the 1\.0 MiB anki-tui accepts/);
	});

	it('a full download cut off half-way leaves the collection as it was and no partial file', async () => {
		const s = await setup();
		const fresh = path.join(s.dir, 'fresh', 'collection.anki2');
		mkdirSync(path.dirname(fresh));
		createCollection(fresh, {schema: 11, journalMode: 'wal'}); // as a sync leaves it: opening it then changes no byte
		const before = sha1(fresh);
		s.setHostile((method, res) => {
			if (method !== 'download') return false;
			res.writeHead(200, {'Content-Length': '1000000'});
			res.write(Buffer.alloc(1000));
			setTimeout(() => res.socket?.destroy(), 20);
			return true;
		});
		expect((await syncError(s.sync(fresh))).message).toMatch(/cut off its reply to sync\/download \(1000 of 1000000 bytes\)/);
		expect(sha1(fresh)).toBe(before);
		expect(readdirSync(path.dirname(fresh)).filter(n => n.includes('download'))).toEqual([]);
	});
});

describe('anki-tui sync (built CLI) against a hostile server: one line, exit 4', () => {
	async function cli(s: Awaited<ReturnType<typeof setup>>) {
		const result = await runCliAsync(['sync', '--collection', s.b, '--endpoint', s.url, '--user', 'user', '--password-stdin'], {}, 'pass\n');
		expect(result.status, result.stderr).toBe(4);
		expect(result.stdout).toBe('');
		const lines = result.stderr.trimEnd().split('\n').filter(line => !line.endsWith('…')); // progress lines
		expect(lines, result.stderr).toHaveLength(1);
		expect(result.stderr).not.toMatch(/\n\s+at |unexpected error/);
		return lines[0]!;
	}

	it('the media zip bomb', async () => {
		const s = await setup();
		const before = s.stateOfB();
		const bomb = zipBomb();
		s.setHostile((method, res) => method === 'downloadFiles' && send(res, bomb));
		expect(await cli(s)).toMatch(/^anki-tui: The sync server at .* holding "big\.bin" of 1536\.0 MiB, over the 100\.0 MiB limit for one media file/);
		expect(s.stateOfB()).toEqual(before);
	});

	it('a reply announcing more than the cap, and one cut off', async () => {
		const s = await setup();
		const before = s.stateOfB();
		s.setHostile((method, res) => {
			if (method !== 'meta') return false;
			res.writeHead(200, {'Content-Length': String(400 * 1024 * 1024)});
			res.write('{');
			return true;
		});
		expect(await cli(s)).toMatch(/^anki-tui: The sync server at .* sent its reply to sync\/meta over the 300\.0 MiB anki-tui accepts/);
		s.setHostile((method, res) => {
			if (method !== 'meta') return false;
			res.writeHead(200, {'Content-Length': '1000'});
			res.write('{"mod": 1');
			setTimeout(() => res.socket?.destroy(), 20);
			return true;
		});
		expect(await cli(s)).toMatch(/^anki-tui: The sync server at .* cut off its reply to sync\/meta \(9 of 1000 bytes\); nothing of it was kept\. Run the sync again\.$/);
		expect(s.stateOfB()).toEqual(before);
		expect(existsSync(path.join(s.dir, 'b', 'backups'))).toBe(false);
	});
});
