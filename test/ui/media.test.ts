import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createAudioPlayer, findPlayer, whichSync} from '../../source/core/media/audio.js';
import {openMediaFiles} from '../../source/core/media/open.js';
import {tempDir} from '../helpers/shared.js';

const bin = tempDir('anki-tui-bin-');
afterAll(() => bin.cleanup());

function fakeExecutable(name: string, script = '#!/bin/sh\nexit 0\n'): string {
	const file = path.join(bin.dir, name);
	writeFileSync(file, script);
	chmodSync(file, 0o755);
	return file;
}

describe('audio player', () => {
	it('finds the first default player on PATH, or the configured one', () => {
		expect(findPlayer([], bin.dir)).toBeNull();
		fakeExecutable('paplay');
		expect(findPlayer([], bin.dir)).toEqual([path.join(bin.dir, 'paplay')]);
		fakeExecutable('ffplay');
		expect(findPlayer([], bin.dir)![0]).toBe(path.join(bin.dir, 'ffplay'));
		expect(findPlayer(['mplayer', '-really-quiet'], bin.dir)).toBeNull();
		fakeExecutable('mplayer');
		expect(findPlayer(['mplayer', '-really-quiet'], bin.dir)).toEqual([path.join(bin.dir, 'mplayer'), '-really-quiet']);
		expect(whichSync('nonexistent-player', bin.dir)).toBeNull();
	});

	it('gives a one-line hint when no player exists, and plays through the player without blocking', async () => {
		const empty = tempDir();
		try {
			const none = createAudioPlayer({mediaDir: empty.dir, configured: [], envPath: empty.dir});
			expect(none.play(['a.mp3'])).toMatch(/^Audio: no player found; install mpv/);
			const log = path.join(empty.dir, 'played.txt');
			const player = fakeExecutable('logplay', `#!/bin/sh\necho "$1" >> ${log}\n`);
			const audio = createAudioPlayer({mediaDir: empty.dir, configured: [player], envPath: bin.dir});
			const started = Date.now();
			expect(audio.play(['a.mp3', 'sub/b.mp3'])).toBeNull();
			expect(Date.now() - started).toBeLessThan(1000);
			for (let i = 0; i < 100; i++) {
				await new Promise((r) => setTimeout(r, 20));
				try {
					const text = (await import('node:fs')).readFileSync(log, 'utf8');
					if (text.split('\n').length >= 3) break;
				} catch {}
			}
			// Played in order; names are kept inside the media folder.
			expect((await import('node:fs')).readFileSync(log, 'utf8')).toBe(`${path.join(empty.dir, 'a.mp3')}\n${path.join(empty.dir, 'b.mp3')}\n`);
		} finally {
			empty.cleanup();
		}
	});
});

describe('opening media', () => {
	it('reports files that are not in the media folder', () => {
		const dir = tempDir();
		try {
			expect(openMediaFiles(dir.dir, ['missing.png'], {envPath: dir.dir})).toBe('Not in the media folder: missing.png');
			expect(openMediaFiles(null, ['x.png'])).toBe('This collection has no media folder.');
			writeFileSync(path.join(dir.dir, 'cat.png'), 'x');
			expect(openMediaFiles(dir.dir, ['cat.png'], {envPath: dir.dir, platform: 'linux'})).toMatch(/^No viewer found/);
		} finally {
			dir.cleanup();
		}
	});
});
