// An image as coloured text, for every terminal without a graphics protocol (tmux without
// passthrough, plain SSH, mosh, screen): each cell is an upper half block `▀` whose foreground is
// the upper pixel and whose background the lower one, so a cell shows two square-ish pixels.
// Half blocks are in every font (Unicode 1.0); finer symbol sets need fonts many systems lack.

export type ColorDepth = 'truecolor' | '256' | '16';

const ESC = '\u001B';
const upperHalf = '▀';

/** Pixels to draw, 3 bytes (RGB) each, rows top to bottom; height is twice the rows of text. */
export interface RgbPixels {
	width: number;
	height: number;
	rgb: Uint8Array;
}

// xterm's 6x6x6 cube levels (colours 16-231) and its grey ramp (232-255).
const cubeLevels = [0, 95, 135, 175, 215, 255];

function nearestLevel(v: number): number {
	return v < 48 ? 0 : v < 115 ? 1 : Math.floor((v - 35) / 40);
}

/** The nearest of the 240 stable xterm colours (cube and greys; the first 16 vary by theme). */
export function to256(r: number, g: number, b: number): number {
	const [ri, gi, bi] = [nearestLevel(r), nearestLevel(g), nearestLevel(b)];
	const [cr, cg, cb] = [cubeLevels[ri]!, cubeLevels[gi]!, cubeLevels[bi]!];
	const cubeDistance = (cr - r) ** 2 + (cg - g) ** 2 + (cb - b) ** 2;
	const grey = Math.round((r + g + b) / 3);
	const greyIndex = grey < 8 ? 0 : grey > 238 ? 23 : Math.round((grey - 8) / 10);
	const greyValue = 8 + greyIndex * 10;
	const greyDistance = (greyValue - r) ** 2 + (greyValue - g) ** 2 + (greyValue - b) ** 2;
	return greyDistance < cubeDistance ? 232 + greyIndex : 16 + 36 * ri + 6 * gi + bi;
}

// The 16 ANSI colours as xterm draws them by default.
const ansi16: Array<[number, number, number]> = [
	[0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
	[127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0], [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255],
];

export function to16(r: number, g: number, b: number): number {
	let best = 0;
	let bestDistance = Infinity;
	ansi16.forEach(([cr, cg, cb], i) => {
		const d = (cr - r) ** 2 + (cg - g) ** 2 + (cb - b) ** 2;
		if (d < bestDistance) {
			bestDistance = d;
			best = i;
		}
	});
	return best;
}

/** The SGR parameters that set a foreground (or background) colour in the given depth. */
function sgr(r: number, g: number, b: number, depth: ColorDepth, background: boolean): string {
	if (depth === 'truecolor') return `${background ? 48 : 38};2;${r};${g};${b}`;
	if (depth === '256') return `${background ? 48 : 38};5;${to256(r, g, b)}`;
	const n = to16(r, g, b);
	return String((n < 8 ? (background ? 40 : 30) : background ? 100 : 90) + (n % 8));
}

/**
 * One string per text row (half the pixel rows, rounded up), each ending with a reset. Colour codes are
 * written only when they change, and a cell whose two pixels look alike is a space on its
 * background, which keeps a truecolor row of 80 cells near 1-2 kB.
 */
export function halfBlockRows(pixels: RgbPixels, depth: ColorDepth): string[] {
	const {width, height, rgb} = pixels;
	const rows: string[] = [];
	for (let y = 0; y < height; y += 2) {
		let out = '';
		let fg = '';
		let bg = '';
		for (let x = 0; x < width; x++) {
			const top = (y * width + x) * 3;
			const bottom = y + 1 < height ? ((y + 1) * width + x) * 3 : top;
			const upper = sgr(rgb[top]!, rgb[top + 1]!, rgb[top + 2]!, depth, false);
			const lowerAsBg = sgr(rgb[bottom]!, rgb[bottom + 1]!, rgb[bottom + 2]!, depth, true);
			const upperAsBg = sgr(rgb[top]!, rgb[top + 1]!, rgb[top + 2]!, depth, true);
			if (upperAsBg === lowerAsBg) {
				if (bg !== lowerAsBg) out += `${ESC}[${(bg = lowerAsBg)}m`;
				out += ' ';
				continue;
			}
			const codes: string[] = [];
			if (fg !== upper) codes.push((fg = upper));
			if (bg !== lowerAsBg) codes.push((bg = lowerAsBg));
			if (codes.length > 0) out += `${ESC}[${codes.join(';')}m`;
			out += upperHalf;
		}
		rows.push(`${out}${ESC}[0m`);
	}
	return rows;
}
