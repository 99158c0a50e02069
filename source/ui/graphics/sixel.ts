// DEC sixel from pixels that already use at most 256 colours (the image library quantises and
// dithers them: libimagequant, see decode.ts). Sixel sends six pixel rows per band; each colour
// of a band is one run-length-encoded line of characters 63 + (6-bit column mask).

const ESC = '\u001B';

export interface IndexedPixels {
	width: number;
	height: number;
	/** One palette index per pixel, rows top to bottom. */
	indices: Uint8Array;
	/** [r, g, b] per index, 0-255. */
	palette: Array<[number, number, number]>;
}

/**
 * `ESC P 0;1;0 q` (P2=1: pixels not drawn keep the background), 1:1 pixels of the given size in
 * the raster attributes, the palette in percent, then the bands. No band follows the last, so the
 * cursor never moves below the image (which would scroll the screen on the bottom row).
 */
export function sixelImage(image: IndexedPixels): string {
	const {width, height, indices, palette} = image;
	const percent = (v: number) => Math.round((v * 100) / 255);
	let out = `${ESC}P0;1;0q"1;1;${width};${height}`;
	palette.forEach(([r, g, b], i) => {
		out += `#${i};2;${percent(r)};${percent(g)};${percent(b)}`;
	});
	const bits = palette.map(() => new Uint8Array(width));
	for (let band = 0; band < height; band += 6) {
		const present = new Set<number>();
		for (let k = 0; k < 6 && band + k < height; k++) {
			const row = (band + k) * width;
			for (let x = 0; x < width; x++) {
				const c = indices[row + x]!;
				bits[c]![x]! |= 1 << k;
				present.add(c);
			}
		}
		let first = true;
		for (const c of present) {
			const line = bits[c]!;
			let end = width;
			while (end > 0 && line[end - 1] === 0) end--;
			out += `${first ? '' : '$'}#${c}`;
			first = false;
			let run = -1;
			let count = 0;
			const emit = () => {
				const char = String.fromCharCode(63 + run);
				out += count > 3 ? `!${count}${char}` : char.repeat(count);
			};
			for (let x = 0; x < end; x++) {
				const v = line[x]!;
				if (v === run) count++;
				else {
					if (count > 0) emit();
					run = v;
					count = 1;
				}
			}
			if (count > 0) emit();
			line.fill(0);
		}
		if (band + 6 < height) out += '-';
	}
	return `${out}${ESC}\\`;
}
