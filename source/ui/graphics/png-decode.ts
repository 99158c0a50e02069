// A small PNG decoder (zlib from Node, the rest by hand) to RGBA pixels, for terminals that need
// pixels rather than files (sixel). Interlaced images are not decoded: they keep their placeholder.
import {inflateSync} from 'node:zlib';

export interface Pixels {
	width: number;
	height: number;
	/** 4 bytes per pixel, rows top to bottom. */
	rgba: Uint8Array;
}

const channelsOf: Record<number, number> = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4};

export function decodePng(bytes: Uint8Array, maxPixels = 16_000_000): Pixels | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (bytes.length < 33 || view.getUint32(0) !== 0x89504e47 || view.getUint32(4) !== 0x0d0a1a0a) return null;
	let width = 0;
	let height = 0;
	let depth = 0;
	let colorType = 0;
	let interlace = 0;
	let palette: Uint8Array | null = null;
	let alphas: Uint8Array | null = null;
	const data: Uint8Array[] = [];
	for (let at = 8; at + 8 <= bytes.length; ) {
		const length = view.getUint32(at);
		const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
		const body = bytes.subarray(at + 8, at + 8 + length);
		if (body.length < length) return null;
		if (type === 'IHDR') {
			width = view.getUint32(at + 8);
			height = view.getUint32(at + 12);
			depth = body[8]!;
			colorType = body[9]!;
			interlace = body[12]!;
		} else if (type === 'PLTE') palette = body;
		else if (type === 'tRNS') alphas = body;
		else if (type === 'IDAT') data.push(body);
		else if (type === 'IEND') break;
		at += 12 + length;
	}
	const channels = channelsOf[colorType];
	if (!channels || width === 0 || height === 0 || width * height > maxPixels || interlace !== 0) return null;
	if (![1, 2, 4, 8, 16].includes(depth) || (colorType === 3 && !palette)) return null;
	let raw: Buffer;
	try {
		raw = inflateSync(Buffer.concat(data));
	} catch {
		return null;
	}
	const bitsPerPixel = channels * depth;
	const stride = Math.ceil((width * bitsPerPixel) / 8);
	const step = Math.max(1, bitsPerPixel >> 3);
	if (raw.length < (stride + 1) * height) return null;
	const rows = unfilter(raw, stride, height, step);
	if (!rows) return null;

	const rgba = new Uint8Array(width * height * 4);
	const max = (1 << Math.min(depth, 8)) - 1;
	for (let y = 0; y < height; y++) {
		const row = rows.subarray(y * stride, (y + 1) * stride);
		const sample = (i: number): number => {
			// The i-th sample of the row, scaled to 0-255 (16-bit keeps its high byte; palettes keep indices).
			if (depth === 8) return row[i]!;
			if (depth === 16) return row[i * 2]!;
			const bit = i * depth;
			const value = (row[bit >> 3]! >> (8 - depth - (bit & 7))) & max;
			return colorType === 3 ? value : Math.round((value * 255) / max);
		};
		for (let x = 0; x < width; x++) {
			const o = (y * width + x) * 4;
			const s = x * channels;
			let r: number;
			let g: number;
			let b: number;
			let a = 255;
			if (colorType === 3) {
				const index = sample(s);
				r = palette![index * 3] ?? 0;
				g = palette![index * 3 + 1] ?? 0;
				b = palette![index * 3 + 2] ?? 0;
				if (alphas && index < alphas.length) a = alphas[index]!;
			} else if (colorType === 0 || colorType === 4) {
				r = g = b = sample(s);
				if (colorType === 4) a = sample(s + 1);
			} else {
				r = sample(s);
				g = sample(s + 1);
				b = sample(s + 2);
				if (colorType === 6) a = sample(s + 3);
			}
			rgba[o] = r;
			rgba[o + 1] = g;
			rgba[o + 2] = b;
			rgba[o + 3] = a;
		}
	}
	return {width, height, rgba};
}

// Undoes the per-row filters (None, Sub, Up, Average, Paeth); `step` is bytes per pixel (at least 1).
function unfilter(raw: Uint8Array, stride: number, height: number, step: number): Uint8Array | null {
	const out = new Uint8Array(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)]!;
		const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		const at = y * stride;
		for (let x = 0; x < stride; x++) {
			const left = x >= step ? out[at + x - step]! : 0;
			const up = y > 0 ? out[at - stride + x]! : 0;
			const upLeft = y > 0 && x >= step ? out[at - stride + x - step]! : 0;
			let predicted: number;
			if (filter === 0) predicted = 0;
			else if (filter === 1) predicted = left;
			else if (filter === 2) predicted = up;
			else if (filter === 3) predicted = (left + up) >> 1;
			else if (filter === 4) {
				const p = left + up - upLeft;
				const pa = Math.abs(p - left);
				const pb = Math.abs(p - up);
				const pc = Math.abs(p - upLeft);
				predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
			} else return null;
			out[at + x] = (src[x]! + predicted) & 0xff;
		}
	}
	return out;
}
