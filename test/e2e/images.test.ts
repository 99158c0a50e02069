// End to end in tmux (which has no graphics of its own here and no outer terminal): the built CLI
// shows card images as coloured text cells, an Image Occlusion card with its mask colours, redraws
// them on resize, and puts tmux's passthrough setting back after using it.
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeImageCollection, type ImageCollection} from '../../scripts/lib/image-fixtures.js';
import {tempDir} from '../helpers/shared.js';
import {buildCli, hasTmux, noticeIfNoTmux, terminalEnv, TmuxSession} from './tmux.js';

noticeIfNoTmux();

const box = tempDir('anki-tui-e2e-images-');
afterAll(() => box.cleanup());
const home = path.join(box.dir, 'home');
mkdirSync(home);
const env = terminalEnv(home);
let collection: ImageCollection;

/** Truecolor cells: tmux keeps the 24-bit colours the app drew and capture-pane -e writes them back. */
const colouredCells = (screen: string, rgb?: string) => [...screen.matchAll(/\u001B\[([\d;]*)m(▀| )/g)].filter((m) => (rgb ? m[1]!.includes(rgb) : /(38|48);2;/.test(m[1]!))).length;

describe.skipIf(!hasTmux)('card images in tmux', () => {
	beforeAll(async () => {
		buildCli();
		collection = await makeImageCollection(path.join(box.dir, 'col'));
	}, 180_000);

	it('shows a photo as coloured cells, redraws it on resize, and an occlusion card with its mask colours', async () => {
		const tmux = new TmuxSession(path.join(box.dir, 'exit-1'), 80, 30);
		try {
			tmux.start(['review', collection.file, '--deck', collection.deckName], env);
			await tmux.waitForText('What is in this photo?');
			let screen = await tmux.waitFor((s) => s.includes('▀▀▀'), 'the photo as half blocks');
			const rows = screen.split('\n').filter((l) => l.includes('▀')).length;
			expect(rows).toBeGreaterThan(4);
			expect(colouredCells(tmux.screenWithColors())).toBeGreaterThan(100);
			expect(screen).not.toContain('[image: photo.jpg]');

			// A taller window gives the image more rows.
			tmux.resize(100, 44);
			screen = await tmux.waitFor((s) => s.split('\n').filter((l) => l.includes('▀')).length > rows, 'a larger image after resize');

			await tmux.pressFor('Space', '3 Good');
			await tmux.pressFor('3', 'image occlusion: 3 masks, asking 1');
			await tmux.waitFor(() => colouredCells(tmux.screenWithColors(), '255;142;142') > 5, 'the asked mask in #ff8e8e');
			const colours = tmux.screenWithColors();
			expect(colouredCells(colours, '255;235;162')).toBeGreaterThan(5); // the other masks, #ffeba2
			expect(tmux.screen()).not.toContain('[image: diagram.png]');

			// The answer reveals the asked area: the active colour gives way to its outline.
			const before = colouredCells(colours, '255;142;142');
			await tmux.pressFor('Space', 'image occlusion: 3 masks, 1 revealed');
			await tmux.waitFor(() => colouredCells(tmux.screenWithColors(), '255;142;142') < before, 'the revealed area');
			// review --deck: q leaves the card for the summary, q again quits.
			await tmux.pressFor('q', 'Session summary');
			tmux.keys('q');
			expect(await tmux.exitCode()).toBe(0);
		} finally {
			tmux.kill();
		}
	}, 120_000);

	it('kitty images through tmux (forced in config): passthrough on for the pane while running, put back on exit', async () => {
		const config = path.join(home, '.config', 'anki-tui');
		mkdirSync(config, {recursive: true});
		writeFileSync(path.join(config, 'config.json'), JSON.stringify({images: {output: 'kitty'}}));
		const fresh = await makeImageCollection(path.join(box.dir, 'col2'));
		const tmux = new TmuxSession(path.join(box.dir, 'exit-2'), 80, 30);
		try {
			tmux.start(['review', fresh.file, '--deck', fresh.deckName], env);
			await tmux.waitForText('What is in this photo?');
			await tmux.waitFor(() => tmux.paneOption('allow-passthrough') === 'on', 'allow-passthrough on');
			// review --deck: q leaves the card for the summary, q again quits.
			await tmux.pressFor('q', 'Session summary');
			tmux.keys('q');
			expect(await tmux.exitCode()).toBe(0);
			expect(tmux.paneOption('allow-passthrough')).toBe('');
		} finally {
			tmux.kill();
			writeFileSync(path.join(config, 'config.json'), '{}');
		}
	}, 120_000);
});
