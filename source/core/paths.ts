// Where anki-tui keeps its own files, following the XDG base directory spec.
import {homedir} from 'node:os';
import path from 'node:path';

/** `$XDG_CONFIG_HOME/anki-tui` (default `~/.config/anki-tui`); relative XDG values are ignored, as the spec says. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
	const xdg = env.XDG_CONFIG_HOME;
	const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || homedir(), '.config');
	return path.join(base, 'anki-tui');
}
