// `anki-tui sync` end to end against the local test server: login, the saved sync.json (mode
// 0600, host key but never the password), reuse on the next run, and usage errors.
import {copyFileSync, existsSync, mkdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {PassThrough, Readable} from 'node:stream';
import {afterEach, describe, expect, it} from 'vitest';
import {hasShared, noticeIfNoShared, tempDir} from '../helpers/shared.js';
import {parseProtocolFlag, runSync, type SyncCommandOptions} from '../../source/commands/sync.js';
import {startLocalServer} from './helpers/local-server.js';
import {fixturePath} from './helpers/traffic.js';

noticeIfNoShared();

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

function capture() {
	const stream = new PassThrough();
	let text = '';
	stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
	return {stream: stream as unknown as NodeJS.WriteStream, text: () => text};
}

function stdinWith(text: string): NodeJS.ReadStream {
	return Readable.from([Buffer.from(text)]) as unknown as NodeJS.ReadStream;
}

async function setup() {
	const t = tempDir();
	cleanups.push(t.cleanup);
	const server = await startLocalServer({dir: t.dir, initialCollection: fixturePath('first-download.client-before.anki2'), user: 'ana', password: 's3cret pass'});
	cleanups.push(() => server.close());
	mkdirSync(path.join(t.dir, 'profile'));
	const collectionPath = path.join(t.dir, 'profile', 'collection.anki2');
	copyFileSync(fixturePath('first-upload.client-before.anki2'), collectionPath);
	const configDir = path.join(t.dir, 'config', 'anki-tui');
	const out = capture();
	const err = capture();
	const base: SyncCommandOptions = {
		collectionPath,
		passwordStdin: false,
		upload: false,
		download: false,
		configDir,
		stdout: out.stream,
		stderr: err.stream,
		stdin: stdinWith(''),
	};
	return {server, collectionPath, configDir, out, err, base};
}

describe.skipIf(!hasShared)('anki-tui sync (command)', () => {
	it('logs in with --password-stdin, saves endpoint and host key with mode 0600, and reuses them', async () => {
		const {server, configDir, out, err, base} = await setup();
		const code = await runSync({...base, endpoint: server.url.replace(/\/$/, ''), user: 'ana', passwordStdin: true, stdin: stdinWith('s3cret pass\n')});
		expect(code).toBe(0);
		expect(out.text()).toMatch(/^Uploaded the whole collection to the server; media already in sync\.\n$/);
		expect(err.text()).toContain('Uploading');
		const file = path.join(configDir, 'sync.json');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const saved = readFileSync(file, 'utf8');
		expect(saved).not.toContain('s3cret');
		expect(JSON.parse(saved)).toMatchObject({endpoint: server.url, user: 'ana', protocol: 10});
		expect(JSON.parse(saved).hkey).toMatch(/^[0-9a-f]{40}$/);

		// Later runs need nothing but the collection.
		const calls = server.calls.length;
		const again = capture();
		expect(await runSync({...base, stdout: again.stream})).toBe(0);
		expect(again.text()).toMatch(/^Collection already in sync; media already in sync\.\n$/);
		expect(server.calls.slice(calls)).toEqual(['meta', 'begin']);
		// --user again means "log in again" (e.g. after a password change): it asks for the password.
		await expect(runSync({...base, user: 'ana'})).rejects.toThrow('No terminal to ask for the password: use --password-stdin');
	});

	it('a wrong password is one line and saves nothing', async () => {
		const {server, configDir, base} = await setup();
		await expect(runSync({...base, endpoint: server.url, user: 'ana', passwordStdin: true, stdin: stdinWith('wrong\n')})).rejects.toThrow(
			'Login failed: wrong user name or password',
		);
		expect(existsSync(path.join(configDir, 'sync.json'))).toBe(false);
	});

	it('usage errors: no server yet, no user, no terminal for the password, both directions', async () => {
		const {server, base} = await setup();
		await expect(runSync(base)).rejects.toThrow('No sync server configured yet: run anki-tui sync --endpoint URL --user NAME');
		await expect(runSync({...base, endpoint: server.url})).rejects.toThrow('Give the sync user name with --user NAME');
		await expect(runSync({...base, endpoint: server.url, user: 'ana'})).rejects.toThrow('No terminal to ask for the password: use --password-stdin');
		await expect(runSync({...base, endpoint: server.url, upload: true, download: true})).rejects.toThrow('--upload and --download exclude each other');
		await expect(runSync({...base, endpoint: 'ftp://x'})).rejects.toThrow(/only http and https/);
	});

	it('on a new machine the default collection is created empty and filled by a download', async () => {
		const {server, base, collectionPath} = await setup();
		// Put the demo collection on the server first.
		await runSync({...base, endpoint: server.url, user: 'ana', passwordStdin: true, stdin: stdinWith('s3cret pass')});
		const t = tempDir();
		cleanups.push(t.cleanup);
		const saved = process.env.XDG_DATA_HOME;
		process.env.XDG_DATA_HOME = t.dir;
		cleanups.push(() => {
			if (saved === undefined) delete process.env.XDG_DATA_HOME;
			else process.env.XDG_DATA_HOME = saved;
		});
		const fresh = path.join(t.dir, 'anki-tui', 'collection.anki2');
		const out = capture();
		expect(await runSync({...base, collectionPath: fresh, stdout: out.stream})).toBe(0);
		expect(out.text()).toMatch(/^Downloaded the whole collection from the server/);
		expect(readFileSync(fresh).length).toBeGreaterThan(0);
		expect(collectionPath).not.toBe(fresh);
	});

	it('parses --protocol', () => {
		expect(parseProtocolFlag(undefined)).toBe('auto');
		expect(parseProtocolFlag('legacy')).toBe('auto');
		expect(parseProtocolFlag('v11')).toBe(11);
		expect(parseProtocolFlag('9')).toBe(9);
		expect(() => parseProtocolFlag('12')).toThrow(/Unknown --protocol/);
	});
});
