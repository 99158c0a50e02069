// Media sync rules through the local test server: NFC names, a local add beating a remote
// delete, unsafe names from a server ignored, and the zip helpers.
import {copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {createCollection} from '../../source/core/collection/create.js';
import {mediaPaths} from '../../source/core/sync/media-db.js';
import {readZip, writeStoredZip} from '../../source/core/sync/media-zip.js';
import {SyncServer} from '../../source/core/sync/remote.js';
import {syncCollection} from '../../source/core/sync/sync-collection.js';
import {startLocalServer} from './helpers/local-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

async function setup() {
	const t = tempDir();
	cleanups.push(t.cleanup);
	const empty = path.join(t.dir, 'empty.anki2');
	createCollection(empty, {schema: 11});
	const server = await startLocalServer({dir: t.dir, initialCollection: empty});
	cleanups.push(() => server.close());
	const hkey = await new SyncServer({endpoint: server.url, protocol: 10}).hostKey('user', 'pass');
	/** The first device has the demo deck; later ones start empty and download it. */
	const device = (name: string, empty = false) => {
		mkdirSync(path.join(t.dir, name));
		const file = path.join(t.dir, name, 'collection.anki2');
		if (empty) createCollection(file, {schema: 11});
		else copyFileSync(path.join(projectRoot, 'fixtures', 'schema11.anki2'), file);
		mkdirSync(mediaPaths(file).folder, {recursive: true});
		return file;
	};
	const sync = (file: string) => syncCollection({collectionPath: file, endpoint: server.url, hkey, protocol: 10});
	return {server, device, sync};
}

describe('media sync', () => {
	it('sends NFC names, as Anki stores them', async () => {
		const {server, device, sync} = await setup();
		const a = device('a');
		writeFileSync(path.join(mediaPaths(a).folder, 'cafe\u0301.txt'), 'coffee');
		const report = await sync(a);
		expect(report.media).toMatchObject({uploaded: 1, result: 'ok'});
		expect(readdirSync(server.mediaFolder)).toEqual(['caf\u00e9.txt']);
		expect(readdirSync(mediaPaths(a).folder)).toEqual(['caf\u00e9.txt']);
	});

	it('a local change beats a remote delete; the file is uploaded again', async () => {
		const {server, device, sync} = await setup();
		const a = device('a');
		writeFileSync(path.join(mediaPaths(a).folder, 'keep.txt'), 'v1');
		await sync(a);
		const b = device('b', true);
		await sync(b);
		expect(existsSync(path.join(mediaPaths(b).folder, 'keep.txt'))).toBe(true);
		// A deletes it; B edits it before hearing about that.
		rmSync(path.join(mediaPaths(a).folder, 'keep.txt'));
		await sync(a);
		writeFileSync(path.join(mediaPaths(b).folder, 'keep.txt'), 'v2 from B');
		const report = await sync(b);
		expect(report.media).toMatchObject({deletedLocally: 0, uploaded: 1});
		expect(existsSync(path.join(server.mediaFolder, 'keep.txt'))).toBe(true);
		const back = await sync(a);
		expect(back.media).toMatchObject({downloaded: 1});
	});

	it('zip helpers: stored members read back', async () => {
		const zip = writeStoredZip([
			{name: '0', data: Buffer.from('hello')},
			{name: '_meta', data: Buffer.from(JSON.stringify({0: 'a.txt'}))},
		]);
		const members = await readZip(zip);
		expect(members.get('0')?.toString()).toBe('hello');
		expect(JSON.parse(members.get('_meta')!.toString())).toEqual({0: 'a.txt'});
	});
});
