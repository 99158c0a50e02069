// DEC sixel from pixels that already use at most 256 colours (the image library quantises and
// dithers them: libimagequant, see decode.ts). Sixel sends six pixel rows per band; each colour
// of a band is one run-length-encoded line of characters 63 + (6-bit column mask).

const ESC = '\u001B';
const sixelChars = Array.from({length: 64}, (_, bits) => String.fromCharCode(63 + bits));

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
	// Per colour: its six-row bit columns in this band, and the columns it occupies in order (the
	// band is scanned column by column), so each colour costs only the columns it appears in.
	const bits = palette.map(() => new Uint8Array(width));
	const columns: number[][] = palette.map(() => []);
	const parts: string[] = [out];
	const run = (value: number, count: number) => {
		const char = sixelChars[value]!;
		parts.push(count > 3 ? `!${count}${char}` : count === 1 ? char : char.repeat(count));
	};
	for (let band = 0; band < height; band += 6) {
		const used: number[] = [];
		const rows = Math.min(6, height - band);
		for (let x = 0; x < width; x++) {
			for (let k = 0; k < rows; k++) {
				const c = indices[(band + k) * width + x]!;
				const line = bits[c]!;
				if (line[x] === 0) {
					const cols = columns[c]!;
					if (cols.length === 0) used.push(c);
					cols.push(x);
				}
				line[x]! |= 1 << k;
			}
		}
		used.forEach((c, i) => {
			const line = bits[c]!;
			const cols = columns[c]!;
			parts.push(`${i === 0 ? '' : '$'}#${c}`);
			let next = 0;
			let value = -1;
			let count = 0;
			for (const x of cols) {
				if (x > next) {
					// Columns without this colour: empty sixels.
					if (count > 0) run(value, count);
					value = 0;
					count = x - next;
				}
				const v = line[x]!;
				line[x] = 0;
				if (v === value) count++;
				else {
					if (count > 0) run(value, count);
					value = v;
					count = 1;
				}
				next = x + 1;
			}
			if (count > 0) run(value, count);
			cols.length = 0;
		});
		if (band + 6 < height) parts.push('-');
	}
	out = parts.join('');
	return `${out}${ESC}\\`;
}
