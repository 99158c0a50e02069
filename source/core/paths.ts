// Where anki-tui keeps its own files, by each platform's convention, and XDG's where it is set:
//
//             Linux and other Unix             macOS                                  Windows
//   config    $XDG_CONFIG_HOME/anki-tui        ~/Library/Application Support/anki-tui %APPDATA%\anki-tui
//             (~/.config/anki-tui)
//   data      $XDG_DATA_HOME/anki-tui          ~/Library/Application Support/anki-tui %LOCALAPPDATA%\anki-tui
//             (~/.local/share/anki-tui)
//   cache     $XDG_CACHE_HOME/anki-tui         ~/Library/Caches/anki-tui              %LOCALAPPDATA%\anki-tui\cache
//             (~/.cache/anki-tui)
//
// An XDG variable that is set (and absolute: the spec says relative values are invalid) wins on
// every platform. On macOS and Windows a folder anki-tui made at the XDG default before it followed
// the platform's convention keeps being used, so nobody's collection or login goes missing.
// `platform` and `home` are parameters so that tests can lay out any platform in a temporary HOME.
import {existsSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';

export interface PathOptions {
	env?: NodeJS.ProcessEnv;
	platform?: NodeJS.Platform;
	home?: string;
}

type Kind = 'config' | 'data' | 'cache';

const xdg: Record<Kind, {variable: string; fallback: string[]}> = {
	config: {variable: 'XDG_CONFIG_HOME', fallback: ['.config']},
	data: {variable: 'XDG_DATA_HOME', fallback: ['.local', 'share']},
	cache: {variable: 'XDG_CACHE_HOME', fallback: ['.cache']},
};

/** The user's home folder (on Windows %USERPROFILE%, as Node's os.homedir() reads it). */
export function homeFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
	return (platform === 'win32' ? env['USERPROFILE'] : undefined) || env['HOME'] || homedir();
}

function absolute(value: string | undefined): string | undefined {
	return value && path.isAbsolute(value) ? value : undefined;
}

function platformBase(kind: Kind, platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string | undefined {
	if (platform === 'darwin') {
		return kind === 'cache' ? path.join(home, 'Library', 'Caches') : path.join(home, 'Library', 'Application Support');
	}
	if (platform === 'win32') {
		const roaming = absolute(env['APPDATA']) ?? path.join(home, 'AppData', 'Roaming');
		const local = absolute(env['LOCALAPPDATA']) ?? path.join(home, 'AppData', 'Local');
		return kind === 'config' ? roaming : local;
	}
	return undefined;
}

function ownFolder(kind: Kind, options: PathOptions): string {
	const env = options.env ?? process.env;
	const platform = options.platform ?? process.platform;
	const home = options.home ?? homeFolder(env, platform);
	const fromXdg = absolute(env[xdg[kind].variable]);
	if (fromXdg) return path.join(fromXdg, 'anki-tui');
	const xdgDefault = path.join(home, ...xdg[kind].fallback, 'anki-tui');
	const base = platformBase(kind, platform, env, home);
	if (!base || existsSync(xdgDefault)) return xdgDefault;
	return kind === 'cache' && platform === 'win32' ? path.join(base, 'anki-tui', 'cache') : path.join(base, 'anki-tui');
}

/** config.json and sync.json. */
export function configDir(env: NodeJS.ProcessEnv = process.env, options: Omit<PathOptions, 'env'> = {}): string {
	return ownFolder('config', {...options, env});
}

/** The local collection (collection.anki2, collection.media/, backups/). */
export function dataDir(env: NodeJS.ProcessEnv = process.env, options: Omit<PathOptions, 'env'> = {}): string {
	return ownFolder('data', {...options, env});
}

/** Files that can be made again (nothing is lost when it is deleted). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, options: Omit<PathOptions, 'env'> = {}): string {
	return ownFolder('cache', {...options, env});
}
