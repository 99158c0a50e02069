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

/** Bytes of the sixel data written in place (a dithered photo makes hundreds of thousands of short runs). */
class SixelBytes {
	buffer = Buffer.allocUnsafe(1 << 16);
	length = 0;

	private room(count: number): void {
		if (this.length + count <= this.buffer.length) return;
		const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + count));
		this.buffer.copy(bigger, 0, 0, this.length);
		this.buffer = bigger;
	}

	byte(value: number): void {
		this.room(1);
		this.buffer[this.length++] = value;
	}

	number(value: number): void {
		const digits = String(value);
		this.room(digits.length);
		for (let i = 0; i < digits.length; i++) this.buffer[this.length++] = digits.charCodeAt(i);
	}

	/** `count` columns of the sixel `bits`: run-length encoded as `!count` when that is shorter. */
	run(bits: number, count: number): void {
		const char = 63 + bits;
		if (count > 3) {
			this.byte(0x21); // !
			this.number(count);
			this.byte(char);
		} else for (let i = 0; i < count; i++) this.byte(char);
	}
}

/**
 * `ESC P 0;1;0 q` (P2=1: pixels not drawn keep the background), 1:1 pixels of the given size in
 * the raster attributes, the palette in percent, then the bands. No band follows the last, so the
 * cursor never moves below the image (which would scroll the screen on the bottom row).
 */
export function sixelImage(image: IndexedPixels): string {
	const {width, height, indices, palette} = image;
	const percent = (v: number) => Math.round((v * 100) / 255);
	let head = `${ESC}P0;1;0q"1;1;${width};${height}`;
	palette.forEach(([r, g, b], i) => {
		head += `#${i};2;${percent(r)};${percent(g)};${percent(b)}`;
	});
	// Per colour: its six-row bit columns in this band, and the columns it occupies in order (the
	// band is scanned column by column), so each colour costs only the columns it appears in.
	const bits = palette.map(() => new Uint8Array(width));
	const columns: number[][] = palette.map(() => []);
	const out = new SixelBytes();
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
			if (i > 0) out.byte(0x24); // $: back to the band's first column
			out.byte(0x23); // #
			out.number(c);
			let next = 0;
			let value = -1;
			let count = 0;
			for (const x of cols) {
				if (x > next) {
					// Columns without this colour: empty sixels.
					if (count > 0) out.run(value, count);
					value = 0;
					count = x - next;
				}
				const v = line[x]!;
				line[x] = 0;
				if (v === value) count++;
				else {
					if (count > 0) out.run(value, count);
					value = v;
					count = 1;
				}
				next = x + 1;
			}
			if (count > 0) out.run(value, count);
			cols.length = 0;
		});
		if (band + 6 < height) out.byte(0x2d); // -: next band
	}
	return `${head}${out.buffer.toString('latin1', 0, out.length)}${ESC}\\`;
}
