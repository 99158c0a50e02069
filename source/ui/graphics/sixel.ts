// Encodes RGBA pixels as a DEC sixel image, scaled to a pixel box and quantised to a fixed
// 6x6x6 colour cube (no dithering: card images are small and this keeps the code short).
import type {Pixels} from './png-decode.js';

const ESC = '\u001B';

/** Scales `image` (nearest neighbour, aspect kept) to fit `boxWidth` x `boxHeight` pixels and encodes it. */
export function sixelImage(image: Pixels, boxWidth: number, boxHeight: number): string {
	const scale = Math.min(boxWidth / image.width, boxHeight / image.height);
	const width = Math.max(1, Math.floor(image.width * scale));
	const height = Math.max(1, Math.floor(image.height * scale));
	// Colour index per pixel; -1 = transparent (left as background: P2=1 below).
	const index = new Int16Array(width * height);
	const used = new Set<number>();
	for (let y = 0; y < height; y++) {
		const sy = Math.min(image.height - 1, Math.floor(y / scale));
		for (let x = 0; x < width; x++) {
			const sx = Math.min(image.width - 1, Math.floor(x / scale));
			const o = (sy * image.width + sx) * 4;
			if (image.rgba[o + 3]! < 128) {
				index[y * width + x] = -1;
				continue;
			}
			const level = (v: number) => Math.round((v / 255) * 5);
			const c = level(image.rgba[o]!) * 36 + level(image.rgba[o + 1]!) * 6 + level(image.rgba[o + 2]!);
			index[y * width + x] = c;
			used.add(c);
		}
	}
	let out = `${ESC}P0;1;0q"1;1;${width};${height}`;
	for (const c of [...used].sort((a, b) => a - b)) {
		const percent = (level: number) => Math.round(level * 20);
		out += `#${c};2;${percent(Math.floor(c / 36))};${percent(Math.floor(c / 6) % 6)};${percent(c % 6)}`;
	}
	for (let band = 0; band < height; band += 6) {
		const colours = new Set<number>();
		for (let y = band; y < Math.min(height, band + 6); y++) {
			for (let x = 0; x < width; x++) if (index[y * width + x]! >= 0) colours.add(index[y * width + x]!);
		}
		let first = true;
		for (const c of colours) {
			out += `${first ? '' : '$'}#${c}`;
			first = false;
			let run = '';
			let count = 0;
			const emit = () => {
				if (count > 3) out += `!${count}${run}`;
				else out += run.repeat(count);
			};
			for (let x = 0; x < width; x++) {
				let bits = 0;
				for (let k = 0; k < 6 && band + k < height; k++) if (index[(band + k) * width + x] === c) bits |= 1 << k;
				const char = String.fromCharCode(63 + bits);
				if (char === run) count++;
				else {
					emit();
					run = char;
					count = 1;
				}
			}
			emit();
		}
		// Next band; none after the last, so the cursor never moves below the image (no scrolling).
		if (band + 6 < height) out += '-';
	}
	return `${out}${ESC}\\`;
}
