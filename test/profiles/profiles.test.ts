// Finding the user's Anki profiles in each platform's layout, made in a temporary HOME (the
// platform is a parameter, so Linux CI checks the macOS and Windows layouts too).
import {readdirSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, describe, expect, it} from 'vitest';
import {AnkiFileError, UsageError} from '../../source/core/errors.js';
import {collectionInUse} from '../../source/core/profiles/in-use.js';
import {findProfiles, otherProfiles, profileCommand, resolveProfile, type FindProfilesOptions} from '../../source/core/profiles/profiles.js';
import {tempDir} from '../helpers/shared.js';
import {holdAsAnki, makeAnkiBase} from './anki-layout.js';

let temp: ReturnType<typeof tempDir>;
afterEach(() => temp?.cleanup());
const newHome = () => (temp = tempDir('anki-tui-profiles-')).dir;
const names = (options: FindProfilesOptions) => findProfiles(options).profiles.map(p => `${p.base.source}:${p.name}`);

describe('Anki profiles in each layout', () => {
	it('Linux: ~/.local/share/Anki2, with every detail of each profile', () => {
		const home = newHome();
		const base = path.join(home, '.local', 'share', 'Anki2');
		makeAnkiBase(base, [{name: 'User 1', schema: 18}, {name: 'Work', schema: 11}, {name: 'New', schema: null}]);
		const {profiles, searched} = findProfiles({env: {}, platform: 'linux', home});
		expect(profiles.map(p => p.name)).toEqual(['New', 'User 1', 'Work']);
		const user1 = profiles[1]!;
		expect(user1).toMatchObject({
			base: {path: base, source: 'linux'},
			folder: path.join(base, 'User 1'),
			collection: path.join(base, 'User 1', 'collection.anki2'),
			media: path.join(base, 'User 1', 'collection.media'),
			exists: true,
			schema: 18,
			inUse: false,
			size: statSync(path.join(base, 'User 1', 'collection.anki2')).size,
		});
		expect(profiles[2]).toMatchObject({schema: 11, exists: true});
		expect(profiles[0]).toMatchObject({exists: false});
		expect(profiles[0]!.schema).toBeUndefined();
		expect(searched.map(s => [s.folder.source, s.exists])).toEqual([['linux', true], ['flatpak', false]]);
	});

	it('folders that are not profiles are left out: add-ons, logs, and folders prefs21.db does not list', () => {
		const home = newHome();
		makeAnkiBase(path.join(home, '.local', 'share', 'Anki2'), [{name: 'User 1', schema: 18}]);
		expect(names({env: {}, platform: 'linux', home})).toEqual(['linux:User 1']);
	});

	it('without prefs21.db, the folders holding a collection.anki2 are the profiles', () => {
		const home = newHome();
		makeAnkiBase(path.join(home, '.local', 'share', 'Anki2'), [{name: 'User 1', schema: 18}, {name: 'Empty', schema: null}], {prefs: false});
		expect(names({env: {}, platform: 'linux', home})).toEqual(['linux:User 1']);
	});

	it('Linux honours XDG_DATA_HOME, as Anki does', () => {
		const home = newHome();
		makeAnkiBase(path.join(home, 'xdg-data', 'Anki2'), [{name: 'User 1', schema: 18}]);
		makeAnkiBase(path.join(home, '.local', 'share', 'Anki2'), [{name: 'Not used', schema: 18}]);
		expect(names({env: {XDG_DATA_HOME: path.join(home, 'xdg-data')}, platform: 'linux', home})).toEqual(['linux:User 1']);
	});

	it('Linux: the Flathub build\'s ~/.var/app/net.ankiweb.Anki/data/Anki2', () => {
		const home = newHome();
		makeAnkiBase(path.join(home, '.var', 'app', 'net.ankiweb.Anki', 'data', 'Anki2'), [{name: 'Flat', schema: 18}]);
		expect(names({env: {}, platform: 'linux', home})).toEqual(['flatpak:Flat']);
	});

	it('macOS: ~/Library/Application Support/Anki2', () => {
		const home = newHome();
		makeAnkiBase(path.join(home, 'Library', 'Application Support', 'Anki2'), [{name: 'Mac', schema: 18}]);
		makeAnkiBase(path.join(home, '.local', 'share', 'Anki2'), [{name: 'Linux only', schema: 18}]);
		expect(names({env: {}, platform: 'darwin', home})).toEqual(['macos:Mac']);
	});

	it('Windows: %APPDATA%\\Anki2, else AppData\\Roaming under the user profile', () => {
		const home = newHome();
		makeAnkiBase(path.join(home, 'Roaming', 'Anki2'), [{name: 'Win', schema: 18}]);
		expect(names({env: {APPDATA: path.join(home, 'Roaming')}, platform: 'win32', home})).toEqual(['windows:Win']);
		makeAnkiBase(path.join(home, 'AppData', 'Roaming', 'Anki2'), [{name: 'Default', schema: 11}]);
		expect(names({env: {USERPROFILE: home}, platform: 'win32'})).toEqual(['windows:Default']);
	});

	it('Anki\'s -b folder (--base) comes first, then $ANKI_BASE, then the default; each folder once', () => {
		const home = newHome();
		makeAnkiBase(path.join(home, 'portable'), [{name: 'Stick', schema: 18}]);
		makeAnkiBase(path.join(home, 'env-base'), [{name: 'Env', schema: 11}]);
		makeAnkiBase(path.join(home, '.local', 'share', 'Anki2'), [{name: 'User 1', schema: 18}]);
		const options = {base: path.join(home, 'portable'), env: {ANKI_BASE: path.join(home, 'env-base')}, platform: 'linux' as const, home};
		expect(names(options)).toEqual(['base:Stick', 'ANKI_BASE:Env', 'linux:User 1']);
		expect(names({...options, base: path.join(home, '.local', 'share', 'Anki2')})).toEqual(['base:User 1', 'ANKI_BASE:Env']);
	});

	it('a profile name that would leave the base folder is ignored', () => {
		const home = newHome();
		const base = path.join(home, '.local', 'share', 'Anki2');
		makeAnkiBase(base, [{name: 'User 1', schema: 18}]);
		const db = new Database(path.join(base, 'prefs21.db'));
		db.prepare('insert into profiles values (?, ?)').run('../../escape', Buffer.from([0]));
		db.close();
		expect(names({env: {}, platform: 'linux', home})).toEqual(['linux:User 1']);
	});
});

describe('whether Anki has a profile open', () => {
	function snapshot(dir: string): string[] {
		return (readdirSync(dir, {recursive: true}) as string[]).sort().map(f => `${f} ${statSync(path.join(dir, f)).mtimeMs}`);
	}

	it.skipIf(process.platform !== 'linux')('a collection another program holds as Anki does is "in use"; listing writes and waits for nothing', async () => {
		const home = newHome();
		const base = path.join(home, '.local', 'share', 'Anki2');
		makeAnkiBase(base, [{name: 'Open', schema: 18}, {name: 'Closed', schema: 11}]);
		const file = path.join(base, 'Open', 'collection.anki2');
		const anki = await holdAsAnki(file);
		try {
			const before = snapshot(base);
			const started = Date.now();
			const profiles = findProfiles({env: {}, platform: 'linux', home}).profiles;
			expect(Date.now() - started).toBeLessThan(BUSY_BUDGET_MS);
			expect(profiles.map(p => [p.name, p.inUse, p.schema])).toEqual([['Closed', false, 11], ['Open', true, 18]]);
			expect(snapshot(base)).toEqual(before);
			// Listing let go of nothing: the holder's lock is still there.
			expect(collectionInUse(file)).toBe(true);
		} finally {
			await anki.release();
		}
		expect(collectionInUse(file)).toBe(false);
	});

	it('reads Linux\'s lock table by device and inode', () => {
		const home = newHome();
		const file = path.join(home, 'collection.anki2');
		writeFileSync(file, 'x');
		const {dev, ino} = statSync(file);
		const major = (dev >> 8) & 0xfff;
		const minor = dev & 0xff;
		const hex = (n: number) => n.toString(16).padStart(2, '0');
		const table = path.join(home, 'locks');
		writeFileSync(table, `1: POSIX  ADVISORY  WRITE 4242 ${hex(major)}:${hex(minor)}:${ino + 1} 1073741824 1073742335\n`);
		expect(collectionInUse(file, {platform: 'linux', procLocks: table})).toBe(false);
		writeFileSync(table, `1: POSIX  ADVISORY  WRITE 4242 ${hex(major)}:${hex(minor)}:${ino} 1073741824 1073742335\n`);
		expect(collectionInUse(file, {platform: 'linux', procLocks: table})).toBe(true);
		writeFileSync(table, `1: -> POSIX  ADVISORY  READ 77 ${hex(major + 1)}:${hex(minor)}:${ino} 0 EOF\n`);
		expect(collectionInUse(file, {platform: 'linux', procLocks: table})).toBe(false);
	});

	it('elsewhere, and without /proc/locks, a -wal beside the collection means Anki has it open', () => {
		const home = newHome();
		const file = path.join(home, 'collection.anki2');
		writeFileSync(file, 'x');
		expect(collectionInUse(file, {platform: 'darwin'})).toBe(false);
		expect(collectionInUse(file, {platform: 'linux', procLocks: path.join(home, 'no-such-table')})).toBe(false);
		writeFileSync(`${file}-wal`, '');
		expect(collectionInUse(file, {platform: 'darwin'})).toBe(true);
		expect(collectionInUse(file, {platform: 'win32'})).toBe(true);
		expect(collectionInUse(file, {platform: 'linux', procLocks: path.join(home, 'no-such-table')})).toBe(true);
	});
});

describe('--profile NAME', () => {
	function layout() {
		const home = newHome();
		makeAnkiBase(path.join(home, '.local', 'share', 'Anki2'), [{name: 'User 1', schema: 18}, {name: 'New', schema: null}]);
		makeAnkiBase(path.join(home, '.var', 'app', 'net.ankiweb.Anki', 'data', 'Anki2'), [{name: 'User 1', schema: 11}, {name: 'Flat', schema: 18}]);
		return {home, options: {env: {}, platform: 'linux' as const, home}};
	}

	it('finds a profile by exact name, else ignoring case as Anki does', () => {
		const {home, options} = layout();
		expect(resolveProfile('Flat', options).collection).toBe(path.join(home, '.var', 'app', 'net.ankiweb.Anki', 'data', 'Anki2', 'Flat', 'collection.anki2'));
		expect(resolveProfile('flat', options).name).toBe('Flat');
	});

	it('a name in two Anki folders needs --base, which then decides', () => {
		const {home, options} = layout();
		expect(() => resolveProfile('User 1', options)).toThrow(UsageError);
		expect(() => resolveProfile('User 1', options)).toThrow(/is in 2 Anki folders .*pick one with --base DIR/);
		const chosen = resolveProfile('User 1', {...options, base: path.join(home, '.local', 'share', 'Anki2')});
		expect(chosen.collection).toBe(path.join(home, '.local', 'share', 'Anki2', 'User 1', 'collection.anki2'));
	});

	it('an unknown name lists the profiles there are; a profile without a collection says so', () => {
		const {options} = layout();
		expect(() => resolveProfile('Nope', options)).toThrow(/no Anki profile "Nope" \(profiles found: "New", "User 1", "Flat", "User 1"\)/);
		expect(() => resolveProfile('New', options)).toThrow(AnkiFileError);
		expect(() => resolveProfile('New', options)).toThrow(/profile "New" has no collection yet .*open it once in Anki/);
		expect(() => resolveProfile(' ', options)).toThrow(UsageError);
	});
});

// Reading the listing is a few file reads; anything close to SQLite's busy timeout would mean a wait.
const BUSY_BUDGET_MS = 2_000;

describe('profiles offered on the first-run screen', () => {
	it('are the ones with a collection other than the one open now, with the command that opens each', () => {
		const home = newHome();
		const base = path.join(home, '.local', 'share', 'Anki2');
		makeAnkiBase(base, [{name: 'User 1', schema: 18}, {name: 'Empty', schema: null}, {name: 'Work', schema: 11}]);
		const options = {env: {}, platform: 'linux' as const, home};
		const offers = otherProfiles(path.join(base, 'Work', 'collection.anki2'), options);
		expect(offers.map(p => profileCommand(p))).toEqual(['anki-tui --profile "User 1"']);
		expect(offers[0]!.schema).toBeUndefined(); // collections are not read
		makeAnkiBase(path.join(home, 'my base'), [{name: 'Plain-name_1', schema: 18}, {name: 'It\'s "$HOME"', schema: 18}]);
		const fromBase = otherProfiles('/nowhere', {...options, base: path.join(home, 'my base')});
		expect(fromBase.map(p => profileCommand(p))).toEqual([
			`anki-tui --profile "It's \\"\\$HOME\\"" --base "${path.join(home, 'my base')}"`,
			`anki-tui --profile Plain-name_1 --base "${path.join(home, 'my base')}"`,
		].concat(['anki-tui --profile "User 1"', 'anki-tui --profile Work']));
	});
});
