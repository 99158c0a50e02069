// Plays card audio through an external player without ever blocking the UI: the player is spawned
// detached from our stdio, and a new card (or replay) stops whatever is still playing.
import {spawn, type ChildProcess} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import path from 'node:path';

/** Tried in order when the config names no player; the arguments keep them quiet and windowless. */
export const defaultPlayers: string[][] = [
	['mpv', '--no-video', '--really-quiet', '--no-terminal'],
	['ffplay', '-nodisp', '-autoexit', '-loglevel', 'quiet'],
	['afplay'],
	['paplay'],
];

/** Finds an executable on PATH (no shell involved). */
export function whichSync(command: string, envPath = process.env.PATH ?? ''): string | null {
	if (command.includes('/')) return isExecutable(command) ? command : null;
	for (const dir of envPath.split(path.delimiter)) {
		if (!dir) continue;
		const candidate = path.join(dir, command);
		if (isExecutable(candidate)) return candidate;
	}
	return null;
}

function isExecutable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** The player command to use: the configured one if present on PATH, else the first default found. */
export function findPlayer(configured: string[], envPath?: string): string[] | null {
	const candidates = configured.length > 0 ? [configured] : defaultPlayers;
	for (const candidate of candidates) {
		const [command, ...args] = candidate;
		if (!command) continue;
		const found = whichSync(command, envPath);
		if (found) return [found, ...args];
	}
	return null;
}

export interface AudioPlayer {
	/** Plays the files one after another; returns a one-line hint when nothing can play. */
	play(files: string[]): string | null;
	stop(): void;
}

/**
 * A player for files in `mediaDir`. With no player found it only returns a hint (once per call)
 * naming what to install or configure.
 */
export function createAudioPlayer(options: {mediaDir: string | null; configured: string[]; envPath?: string}): AudioPlayer {
	let resolved: string[] | null | undefined;
	let child: ChildProcess | null = null;
	let queue: string[] = [];

	const stop = () => {
		queue = [];
		if (child && child.exitCode === null) child.kill('SIGTERM');
		child = null;
	};

	const next = (command: string[]) => {
		const file = queue.shift();
		if (!file) return;
		const [bin, ...args] = command;
		const proc = spawn(bin!, [...args, file], {stdio: 'ignore', detached: false});
		child = proc;
		proc.on('error', () => {
			if (child === proc) child = null;
		});
		proc.on('exit', () => {
			if (child === proc) {
				child = null;
				next(command);
			}
		});
	};

	return {
		play(files) {
			if (files.length === 0) return null;
			if (resolved === undefined) resolved = findPlayer(options.configured, options.envPath);
			if (resolved === null) {
				return options.configured.length > 0
					? `Audio: "${options.configured[0]}" was not found; check audio.player in the config file.`
					: 'Audio: no player found; install mpv or ffmpeg (ffplay), or set audio.player in the config file.';
			}
			if (!options.mediaDir) return 'Audio: this collection has no media folder.';
			stop();
			queue = files.map((f) => path.join(options.mediaDir!, path.basename(f)));
			next(resolved);
			return null;
		},
		stop,
	};
}
