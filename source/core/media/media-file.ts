// Reads one file a card names from the collection's media folder. Names come from card HTML, so a
// name that would leave the folder (`../`, absolute paths, symlinks out) is refused, and size is capped.
import {closeSync, fstatSync, openSync, readSync, realpathSync} from 'node:fs';
import path from 'node:path';

export const maxInlineImageBytes = 10 * 1024 * 1024;

export type MediaRead = {ok: true; path: string; data: Buffer} | {ok: false; reason: 'unsafe' | 'missing' | 'too-large'};

/** The path of `name` inside `mediaDir`, or null when the name would point elsewhere. */
export function mediaPath(mediaDir: string, name: string): string | null {
	// Anki's media folder is flat: a file name never holds a directory part.
	if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) return null;
	const root = path.resolve(mediaDir);
	const full = path.resolve(root, name);
	return path.dirname(full) === root ? full : null;
}

export function readMediaFile(mediaDir: string, name: string, maxBytes = maxInlineImageBytes): MediaRead {
	const first = readOne(mediaDir, name, maxBytes);
	// Some cards carry URL-encoded names (`my%20cat.jpg`); Anki's webview decodes them.
	if (!first.ok && first.reason === 'missing' && name.includes('%')) {
		let decoded: string | null = null;
		try {
			decoded = decodeURIComponent(name);
		} catch {}
		if (decoded !== null && decoded !== name) return readOne(mediaDir, decoded, maxBytes);
	}
	return first;
}

function readOne(mediaDir: string, name: string, maxBytes: number): MediaRead {
	const full = mediaPath(mediaDir, name);
	if (!full) return {ok: false, reason: 'unsafe'};
	let real: string;
	let root: string;
	try {
		real = realpathSync(full);
		root = realpathSync(mediaDir);
	} catch {
		return {ok: false, reason: 'missing'};
	}
	if (path.dirname(real) !== root) return {ok: false, reason: 'unsafe'};
	let fd: number;
	try {
		fd = openSync(real, 'r');
	} catch {
		return {ok: false, reason: 'missing'};
	}
	try {
		const stat = fstatSync(fd);
		if (!stat.isFile()) return {ok: false, reason: 'missing'};
		if (stat.size > maxBytes) return {ok: false, reason: 'too-large'};
		const data = Buffer.alloc(stat.size);
		let read = 0;
		while (read < data.length) {
			const n = readSync(fd, data, read, data.length - read, read);
			if (n === 0) break;
			read += n;
		}
		return {ok: true, path: real, data: data.subarray(0, read)};
	} finally {
		closeSync(fd);
	}
}
