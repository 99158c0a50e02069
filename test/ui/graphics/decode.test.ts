// Real images of every format decks carry, made by the project (scripts/lib/image-fixtures.ts),
// decoded, turned upright, scaled and masked by the image library; and files that must fail
// cleanly: too large, truncated, not an image, hostile SVG.
import {beforeAll, describe, expect, it} from 'vitest';
import {blue, makeImageFiles, occlusionShapesField, red, type ImageFiles} from '../../../scripts/lib/image-fixtures.js';
import {inspectImage, loadImageLibrary, renderImage, type Encoded} from '../../../source/ui/graphics/decode.js';
import {occlusionSvg} from '../../../source/ui/graphics/occlusion-svg.js';
import {defaultOcclusionColors, occlusionShapes} from '../../../source/core/render/occlusion.js';
import {revealClozeText} from '../../../source/core/render/index.js';

let files: ImageFiles;
let sharp: NonNullable<Awaited<ReturnType<typeof loadImageLibrary>>>;
beforeAll(async () => {
	files = await makeImageFiles();
	sharp = (await loadImageLibrary())!;
}, 60_000);

async function pixels(name: string, width: number, height: number): Promise<{rgb: Uint8Array; width: number; height: number}> {
	const data = files[name]!;
	const facts = await inspectImage(sharp, data);
	const out = (await renderImage(sharp, data, facts, {width, height}, 'rgb')) as Extract<Encoded, {kind: 'rgb'}>;
	return out.pixels;
}

const at = (p: {rgb: Uint8Array; width: number}, x: number, y: number) => [...p.rgb.subarray((y * p.width + x) * 3, (y * p.width + x) * 3 + 3)];
const near = (a: number[], b: number[], tolerance = 40) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

describe('decoding every format', () => {
	it.each([
		['photo.jpg', 'jpeg', 1000, 800],
		['plain.png', 'png', 120, 80],
		['interlaced.png', 'png', 120, 80],
		['palette.png', 'png', 120, 80],
		['deep.png', 'png', 120, 80],
		['frames.gif', 'gif', 40, 20],
		['picture.webp', 'webp', 120, 80],
		['picture.avif', 'heif', 120, 80],
		['drawing.svg', 'svg', 120, 60],
	])('%s: reads its size and decodes to pixels', async (name, format, width, height) => {
		expect(await inspectImage(sharp, files[name]!)).toEqual({width, height, format});
		const p = await pixels(name, 24, 16);
		expect(p.rgb.length).toBe(24 * 16 * 3);
		// Not blank: a decoded picture has more than one colour.
		expect(new Set(Array.from({length: 24 * 16}, (_, i) => at(p, i % 24, Math.floor(i / 24)).join())).size).toBeGreaterThan(1);
	});

	it('PNG variants (interlaced, 16 colours, 16-bit) decode to the same picture as the plain one', async () => {
		const plain = await pixels('plain.png', 30, 20);
		for (const name of ['interlaced.png', 'deep.png']) {
			const other = await pixels(name, 30, 20);
			expect(near(at(other, 10, 10), at(plain, 10, 10), 2)).toBe(true);
		}
		expect(near(at(await pixels('palette.png', 30, 20), 10, 10), at(plain, 10, 10), 60)).toBe(true);
	});

	it('JPEG: EXIF orientation 6 is applied (stored 200x100 red|blue, shown 100x200 red above blue)', async () => {
		expect(await inspectImage(sharp, files['rotated.jpg']!)).toMatchObject({width: 100, height: 200});
		const p = await pixels('rotated.jpg', 10, 20);
		expect(near(at(p, 5, 2), red)).toBe(true);
		expect(near(at(p, 5, 17), blue)).toBe(true);
	});

	it('GIF: the first frame (red|white), not the second (blue)', async () => {
		const p = await pixels('frames.gif', 8, 4);
		expect(near(at(p, 1, 2), red)).toBe(true);
		expect(near(at(p, 6, 2), [255, 255, 255])).toBe(true);
	});

	it('SVG: drawn at the size shown; transparency becomes the white card background', async () => {
		const p = await pixels('drawing.svg', 240, 120);
		expect(near(at(p, 60, 60), [230, 30, 30])).toBe(true);
		expect(near(at(p, 200, 60), [30, 30, 230])).toBe(true);
	});
});

describe('images that must not be drawn', () => {
	it('a 20000x20000 image is refused from its header, before any decoding', async () => {
		await expect(inspectImage(sharp, files['huge.png']!)).rejects.toThrow('20000x20000 px is too large to decode');
	});

	it('a truncated JPEG and a text file fail with a reason', async () => {
		const truncated = files['truncated.jpg']!;
		await expect(inspectImage(sharp, truncated).then((facts) => renderImage(sharp, truncated, facts, {width: 50, height: 40}, 'png'))).rejects.toThrow('damaged or unreadable');
		await expect(inspectImage(sharp, files['not-an-image.png']!)).rejects.toThrow('not an image format the reviewer knows');
	});

	it('an SVG of nested entities fails or draws, but returns', async () => {
		const svg = files['entities.svg']!;
		const outcome = await inspectImage(sharp, svg)
			.then((facts) => renderImage(sharp, svg, facts, {width: 50, height: 50}, 'png'))
			.then(() => 'drawn', (error: Error) => error.message);
		expect(['drawn', 'damaged or unreadable']).toContain(outcome);
	});

	it('an SVG cannot pull in files from outside: its <image> draws nothing', async () => {
		const p = await pixels('outside.svg', 40, 40);
		for (const [x, y] of [[5, 5], [20, 20], [35, 35]] as const) expect(at(p, x, y)).toEqual([255, 255, 255]);
	});
});

describe('occlusion masks composited onto the image', () => {
	it("native: the asked shape in Anki's active colour, other cards' (oi=1) in the inactive colour; the answer shows the image under an outline", async () => {
		const photo = files['photo.jpg']!;
		const facts = await inspectImage(sharp, photo);
		const draw = async (question: boolean) => {
			const shapes = occlusionShapes(revealClozeText(occlusionShapesField, 1, question));
			const svg = occlusionSvg(shapes, defaultOcclusionColors, 500, 400);
			return ((await renderImage(sharp, photo, facts, {width: 500, height: 400}, 'rgb', {svg})) as Extract<Encoded, {kind: 'rgb'}>).pixels;
		};
		const q = await draw(true);
		// c1 rect: left .05 top .1 width .25 height .3 -> centre (87, 100); c2 ellipse centre (260, 260); c3 polygon near (410, 80).
		expect(at(q, 87, 100)).toEqual([0xff, 0x8e, 0x8e]);
		expect(at(q, 260, 260)).toEqual([0xff, 0xeb, 0xa2]);
		expect(at(q, 410, 80)).toEqual([0xff, 0xeb, 0xa2]);
		const corner = (p: typeof q) => [at(p, 24, 39), at(p, 25, 40)].map((c) => c.join());
		expect(corner(q)).toContain('33,33,33'); // the 1 px #212121 border at the rect's corner
		const a = await draw(false);
		expect(at(a, 87, 100)).not.toEqual([0xff, 0x8e, 0x8e]); // revealed: the photo shows through
		expect(corner(a)).toContain('255,142,142'); // the #ff8e8e highlight outline
		expect(at(a, 260, 260)).toEqual([0xff, 0xeb, 0xa2]);
	});

	it('enhanced (IOE): the SVG mask file is scaled onto the image', async () => {
		const photo = files['photo.jpg']!;
		const mask = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="800"><rect x="500" y="400" width="500" height="400" fill="#FF7E7E"/></svg>');
		const facts = await inspectImage(sharp, photo);
		const out = ((await renderImage(sharp, photo, facts, {width: 100, height: 80}, 'rgb', {maskFile: mask})) as Extract<Encoded, {kind: 'rgb'}>).pixels;
		expect(at(out, 75, 60)).toEqual([0xff, 0x7e, 0x7e]);
		expect(at(out, 20, 20)).not.toEqual([0xff, 0x7e, 0x7e]);
	});
});
