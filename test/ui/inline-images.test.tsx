import React from 'react';
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {render} from 'ink';
import {App} from '../../source/ui/App.js';
import type {AppModel} from '../../source/ui/app-model.js';
import {ReviewController} from '../../source/ui/controller/review-controller.js';
import {createImageOverlay, type InlineImages} from '../../source/ui/graphics/inline-images.js';
import type {GraphicsChoice} from '../../source/ui/graphics/terminal-graphics.js';
import type {ImageRef} from '../../source/core/render/index.js';
import {makeImageFiles, occlusionShapesField} from '../../scripts/lib/image-fixtures.js';
import {revealClozeText} from '../../source/core/render/index.js';
import {occlusionColors, occlusionShapes} from '../../source/core/render/occlusion.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import {fitCells} from '../../source/ui/graphics/fit-cells.js';
import {mediaPath, readMediaFile} from '../../source/core/media/media-file.js';
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
const files = await makeImageFiles();
for (const [name, data] of Object.entries(files)) writeFileSync(path.join(mediaDir, name), data);
writeFileSync(path.join(media.dir, 'secret.png'), smallPng);
symlinkSync(path.join(media.dir, 'secret.png'), path.join(mediaDir, 'link.png'));

/** Runs the whole app, straight into a review of `cards`, the way the review command wires images. */
async function run(cards: FakeCard[], output: GraphicsChoice['output'], extra: Partial<GraphicsChoice> = {}, wrap: (images: InlineImages) => InlineImages = (images) => images) {
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
	const choice: GraphicsChoice = {output, placeholders: false, tmuxPassthrough: false, enablePassthrough: false, colors: 'truecolor', cell: null, remote: false, reason: 'test', ...extra};
	const overlay = createImageOverlay({choice, mediaDir, stdout});
	const app = render(<App model={model} theme={themes.dark} bindings={bindings} startDeckId={1} images={wrap(overlay.images)} size={{columns: 80, rows: 23}} />, {
		stdout: overlay.stdout,
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
		/** Waits (decoding is asynchronous) until the output shows what `test` looks for. */
		until: async (test: (text: string) => boolean, what: string) => {
			const deadline = Date.now() + 10_000;
			while (!test(out.text)) {
				if (Date.now() > deadline) throw new Error(`never saw ${what}; output ended with:\n${plain(out.text.slice(-2000))}`);
				await tick(20);
			}
		},
		finish: () => {
			app.unmount();
			return overlay.dispose();
		},
	};
}

const card = (images: string[], front = images.map((n) => `Look: [image: ${n}]`).join('\n')): FakeCard => ({id: 1, front, back: 'a cat', kind: 'new', images});
const alone = (name: string): FakeCard => ({id: 1, front: `[image: ${name}]\nWhat is it?`, back: 'a picture', kind: 'new', images: [name]});
const truecolorCells = /\u001B\[[\d;]*(38|48);2;\d+;\d+;\d+[\d;]*m[▀ ]/;

describe('inline images in the reviewer', () => {
	it('loads the image library ahead only while a card with images is shown (an answer-side image is ready at the flip), never for text cards', async () => {
		const prefetchedOn: string[] = [];
		const cards: FakeCard[] = [
			{id: 1, front: 'Plain question', back: 'plain answer', kind: 'new', images: []},
			{id: 2, front: 'Which animal?', back: '[image: photo.jpg]', kind: 'new', images: ['photo.jpg']},
		];
		let screen = () => '';
		const t = await run(cards, 'text', {}, (images) => ({
			...images,
			prefetch: () => {
				prefetchedOn.push(screen().includes('Which animal?') ? 'image card' : 'text card');
				return images.prefetch();
			},
		}));
		screen = () => plain(t.out.text.slice(t.out.text.lastIndexOf('Spanish')));
		await press(t.stdin, ' ');
		await t.until((text) => plain(text).includes('plain answer'), 'the text answer');
		expect(prefetchedOn).toEqual([]);
		await press(t.stdin, ' ');
		await t.until((text) => plain(text).includes('Which animal?'), 'the image card');
		await tick(50);
		expect(prefetchedOn).toEqual(['image card']);
		t.finish();
	});

	it('text: a placeholder alone on its line becomes coloured half blocks, sized in cells, kept inside the box', async () => {
		const t = await run([alone('photo.jpg')], 'text');
		await t.until((text) => truecolorCells.test(text), 'half-block cells');
		const frame = t.out.text.slice(t.out.text.lastIndexOf('Spanish'));
		const rows = frame.split('\n').filter((l) => l.includes('▀'));
		// 1000x800 px at 10x20 px cells is 100x40 cells; half the 20-row card body is 10 rows: 25x10, aspect kept.
		expect(rows.length).toBe(10);
		expect(plain(rows[0]).replace(/\u001B\[[\d;]*m/g, '').trim()).toHaveLength(25);
		expect(plain(frame)).not.toContain('[image: photo.jpg]');
		expect(plain(frame)).toContain('What is it?');
		expect(t.finish()).toBe('');
	});

	it('text: an image inside a sentence keeps the sentence above it', async () => {
		const t = await run([card(['plain.png'])], 'text', {colors: '256'});
		await t.until((text) => /\u001B\[[\d;]*38;5;\d+[\d;]*m▀/.test(text), '256-colour cells');
		expect(plain(t.out.text)).toContain('Look: [image: plain.png]');
		expect(t.out.text).not.toMatch(/38;2;/);
		t.finish();
	});

	it('kitty through tmux: each 4096-byte chunk in its own passthrough, once; placeholder cells in the frame; deleted on leaving', async () => {
		const t = await run([alone('plain.png')], 'kitty', {placeholders: true, tmuxPassthrough: true});
		await t.until((text) => text.includes('\u{10EEEE}'), 'placeholder cells');
		const wrapped = [...t.out.text.matchAll(/\u001BPtmux;\u001B\u001B_G([^;]*);([^\u001B]*)\u001B\u001B\\\u001B\\/g)];
		expect(wrapped.length).toBeGreaterThan(1);
		const id = Number(/i=(\d+)/.exec(wrapped[0]![1]!)![1]);
		expect(wrapped[0]![1]).toBe(`a=T,f=100,t=d,i=${id},U=1,c=12,r=4,q=2,m=1`);
		expect(wrapped.slice(1).map((m) => m[1])).toEqual([...Array(wrapped.length - 2).fill('q=2,m=1'), 'q=2,m=0']);
		const base64 = wrapped.map((m) => m[2]).join('');
		expect(Buffer.from(base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
		// Placeholder rows: low byte of the id as the 256-colour foreground, row and column marks, the high byte as third mark.
		expect(t.out.text).toContain(`\u001B[38;5;${id & 0xff}m\u{10EEEE}\u0305\u0305`);
		await press(t.stdin, ' ');
		expect(t.out.text.match(/a=T,f=100/g)).toHaveLength(1);
		expect(t.finish()).toBe(`\u001BPtmux;\u001B\u001B_Ga=d,d=I,i=${id},q=2\u001B\u001B\\\u001B\\`);
	});

	it('iTerm2: a JPEG drawn in the rows reserved under its placeholder, cursor saved and restored', async () => {
		const t = await run([card(['plain.png'])], 'iterm');
		await t.until((text) => text.includes('\u001B]1337;File='), 'an iTerm2 image');
		const m = /\u001B7\u001B\[4;1H\u001B\]1337;File=inline=1;size=(\d+);width=12;height=4;preserveAspectRatio=1:([A-Za-z0-9+/=]+)\u0007\u001B8/.exec(t.out.text)!;
		expect(m).not.toBeNull();
		const jpeg = Buffer.from(m[2]!, 'base64');
		expect(jpeg.length).toBe(Number(m[1]));
		expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
		t.finish();
	});

	it('sixel: a dithered 256-colour image in the reserved rows, sized for small cells when the terminal did not say', async () => {
		const t = await run([card(['plain.png'])], 'sixel');
		await t.until((text) => text.includes('\u001BP0;1;0q'), 'a sixel image');
		// Sixel pixels are drawn as they are: 120x80 px, with rows reserved for 6x12 px cells (7), which holds on any larger font.
		expect(t.out.text).toMatch(/\u001B7\u001B\[4;1H\u001BP0;1;0q"1;1;120;80#0;2;\d+;\d+;\d+/);
		const palette = t.out.text.slice(t.out.text.indexOf('\u001BP0;1;0q')).match(/#(\d+);2;/g)!;
		expect(palette.length).toBeLessThanOrEqual(256);
		t.finish();
	});

	it('kitty (classic placement): sends once, places again by id on later frames, deletes on quit', async () => {
		const t = await run([card(['plain.png'])], 'kitty');
		await t.until((text) => text.includes('\u001B_Ga=T'), 'a kitty image');
		expect(t.out.text).toMatch(/\u001B7\u001B\[4;1H\u001B_Ga=T,f=100,t=d,i=\d+,p=1,c=12,r=4,C=1,q=2,m=[01];/);
		const before = t.out.text.length;
		await press(t.stdin, ' ');
		expect(t.out.text.slice(before)).toMatch(/\u001B_Ga=p,i=\d+,p=1,c=12,r=4,C=1,q=2\u001B\\/);
		expect(t.out.text.slice(before)).not.toContain('a=T');
		expect(t.finish()).toMatch(/^\u001B_Ga=d,d=I,i=\d+,q=2\u001B\\$/);
	});

	it('an image that cannot be shown says why, and the reviewer goes on', async () => {
		const names = ['../secret.png', 'link.png', 'absent.png', 'huge.png', 'truncated.jpg', 'not-an-image.png'];
		const t = await run([card(names)], 'text');
		await t.until((text) => ['huge.png: ', 'truncated.jpg: ', 'not-an-image.png: '].every((reason) => plain(text).includes(reason)), 'the reasons');
		const screen = plain(t.out.text.slice(t.out.text.lastIndexOf('Spanish')));
		expect(screen).toContain('../secret.png: outside the media folder');
		expect(screen).toContain('link.png: outside the media folder');
		expect(screen).toContain('absent.png: not in the media folder');
		expect(screen).toContain('huge.png: 20000x20000 px is too large to decode');
		expect(screen).toContain('truncated.jpg: damaged or unreadable');
		expect(screen).toContain('not-an-image.png: not an image format the reviewer knows');
		t.finish();
	});

	it('an occlusion card draws its masks in the colours Anki uses: the asked one red, the others yellow', async () => {
		const html = revealClozeText(occlusionShapesField, 1, true);
		const ref: ImageRef = {name: 'photo.jpg', marker: '[image occlusion: 3 masks, asking 1]', occlusion: {kind: 'native', image: 'photo.jpg', shapes: occlusionShapes(html), colors: occlusionColors('')}};
		const fake: FakeCard = {id: 1, front: 'Parts\n[image occlusion: 3 masks, asking 1]', back: 'x', kind: 'new', images: ['photo.jpg']};
		const t = await run([fake], 'text');
		// The fake session gives file names only: ask the image output for the occluded image directly.
		const view = t.overlay.images.view(ref, {cols: 60, rows: 20}, false);
		expect(view?.kind).toBe('loading');
		let ready = t.overlay.images.view(ref, {cols: 60, rows: 20}, false);
		for (let i = 0; i < 200 && ready?.kind !== 'rows'; i++) {
			await tick(20);
			ready = t.overlay.images.view(ref, {cols: 60, rows: 20}, false);
		}
		expect(ready?.kind).toBe('rows');
		const text = ready?.kind === 'rows' ? ready.lines.join('\n') : '';
		expect(text).toContain('255;142;142'); // #ff8e8e, the asked mask
		expect(text).toContain('255;235;162'); // #ffeba2, the other masks
		t.finish();
	});

	it('leaves overlay images off while card info covers the card', async () => {
		const t = await run([{...card(['plain.png']), front: 'Top [image: plain.png]\nBelow the image'}], 'iterm');
		await t.until((text) => text.includes('\u001B]1337'), 'an iTerm2 image');
		const drawnAfter = t.out.text.slice(0, t.out.text.lastIndexOf('\u001B]1337'));
		const lines = plain(drawnAfter.slice(drawnAfter.lastIndexOf('Spanish'))).split('\n');
		const top = lines.findIndex((l) => l.includes('Top [image: plain.png]'));
		// 120x80 px in 10x20 px cells: 4 blank rows reserved under the line, then the text goes on.
		expect(lines.slice(top + 1, top + 5).every((l) => l.trim() === '')).toBe(true);
		expect(lines[top + 5]).toContain('Below the image');
		const before = t.out.text.length;
		await press(t.stdin, 'i');
		expect(plain(t.out.text.slice(before))).toContain('Card 1');
		expect(t.out.text.slice(before)).not.toContain('\u001B]1337');
		t.finish();
	});
});

describe('image headers and sizes', () => {
	it('fits the box keeping the aspect ratio, never upscaling', () => {
		const cell = {width: 10, height: 20};
		expect(fitCells({width: 800, height: 400}, 80, 7, cell)).toEqual({cols: 28, rows: 7});
		expect(fitCells({width: 1600, height: 200}, 80, 7, cell)).toEqual({cols: 80, rows: 5});
		expect(fitCells({width: 100, height: 40}, 80, 7, cell)).toEqual({cols: 10, rows: 2});
		// Larger cells (a HiDPI terminal answering CSI 16t): fewer of them for the same picture.
		expect(fitCells({width: 100, height: 40}, 80, 7, {width: 20, height: 40})).toEqual({cols: 5, rows: 1});
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
