// Writes real PNG files (8-bit RGB, no filtering) for the inline image tests.
import {deflateSync} from 'node:zlib';

const crcTable = Array.from({length: 256}, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let c = 0xffffffff;
	for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/**
 * A width x height PNG whose pixels come from `pixel(x, y)` as [r, g, b]. With `filters`, row y is
 * stored with filter y % 5 (None, Sub, Up, Average, Paeth), as encoders do, to exercise decoders.
 */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], options: {filters?: boolean} = {}): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const raw = Buffer.alloc((width * 3 + 1) * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (width * 3 + 1) + 1 + x * 3);
	}
	if (options.filters) filterRows(raw, width * 3, height);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function filterRows(raw: Buffer, stride: number, height: number): void {
	const plain = Buffer.from(raw);
	const at = (x: number, y: number) => (x < 0 || y < 0 ? 0 : plain[y * (stride + 1) + 1 + x]!);
	for (let y = 0; y < height; y++) {
		const filter = y % 5;
		raw[y * (stride + 1)] = filter;
		for (let x = 0; x < stride; x++) {
			const left = at(x - 3, y);
			const up = at(x, y - 1);
			const upLeft = at(x - 3, y - 1);
			const p = left + up - upLeft;
			const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
			const predicted = [0, left, up, (left + up) >> 1, paeth][filter]!;
			raw[y * (stride + 1) + 1 + x] = (at(x, y) - predicted) & 0xff;
		}
	}
}
