// Where Anki desktop keeps its base folder (the one holding prefs21.db and a folder per profile),
// as aqt/profiles.py decides it: the -b folder, else $ANKI_BASE, else per platform
// %APPDATA%\Anki2 (Windows), ~/Library/Application Support/Anki2 (macOS), $XDG_DATA_HOME/Anki2 or
// ~/.local/share/Anki2 (Linux); the Flathub build keeps its data in ~/.var/app/net.ankiweb.Anki/data.
import {realpathSync} from 'node:fs';
import path from 'node:path';
import {homeFolder} from '../paths.js';

export type AnkiFolderSource = 'base' | 'ANKI_BASE' | 'linux' | 'flatpak' | 'macos' | 'windows';

export interface AnkiFolder {
	path: string;
	/** What pointed at it: --base, $ANKI_BASE, or the platform's default (or Flatpak's). */
	source: AnkiFolderSource;
}

export interface AnkiFolderOptions {
	/** Anki's `-b` folder (`--base DIR`), searched first. */
	base?: string | undefined;
	env?: NodeJS.ProcessEnv;
	platform?: NodeJS.Platform;
	home?: string;
}

function sameFolder(a: string, b: string): boolean {
	const real = (p: string) => {
		try {
			return realpathSync(p);
		} catch {
			return path.resolve(p);
		}
	};
	return real(a) === real(b);
}

/** The folders to look for Anki profiles in, best first, without duplicates. */
export function ankiFolders(options: AnkiFolderOptions = {}): AnkiFolder[] {
	const env = options.env ?? process.env;
	const platform = options.platform ?? process.platform;
	const home = options.home ?? homeFolder(env, platform);
	const folders: AnkiFolder[] = [];
	if (options.base) folders.push({path: path.resolve(options.base), source: 'base'});
	if (env['ANKI_BASE']) folders.push({path: path.resolve(env['ANKI_BASE']), source: 'ANKI_BASE'});
	if (platform === 'win32') {
		folders.push({path: path.join(env['APPDATA'] || path.join(home, 'AppData', 'Roaming'), 'Anki2'), source: 'windows'});
	} else if (platform === 'darwin') {
		folders.push({path: path.join(home, 'Library', 'Application Support', 'Anki2'), source: 'macos'});
	} else {
		// Anki takes XDG_DATA_HOME as it is; a relative value would depend on where Anki was started.
		const xdg = env['XDG_DATA_HOME'];
		folders.push({path: path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'share'), 'Anki2'), source: 'linux'});
		folders.push({path: path.join(home, '.var', 'app', 'net.ankiweb.Anki', 'data', 'Anki2'), source: 'flatpak'});
	}
	return folders.filter((folder, i) => folders.findIndex(other => sameFolder(other.path, folder.path)) === i);
}
