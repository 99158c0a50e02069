// Opens media files in the system's viewer (xdg-open, open), detached so the UI keeps running.
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {whichSync} from './audio.js';

export function systemOpener(platform: NodeJS.Platform = process.platform, envPath?: string): string | null {
	if (platform === 'darwin') return whichSync('open', envPath);
	if (platform === 'win32') return null;
	return whichSync('xdg-open', envPath) ?? whichSync('gio', envPath);
}

/** Opens each existing file; returns a one-line hint about what happened or what is missing. */
export function openMediaFiles(mediaDir: string | null, files: string[], options: {envPath?: string; platform?: NodeJS.Platform} = {}): string {
	if (!mediaDir) return 'This collection has no media folder.';
	const paths = files.map((f) => path.join(mediaDir, path.basename(f)));
	const present = paths.filter((p) => existsSync(p));
	if (present.length === 0) return `Not in the media folder: ${files.join(', ')}`;
	const opener = systemOpener(options.platform, options.envPath);
	if (!opener) return `No viewer found (install xdg-utils). Files: ${present.join(' ')}`;
	for (const file of present) {
		const args = path.basename(opener) === 'gio' ? ['open', file] : [file];
		const child = spawn(opener, args, {stdio: 'ignore', detached: true});
		child.on('error', () => {});
		child.unref();
	}
	const missing = paths.length - present.length;
	return `Opened ${present.map((p) => path.basename(p)).join(', ')}${missing ? ` (${missing} missing)` : ''}`;
}
