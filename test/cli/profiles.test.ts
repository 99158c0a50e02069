// `anki-tui profiles` and `--profile NAME` run as a user would, on Anki folders made in a
// temporary HOME: the listing, opening a profile's collection in place with the same lock and
// backup rules as --collection, and the one-line errors.
import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {sha1} from '../collection/helpers.js';
import {hasShared, noticeIfNoShared, projectRoot, sharedFile, tempDir} from '../helpers/shared.js';
import {holdAsAnki, makeAnkiBase} from '../profiles/anki-layout.js';
import {runCli} from './run-cli.js';

noticeIfNoShared();
let temp: ReturnType<typeof tempDir>;
afterEach(() => temp?.cleanup());

function layout() {
	temp = tempDir('anki-tui-cli-profiles-');
	const home = temp.dir;
	const base = path.join(home, '.local', 'share', 'Anki2');
	makeAnkiBase(base, [{name: 'User 1', schema: 18}, {name: 'Work', schema: 11}]);
	const env = {HOME: home, XDG_DATA_HOME: path.join(home, '.local', 'share')};
	return {home, base, env};
}

describe('anki-tui profiles', () => {
	it('lists each profile with schema, size, state and collection path, and how to open one', () => {
		const {base, env} = layout();
		const result = runCli(['profiles', '--no-color'], env);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^Profile\s+Schema\s+Size\s+State\s+Collection$/);
		expect(lines[1]).toMatch(new RegExp(`^User 1\\s+18\\s+\\d+\\.\\d KiB\\s+${escape(path.join(base, 'User 1', 'collection.anki2'))}$`));
		expect(lines[2]).toMatch(new RegExp(`^Work\\s+11\\s+\\d+\\.\\d KiB\\s+${escape(path.join(base, 'Work', 'collection.anki2'))}$`));
		expect(lines.at(-1)).toBe('Open one with: anki-tui --profile "User 1"');
	});

	it('--json gives every profile and every folder looked in', () => {
		const {base, env} = layout();
		const result = runCli(['profiles', '--json'], env);
		expect(result.status).toBe(0);
		const json = JSON.parse(result.stdout) as {profiles: Record<string, unknown>[]; searched: Record<string, unknown>[]};
		expect(json.profiles[0]).toEqual({
			name: 'User 1',
			base,
			source: 'linux',
			folder: path.join(base, 'User 1'),
			collection: path.join(base, 'User 1', 'collection.anki2'),
			media: path.join(base, 'User 1', 'collection.media'),
			exists: true,
			size: expect.any(Number),
			schema: 18,
			inUse: false,
		});
		expect(json.profiles.map(p => p['name'])).toEqual(['User 1', 'Work']);
		expect(json.searched.map(s => s['source'])).toEqual(['linux', 'flatpak']);
	});

	it('--base DIR adds Anki\'s -b folder; with none found, says where it looked', () => {
		temp = tempDir('anki-tui-cli-profiles-');
		const env = {HOME: temp.dir, XDG_DATA_HOME: path.join(temp.dir, 'share')};
		const empty = runCli(['profiles'], env);
		expect(empty.status).toBe(0);
		expect(empty.stdout).toContain(`No Anki profiles found (looked in ${path.join(temp.dir, 'share', 'Anki2')}, `);
		makeAnkiBase(path.join(temp.dir, 'portable'), [{name: 'Stick', schema: 18}]);
		const found = runCli(['profiles', '--no-color', '--base', path.join(temp.dir, 'portable')], env);
		expect(found.stdout).toMatch(/^Stick\s+18 /m);
		expect(found.stdout).toContain(`anki-tui --profile Stick --base ${path.join(temp.dir, 'portable')}`);
	});
});

describe('--profile NAME', () => {
	it('opens the profile\'s collection in place (read-only commands change nothing, create nothing of ours)', () => {
		const {base, env} = layout();
		const file = path.join(base, 'User 1', 'collection.anki2');
		const before = sha1(file);
		const result = runCli(['decks', '--profile', 'User 1', '--json'], env);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect((JSON.parse(result.stdout) as {name: string}[]).map(d => d.name)).toContain('anki-tui demo');
		expect(sha1(file)).toBe(before);
		expect(readdirSync(path.join(base, 'User 1')).sort()).toEqual(['backups', 'collection.anki2', 'collection.media']);
		expect(existsSync(path.join(env.XDG_DATA_HOME, 'anki-tui'))).toBe(false);
	});

	it('every command that opens a collection takes it: search too', () => {
		const {env} = layout();
		const result = runCli(['search', '--profile', 'User 1', '--json', 'deck:anki-tui*'], env);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('"cards"');
	});

	it('writes go to the profile, after a backup in its own backups/ folder', () => {
		const {base, env} = layout();
		// one note of the package is new to the profile (an import that brings nothing new writes nothing)
		const db = new Database(path.join(base, 'Work', 'collection.anki2'));
		db.exec('DELETE FROM cards WHERE nid = (SELECT min(id) FROM notes); DELETE FROM notes WHERE id = (SELECT min(id) FROM notes)');
		db.close();
		const result = runCli(['import', path.join(projectRoot, 'fixtures', 'latest.apkg'), '--profile', 'work'], env);
		expect(JSON.parse(runCli(['import', path.join(projectRoot, 'fixtures', 'latest.apkg'), '--profile', 'work', '--json'], env).stdout)).toMatchObject({notesAdded: 0});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(readdirSync(path.join(base, 'Work', 'backups')).filter(f => f.startsWith('backup-'))).toHaveLength(1);
		expect(readdirSync(path.join(base, 'User 1', 'backups'))).toEqual([]);
		expect(existsSync(path.join(env.XDG_DATA_HOME, 'anki-tui'))).toBe(false);
	});

	it.skipIf(!hasShared)('media of what is imported goes to the profile\'s collection.media/', () => {
		const {base, env} = layout();
		const result = runCli(['import', sharedFile('anki21-stock-notetypes-media.apkg'), '--profile', 'User 1'], env);
		expect(result.status).toBe(0);
		expect(readdirSync(path.join(base, 'User 1', 'collection.media')).length).toBeGreaterThan(0);
		expect(readdirSync(path.join(base, 'Work', 'collection.media'))).toEqual([]);
	});

	it('a profile Anki has open is refused with exit code 3, as with --collection', async () => {
		const {base, env} = layout();
		const anki = await holdAsAnki(path.join(base, 'User 1', 'collection.anki2'));
		try {
			const result = runCli(['decks', '--profile', 'User 1'], env);
			expect(result.status).toBe(3);
			expect(result.stderr).toMatch(/^anki-tui: .*collection\.anki2 is open in another program \(Anki\?\)/);
			const listed = runCli(['profiles', '--no-color'], env);
			expect(listed.stdout).toMatch(/^User 1\s+18\s+\S+ KiB\s+open in Anki\s/m);
		} finally {
			await anki.release();
		}
	});

	it('bad uses get one line and exit code 64', () => {
		const {env} = layout();
		const unknown = runCli(['decks', '--profile', 'Nope'], env);
		expect(unknown.status).toBe(64);
		expect(unknown.stderr).toBe('anki-tui: no Anki profile "Nope" (profiles found: "User 1", "Work"); run anki-tui profiles, or give Anki\'s folder with --base DIR\n');
		const both = runCli(['decks', '--profile', 'Work', '--collection', 'x.anki2'], env);
		expect(both.status).toBe(64);
		expect(both.stderr).toBe('anki-tui: --collection and --profile both name a collection; give one of them\n');
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
