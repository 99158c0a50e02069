// The user's config file, config.json in anki-tui's config folder (core/paths.ts: $XDG_CONFIG_HOME/anki-tui,
// ~/Library/Application Support/anki-tui, %APPDATA%\anki-tui): where it is and reading it.
// Turning its JSON into settings and warnings is ui/config.ts's job (it holds no file I/O).
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {configDir} from '../core/paths.js';
import {parseConfig, type UiConfig} from '../ui/config.js';

export function configPath(env: NodeJS.ProcessEnv): string {
	return path.join(configDir(env), 'config.json');
}

/** The settings of `file` (default: configPath); a missing file gives the defaults, a broken one a warning. */
export function readConfigFile(env: NodeJS.ProcessEnv, file = configPath(env)): UiConfig {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return parseConfig(undefined);
	}
	try {
		return parseConfig(JSON.parse(text));
	} catch (error) {
		const config = parseConfig(undefined);
		config.warnings.push(`config: ${file} is not valid JSON (${(error as Error).message}); using defaults`);
		return config;
	}
}
