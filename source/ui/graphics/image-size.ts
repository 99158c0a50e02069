// Pixel size and format of PNG, JPEG and GIF files from their headers alone, so inline images keep
// their aspect ratio without a decoder.

export type ImageFormat = 'png' | 'jpeg' | 'gif';

export interface ImageInfo {
	format: ImageFormat;
	width: number;
	height: number;
}

export function imageInfo(bytes: Uint8Array): ImageInfo | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// PNG: signature, then the IHDR chunk holds width and height (big-endian).
	if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(4) === 0x0d0a1a0a && view.getUint32(12) === 0x49484452) {
		return sized('png', view.getUint32(16), view.getUint32(20));
	}
	// GIF87a/GIF89a: logical screen size (little-endian) after the signature.
	if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
		return sized('gif', view.getUint16(6, true), view.getUint16(8, true));
	}
	if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
	return null;
}

// JPEG: walk the marker segments to the first start-of-frame (SOF0-SOF15 except DHT/JPG/DAC).
function jpegSize(bytes: Uint8Array, view: DataView): ImageInfo | null {
	let at = 2;
	while (at + 4 <= bytes.length) {
		if (bytes[at] !== 0xff) return null;
		const marker = bytes[at + 1]!;
		if (marker === 0xff) {
			at += 1; // fill byte
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2; // markers without a length
			continue;
		}
		const length = view.getUint16(at + 2);
		const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isFrame) {
			if (at + 9 > bytes.length) return null;
			return sized('jpeg', view.getUint16(at + 7), view.getUint16(at + 5));
		}
		if (marker === 0xd9 || marker === 0xda || length < 2) return null;
		at += 2 + length;
	}
	return null;
}

function sized(format: ImageFormat, width: number, height: number): ImageInfo | null {
	return width > 0 && height > 0 ? {format, width, height} : null;
}
