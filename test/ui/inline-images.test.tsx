import React from 'react';
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {render} from 'ink';
import {App} from '../../source/ui/App.js';
import type {AppModel} from '../../source/ui/app-model.js';
import {ReviewController} from '../../source/ui/controller/review-controller.js';
import {imageOverlayFor} from '../../source/ui/graphics/inline-images.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import {imageInfo} from '../../source/ui/graphics/image-size.js';
import {fitCells} from '../../source/ui/graphics/fit-cells.js';
import {mediaPath, readMediaFile} from '../../source/core/media/media-file.js';
import {decodePng} from '../../source/ui/graphics/png-decode.js';
import {sixelImage} from '../../source/ui/graphics/sixel.js';
import {tempDir} from '../helpers/shared.js';
import {FakeSession, fakeDeps, type FakeCard} from './fake-session.js';
import {FakeStdin, TtyOut, plain, press, tick} from './helpers.js';
import {makePng} from './png.js';

const bindings = structuredClone(defaultCommands) as Bindings;
const media = tempDir('anki-tui-images-');
afterAll(() => media.cleanup());

const mediaDir = path.join(media.dir, 'collection.media');
mkdirSync(mediaDir);
const smallPng = makePng(4, 2, (x, y) => [x * 60, y * 120, 200]);
writeFileSync(path.join(mediaDir, 'cat.png'), smallPng);
// Noise does not compress: its base64 spans several 4096-byte kitty chunks.
let seed = 7;
const noise = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
const bigPng = makePng(48, 48, () => [noise(), noise(), noise()]);
writeFileSync(path.join(mediaDir, 'noise.png'), bigPng);
writeFileSync(path.join(mediaDir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x20, 0x00, 0x40, 0x03]));
writeFileSync(path.join(media.dir, 'secret.png'), smallPng);
symlinkSync(path.join(media.dir, 'secret.png'), path.join(mediaDir, 'link.png'));

/** Runs the whole app, straight into a review of `cards`, the way the review command wires images. */
async function run(cards: FakeCard[], env: Record<string, string>, setting: 'auto' | 'always' | 'never' = 'always') {
	const out = new TtyOut();
	const stdin = new FakeStdin();
	const session = new FakeSession(cards);
	const deps = fakeDeps(session).deps;
	const model: AppModel = {
		collectionPath: 'test',
		deckTree: () => [{id: 1, name: 'Spanish', shortName: 'Spanish', collapsed: false, new: 1, learn: 0, review: 0, cards: 1, children: []}],
		overview: (id) => ({id, name: 'Spanish', description: [], counts: {new: 1, learn: 0, review: 0}}),
		startReview: () => ({controller: new ReviewController(deps), summary: () => session.summary()}),
		now: () => 1_700_000_000_000,
	};
	const stdout = out as unknown as NodeJS.WriteStream;
	const overlay = imageOverlayFor({env, setting, mediaDir, stdout});
	const app = render(<App model={model} theme={themes.dark} bindings={bindings} startDeckId={1} images={overlay?.images} size={{columns: 80, rows: 23}} />, {
		stdout: overlay?.stdout ?? stdout,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	await tick(80);
	return {
		out,
		stdin,
		overlay,
		finish: () => {
			app.unmount();
			return overlay?.dispose() ?? '';
		},
	};
}

const iterm = {TERM_PROGRAM: 'iTerm.app', TERM: 'xterm-256color'};
const kitty = {TERM: 'xterm-kitty'};
const card = (images: string[], front = images.map((n) => `Look: [image: ${n}]`).join('\n')): FakeCard => ({id: 1, front, back: 'a cat', kind: 'new', images});

describe('inline images in the reviewer', () => {
	it('iTerm2: draws the PNG below its placeholder with its exact bytes, sized in cells, with the cursor saved and restored', async () => {
		const t = await run([card(['cat.png'])], iterm);
		const base64 = smallPng.toString('base64');
		// 4x2 px is smaller than a cell: one cell; the body starts on screen row 3, the image on the row after the placeholder.
		expect(t.out.text).toContain(`\u001B7\u001B[4;1H\u001B]1337;File=inline=1;size=${smallPng.length};width=1;height=1;preserveAspectRatio=1:${base64}\u0007\u001B8`);
		expect(plain(t.out.text)).toContain('Look: [image: cat.png]');
		t.finish();
	});

	it('kitty: sends the PNG in 4096-byte APC chunks that join to the file, and deletes images when leaving', async () => {
		const t = await run([card(['noise.png'])], kitty);
		const chunks = [...t.out.text.matchAll(/\u001B_G([^;]*);([^\u001B]*)\u001B\\/g)].filter((m) => m[2] !== '' || m[1]!.includes('m='));
		const transfer = chunks.filter((m) => /(^|,)m=/.test(m[1]!));
		expect(transfer.length).toBeGreaterThan(2);
		expect(transfer[0]![1]).toMatch(/^a=T,f=100,t=d,i=\d+,p=1,c=5,r=2,C=1,q=2,m=1$/);
		expect(transfer.at(-1)![1]).toBe('q=2,m=0');
		expect(transfer.every((m) => m[2]!.length <= 4096)).toBe(true);
		expect(transfer.slice(0, -1).every((m) => m[2]!.length === 4096)).toBe(true);
		expect(transfer.map((m) => m[2]).join('')).toBe(bigPng.toString('base64'));
		expect(t.out.text).toContain('\u001B7\u001B[4;1H\u001B_Ga=T');
		expect(plain(t.out.text)).toContain('Look: [image: noise.png]');
		// The answer side keeps the image where it was: placed again by id, not sent again.
		let before = t.out.text.length;
		await press(t.stdin, ' ');
		expect(t.out.text.slice(before)).toMatch(/\u001B\[4;1H\u001B_Ga=p,i=\d+,p=1,c=5,r=2,C=1,q=2\u001B\\/);
		expect(t.out.text.slice(before)).not.toContain('a=T');
		// The next screen has no image: the old one is deleted.
		before = t.out.text.length;
		await press(t.stdin, '3');
		expect(t.out.text.slice(before)).toContain('\u001B_Ga=d,d=A,q=2\u001B\\');
		expect(t.finish()).toBe('');
	});

	it('kitty: a JPEG keeps just its placeholder (f=100 takes PNG only)', async () => {
		const t = await run([card(['photo.jpg'])], kitty);
		expect(t.out.text).not.toContain('\u001B_G');
		expect(plain(t.out.text)).toContain('[image: photo.jpg]');
		t.finish();
	});

	it('inside tmux or over SSH on auto: no image, only the placeholder; always overrides', async () => {
		for (const env of [{...iterm, TMUX: '/tmp/tmux-1/default,1,0'}, {...kitty, SSH_CONNECTION: '10.0.0.1 22 10.0.0.2 22'}]) {
			expect(imageOverlayFor({env, setting: 'auto', mediaDir, stdout: new TtyOut() as unknown as NodeJS.WriteStream})).toBeNull();
			const t = await run([card(['cat.png'])], env, 'auto');
			expect(t.out.text).not.toMatch(/\u001B\]1337|\u001B_G/);
			expect(plain(t.out.text)).toContain('Look: [image: cat.png]');
			t.finish();
		}
		const forced = await run([card(['cat.png'])], {...iterm, TMUX: '/tmp/x'}, 'always');
		expect(forced.out.text).toContain('\u001B]1337;File=inline=1');
		forced.finish();
	});

	it('sixel (foot): draws a decoded PNG as a DCS sixel image in its reserved rows; a JPEG keeps its placeholder', async () => {
		const t = await run([card(['cat.png', 'photo.jpg'])], {TERM: 'foot'});
		// 4x2 px fits one cell; sixel sizes for 6x12 px cells, so 6x3 px.
		expect(t.out.text).toContain('\u001B7\u001B[4;1H\u001BP0;1;0q"1;1;6;3#');
		expect(t.out.text.match(/\u001BP0;1;0q/g)).toHaveLength(1);
		expect(plain(t.out.text)).toContain('[image: photo.jpg]');
		t.finish();
	});

	it('never, and output that is not a terminal, draw nothing', async () => {
		const never = await run([card(['cat.png'])], iterm, 'never');
		expect(never.out.text).not.toContain('\u001B]1337');
		never.finish();
		const pipe = Object.assign(new TtyOut(), {isTTY: false});
		expect(imageOverlayFor({env: iterm, setting: 'always', mediaDir, stdout: pipe as unknown as NodeJS.WriteStream})).toBeNull();
	});

	it('names that leave the media folder are refused and keep their placeholder', async () => {
		const t = await run([card(['../secret.png', '%2e%2e%2fsecret.png', 'link.png'])], iterm);
		expect(t.out.text).not.toContain('\u001B]1337');
		expect(plain(t.out.text)).toContain('[image: ../secret.png]');
		expect(plain(t.out.text)).toContain('[image: link.png]');
		t.finish();
	});

	it('reserves rows under the placeholder, and leaves images off while card info covers the card', async () => {
		const tall = makePng(40, 200, () => [0, 0, 0]);
		writeFileSync(path.join(mediaDir, 'tall.png'), tall);
		const t = await run([{...card(['tall.png']), front: 'Top [image: tall.png]\nBelow the image'}], iterm);
		// 40x200 px at 10x20 px cells is 4x10 cells; a third of 23 rows is 7, so 7 rows and 3 columns (aspect kept).
		expect(t.out.text).toContain('\u001B[4;1H\u001B]1337;File=inline=1;size=' + tall.length + ';width=3;height=7;');
		const frame = plain(t.out.text.split('\u001B7').at(-2) ?? '');
		const lines = frame.split('\n');
		const top = lines.findIndex((l) => l.includes('Top [image: tall.png]'));
		expect(lines[top + 8]).toContain('Below the image');
		expect(lines.slice(top + 1, top + 8).every((l) => l.trim() === '')).toBe(true);
		const before = t.out.text.length;
		await press(t.stdin, 'i');
		expect(plain(t.out.text.slice(before))).toContain('Card 1');
		expect(t.out.text.slice(before)).not.toContain('\u001B]1337');
		t.finish();
	});
});

describe('PNG decoding and sixel encoding', () => {
	it('decodes every row filter back to the pixels', () => {
		const pixel = (x: number, y: number): [number, number, number] => [(x * 37 + y * 11) & 0xff, (x * y * 5) & 0xff, (255 - x * 9 - y * 3) & 0xff];
		const decoded = decodePng(makePng(13, 10, pixel, {filters: true}))!;
		expect(decoded.width).toBe(13);
		expect(decoded.height).toBe(10);
		for (let y = 0; y < 10; y++) {
			for (let x = 0; x < 13; x++) expect([...decoded.rgba.subarray((y * 13 + x) * 4, (y * 13 + x) * 4 + 4)]).toEqual([...pixel(x, y), 255]);
		}
		expect(decodePng(Buffer.from('not a png at all, not at all, no'))).toBeNull();
	});

	it('encodes quadrants as colour registers and run-length sixel bands', () => {
		const colours: Array<[number, number, number]> = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]];
		const pixels = decodePng(makePng(2, 2, (x, y) => colours[y * 2 + x]!))!;
		const sixel = sixelImage(pixels, 12, 12);
		expect(sixel).toBe(
			'\u001BP0;1;0q"1;1;12;12#5;2;0;0;100#30;2;0;100;0#180;2;100;0;0#215;2;100;100;100' +
				'#180!6~!6?$#30!6?!6~-' +
				'#5!6~!6?$#215!6?!6~\u001B\\',
		);
	});
});

describe('image headers and sizes', () => {
	it('reads PNG, GIF and JPEG dimensions', () => {
		expect(imageInfo(smallPng)).toEqual({format: 'png', width: 4, height: 2});
		expect(imageInfo(Buffer.from('GIF89a\x20\x01\x10\x00', 'latin1'))).toEqual({format: 'gif', width: 288, height: 16});
		const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x02, 0x58, 0x03]);
		expect(imageInfo(jpeg)).toEqual({format: 'jpeg', width: 600, height: 300});
		expect(imageInfo(Buffer.from('not an image'))).toBeNull();
	});

	it('fits the box keeping the aspect ratio, never upscaling', () => {
		expect(fitCells({width: 800, height: 400}, 80, 7)).toEqual({cols: 28, rows: 7});
		expect(fitCells({width: 1600, height: 200}, 80, 7)).toEqual({cols: 80, rows: 5});
		expect(fitCells({width: 100, height: 40}, 80, 7)).toEqual({cols: 10, rows: 2});
	});

	it('reads only plain files inside the media folder, up to a size cap', () => {
		expect(mediaPath(mediaDir, '../secret.png')).toBeNull();
		expect(mediaPath(mediaDir, '/etc/passwd')).toBeNull();
		expect(mediaPath(mediaDir, 'a\\b.png')).toBeNull();
		expect(mediaPath(mediaDir, '..')).toBeNull();
		expect(mediaPath(mediaDir, 'cat.png')).toBe(path.join(mediaDir, 'cat.png'));
		expect(readMediaFile(mediaDir, '../secret.png')).toEqual({ok: false, reason: 'unsafe'});
		expect(readMediaFile(mediaDir, '%2e%2e%2fsecret.png')).toEqual({ok: false, reason: 'unsafe'});
		expect(readMediaFile(mediaDir, 'link.png')).toEqual({ok: false, reason: 'unsafe'});
		expect(readMediaFile(mediaDir, 'absent.png')).toEqual({ok: false, reason: 'missing'});
		expect(readMediaFile(mediaDir, 'noise.png', 100)).toEqual({ok: false, reason: 'too-large'});
		const read = readMediaFile(mediaDir, 'cat.png');
		expect(read.ok && read.data.equals(smallPng)).toBe(true);
		writeFileSync(path.join(mediaDir, 'my cat.png'), smallPng);
		const encoded = readMediaFile(mediaDir, 'my%20cat.png');
		expect(encoded.ok && encoded.data.equals(smallPng)).toBe(true);
	});
});
