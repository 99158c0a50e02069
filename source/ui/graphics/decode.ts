// Decoding, scaling, masking and encoding card images with sharp (libvips), loaded only when the
// first image is needed: JPEG (EXIF orientation applied), PNG (any depth, palette, interlaced),
// GIF (first frame), WebP, SVG (librsvg), AVIF, TIFF. Every image is decoded under limits, so a
// corrupt, huge or hostile file becomes a reason shown in its place, never a stall or a crash.
import type {Sharp, SharpOptions} from 'sharp';
import type {IndexedPixels} from './sixel.js';
import type {RgbPixels} from './text-image.js';

type SharpModule = typeof import('sharp');
type SharpFactory = SharpModule extends {default: infer F} ? F : never;

let library: Promise<SharpFactory | null> | undefined;

/** sharp, or null where it cannot load (an unsupported platform, an install without it). */
export function loadImageLibrary(): Promise<SharpFactory | null> {
	// In the built CLI this loads sharp's JavaScript bundled beside the script (dist/image-library.cjs, scripts/build.mjs).
	library ??= import('sharp').then(
		(module) => {
			const sharp = module.default;
			// A few decoded images at most: the reviewer keeps its own cache of encoded results.
			sharp.cache({memory: 32, files: 0, items: 16});
			return sharp;
		},
		() => null,
	);
	return library;
}

/** One tiny decode and encode, so libvips' first real image does not pay for its start-up. */
export async function warmUp(sharp: SharpFactory): Promise<void> {
	try {
		const jpeg = await sharp({create: {width: 16, height: 16, channels: 3, background: '#808080'}}).jpeg().toBuffer();
		await sharp(jpeg).resize(8, 8).png().toBuffer();
	} catch {
		// Only a head start: the real image reports its own errors.
	}
}

export const decodeLimits = {
	/** Larger images are refused before decoding (a 20000x20000 image is 400 MP). */
	maxPixels: 70_000_000,
	/** libvips gives up on one image after this long. */
	timeoutSeconds: 3,
};

export class ImageError extends Error {}

export interface ImageFacts {
	/** Size as displayed: after EXIF rotation; an SVG's at 72 dpi. */
	width: number;
	height: number;
	format: string;
}

const inputOptions = (density?: number): SharpOptions => ({
	limitInputPixels: decodeLimits.maxPixels,
	// Only the first frame of an animation (GIF, WebP) or page of a multi-page file.
	animated: false,
	sequentialRead: true,
	...(density ? {density} : {}),
});

function describe(error: unknown): ImageError {
	const message = error instanceof Error ? error.message : String(error);
	if (/pixel limit/i.test(message)) return new ImageError('too large to decode');
	if (/timeout/i.test(message)) return new ImageError(`took over ${decodeLimits.timeoutSeconds} s to decode`);
	if (/unsupported image format/i.test(message)) return new ImageError('not an image format the reviewer knows');
	return new ImageError('damaged or unreadable');
}

async function withinBudget<T>(work: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const limit = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new ImageError(`took over ${decodeLimits.timeoutSeconds} s to decode`)), decodeLimits.timeoutSeconds * 1000 + 500);
	});
	try {
		return await Promise.race([work, limit]);
	} finally {
		clearTimeout(timer);
	}
}

/** Reads the header: size (rotated as shown), format; refuses images over the pixel limit. */
export async function inspectImage(sharp: SharpFactory, data: Buffer): Promise<ImageFacts> {
	let meta: Awaited<ReturnType<Sharp['metadata']>>;
	try {
		// The header only: the size is checked here, so the message can say it.
		meta = await withinBudget(sharp(data, {...inputOptions(), limitInputPixels: false}).metadata());
	} catch (error) {
		throw error instanceof ImageError ? error : describe(error);
	}
	const {width, height, format} = meta;
	if (!width || !height || !format) throw new ImageError('damaged or unreadable');
	if (width * height > decodeLimits.maxPixels) throw new ImageError(`${width}x${height} px is too large to decode`);
	return {width: meta.autoOrient?.width ?? width, height: meta.autoOrient?.height ?? height, format};
}

/** What goes over the image before it is encoded: native occlusion masks or an IOE mask file. */
export interface ImageOverlay {
	/** An SVG document exactly the target size. */
	svg?: string;
	/** An SVG mask file the size of the image (Image Occlusion Enhanced). */
	maskFile?: Buffer;
}

export type Encoding = 'png' | 'png-palette' | 'jpeg' | 'rgb' | 'indexed';

export type Encoded =
	| {kind: 'file'; data: Buffer; width: number; height: number}
	| {kind: 'rgb'; pixels: RgbPixels}
	| {kind: 'indexed'; pixels: IndexedPixels};

/**
 * Decodes `data`, turns it upright, scales it to exactly `width` x `height` px, lays it on white
 * (Anki's card background, so transparent LaTeX and diagrams stay legible on dark terminals),
 * draws the overlay on top, and encodes it.
 */
export async function renderImage(
	sharp: SharpFactory,
	data: Buffer,
	facts: ImageFacts,
	target: {width: number; height: number},
	encoding: Encoding,
	overlay?: ImageOverlay,
	/** Scale to this size after the overlay is drawn (text output: masks drawn at screen resolution, then reduced to cells). */
	final?: {width: number; height: number},
): Promise<Encoded> {
	const {width, height} = target;
	try {
		return await withinBudget(
			(async (): Promise<Encoded> => {
				// Vector images are drawn at the size they are shown, not scaled up from 72 dpi.
				const density = facts.format === 'svg' ? Math.min(2400, Math.max(1, (72 * width) / facts.width)) : undefined;
				let image = sharp(data, inputOptions(density))
					.timeout({seconds: decodeLimits.timeoutSeconds})
					.autoOrient()
					.resize(width, height, {fit: 'fill'})
					.flatten({background: '#ffffff'});
				const layers: Array<{input: Buffer}> = [];
				if (overlay?.maskFile) {
					const mask = await sharp(overlay.maskFile, inputOptions(72))
						.timeout({seconds: decodeLimits.timeoutSeconds})
						.resize(width, height, {fit: 'fill'})
						.png()
						.toBuffer();
					layers.push({input: mask});
				}
				if (overlay?.svg) layers.push({input: Buffer.from(overlay.svg)});
				if (layers.length > 0) {
					// composite() works on the resized image only once it is materialised.
					const base = await image.png({compressionLevel: 0}).toBuffer();
					image = sharp(base).composite(layers);
				}
				if (final && (final.width !== width || final.height !== height)) {
					const drawn = await image.png({compressionLevel: 0}).toBuffer();
					image = sharp(drawn).resize(final.width, final.height, {fit: 'fill'});
					return await encode(sharp, image, encoding, final.width, final.height);
				}
				return await encode(sharp, image, encoding, width, height);
			})(),
		);
	} catch (error) {
		throw error instanceof ImageError ? error : describe(error);
	}
}

async function encode(sharp: SharpFactory, image: Sharp, encoding: Encoding, width: number, height: number): Promise<Encoded> {
	switch (encoding) {
		case 'png':
			// kitty on the same machine: deflate's work costs more than the bytes it saves on a local
			// pipe (a 400x320 photo: 13 ms and 385 kB stored, against 26 ms and 248 kB at level 6).
			return {kind: 'file', data: await image.png({compressionLevel: 0}).toBuffer(), width, height};
		case 'png-palette':
			// libimagequant: a quarter of the bytes of a full-colour PNG for photos, for slow links.
			return {kind: 'file', data: await image.png({palette: true, quality: 90, colours: 256, dither: 1, effort: 1}).toBuffer(), width, height};
		case 'jpeg':
			return {kind: 'file', data: await image.jpeg({quality: 85}).toBuffer(), width, height};
		case 'rgb': {
			const rgb = await image.removeAlpha().toColourspace('srgb').raw().toBuffer();
			return {kind: 'rgb', pixels: {width, height, rgb}};
		}
		case 'indexed': {
			// Quantised to 256 colours with dithering by libimagequant, then read back as pixels.
			const quantised = await image.png({palette: true, colours: 256, dither: 1, effort: 1, compressionLevel: 0}).toBuffer();
			const rgb = await sharp(quantised).removeAlpha().toColourspace('srgb').raw().toBuffer();
			return {kind: 'indexed', pixels: indexPixels(rgb, width, height)};
		}
	}
}

/** Numbers the (at most 256) colours of quantised pixels. */
function indexPixels(rgb: Buffer, width: number, height: number): IndexedPixels {
	const indices = new Uint8Array(width * height);
	const palette: Array<[number, number, number]> = [];
	const seen = new Map<number, number>();
	for (let i = 0; i < width * height; i++) {
		const key = (rgb[i * 3]! << 16) | (rgb[i * 3 + 1]! << 8) | rgb[i * 3 + 2]!;
		let index = seen.get(key);
		if (index === undefined) {
			index = Math.min(255, palette.length);
			if (palette.length < 256) {
				palette.push([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!]);
				seen.set(key, index);
			}
		}
		indices[i] = index;
	}
	return {width, height, indices, palette};
}
