// anki-tui's own folders on each platform (core/paths.ts), laid out in a temporary HOME: the
// platform is a parameter, so Linux CI checks the macOS and Windows conventions too.
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {cacheDir, configDir, dataDir, homeFolder} from '../../source/core/paths.js';
import {resolveCollectionPath} from '../../source/core/collection/local.js';
import {tempDir} from '../helpers/shared.js';

let temp: ReturnType<typeof tempDir>;
afterEach(() => temp?.cleanup());
const home = () => (temp = tempDir('anki-tui-paths-')).dir;

describe('anki-tui folders', () => {
	it('Linux: XDG defaults under HOME', () => {
		const h = home();
		const options = {platform: 'linux' as const, home: h};
		expect(configDir({}, options)).toBe(path.join(h, '.config', 'anki-tui'));
		expect(dataDir({}, options)).toBe(path.join(h, '.local', 'share', 'anki-tui'));
		expect(cacheDir({}, options)).toBe(path.join(h, '.cache', 'anki-tui'));
	});

	it('XDG variables win on every platform; relative ones are ignored, as the spec says', () => {
		const h = home();
		const env = {XDG_CONFIG_HOME: '/x/config', XDG_DATA_HOME: '/x/data', XDG_CACHE_HOME: '/x/cache'};
		for (const platform of ['linux', 'darwin', 'win32'] as const) {
			expect(configDir(env, {platform, home: h})).toBe(path.join('/x/config', 'anki-tui'));
			expect(dataDir(env, {platform, home: h})).toBe(path.join('/x/data', 'anki-tui'));
			expect(cacheDir(env, {platform, home: h})).toBe(path.join('/x/cache', 'anki-tui'));
		}
		expect(dataDir({XDG_DATA_HOME: 'relative/data'}, {platform: 'linux', home: h})).toBe(path.join(h, '.local', 'share', 'anki-tui'));
	});

	it('macOS: Application Support for config and data, Caches for the cache', () => {
		const h = home();
		const options = {platform: 'darwin' as const, home: h};
		expect(configDir({}, options)).toBe(path.join(h, 'Library', 'Application Support', 'anki-tui'));
		expect(dataDir({}, options)).toBe(path.join(h, 'Library', 'Application Support', 'anki-tui'));
		expect(cacheDir({}, options)).toBe(path.join(h, 'Library', 'Caches', 'anki-tui'));
	});

	it('Windows: %APPDATA% for config, %LOCALAPPDATA% for data and cache, else their defaults under the profile', () => {
		const h = home();
		const env = {APPDATA: path.join(h, 'Roaming'), LOCALAPPDATA: path.join(h, 'Local')};
		expect(configDir(env, {platform: 'win32', home: h})).toBe(path.join(h, 'Roaming', 'anki-tui'));
		expect(dataDir(env, {platform: 'win32', home: h})).toBe(path.join(h, 'Local', 'anki-tui'));
		expect(cacheDir(env, {platform: 'win32', home: h})).toBe(path.join(h, 'Local', 'anki-tui', 'cache'));
		expect(configDir({}, {platform: 'win32', home: h})).toBe(path.join(h, 'AppData', 'Roaming', 'anki-tui'));
		expect(dataDir({}, {platform: 'win32', home: h})).toBe(path.join(h, 'AppData', 'Local', 'anki-tui'));
		expect(homeFolder({USERPROFILE: 'C:\\Users\\me', HOME: '/c/Users/me'}, 'win32')).toBe('C:\\Users\\me');
	});

	it('macOS and Windows keep using folders made at the XDG default before (nothing goes missing)', () => {
		const h = home();
		mkdirSync(path.join(h, '.local', 'share', 'anki-tui'), {recursive: true});
		mkdirSync(path.join(h, '.config', 'anki-tui'), {recursive: true});
		for (const platform of ['darwin', 'win32'] as const) {
			expect(dataDir({}, {platform, home: h})).toBe(path.join(h, '.local', 'share', 'anki-tui'));
			expect(configDir({}, {platform, home: h})).toBe(path.join(h, '.config', 'anki-tui'));
		}
		expect(cacheDir({}, {platform: 'darwin', home: h})).toBe(path.join(h, 'Library', 'Caches', 'anki-tui'));
	});

	it('the local collection lives in the data folder', () => {
		const h = home();
		expect(resolveCollectionPath({}, {HOME: h}).path).toBe(path.join(dataDir({HOME: h}), 'collection.anki2'));
	});
});
