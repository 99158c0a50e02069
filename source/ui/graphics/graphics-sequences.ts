// Escape sequences that put an image on a terminal: the kitty graphics protocol (classic
// placements, and virtual placements shown through Unicode placeholder cells), iTerm2 inline
// images, and tmux passthrough. Sizes are in terminal cells; the caller positions the cursor.

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

const toBase64 = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');

/** iTerm2 inline image (the terminal decodes PNG, JPEG, GIF itself); also WezTerm, Konsole, VS Code, mintty. */
export function itermImage(data: Uint8Array, cols: number, rows: number): string {
	return `${ESC}]1337;File=inline=1;size=${data.byteLength};width=${cols};height=${rows};preserveAspectRatio=1:${toBase64(data)}${BEL}`;
}

/** The kitty protocol carries at most 4096 bytes of base64 per escape code. */
export const kittyChunkSize = 4096;

/**
 * Transmits a PNG (f=100, sent inline with t=d: a remote terminal cannot read our files) as one
 * escape code per 4096-byte base64 chunk; only the first carries the keys, every one carries q=2
 * so the terminal never answers on stdin (a reply would arrive as key presses).
 * `placeholder`: a virtual placement (U=1) shown wherever the placeholder cells are printed;
 * otherwise a placement at the cursor that leaves the cursor put (C=1).
 */
export function kittyTransmit(png: Uint8Array, options: {id: number; cols: number; rows: number; placeholder: boolean}): string[] {
	const where = options.placeholder ? `U=1,c=${options.cols},r=${options.rows}` : `p=1,c=${options.cols},r=${options.rows},C=1`;
	const chunks: string[] = [];
	// Each chunk's 3072 bytes are exactly its 4096 base64 characters: encoding chunk by chunk gives
	// the same text as slicing one long base64 string, in a fifth of the time (no slices of a
	// half-megabyte string to copy out again).
	const bytesPerChunk = (kittyChunkSize / 4) * 3;
	for (let at = 0; at < png.byteLength || at === 0; at += bytesPerChunk) {
		const more = at + bytesPerChunk < png.byteLength ? 1 : 0;
		const keys = at === 0 ? `a=T,f=100,t=d,i=${options.id},${where},q=2,m=${more}` : `q=2,m=${more}`;
		chunks.push(`${ESC}_G${keys};${toBase64(png.subarray(at, at + bytesPerChunk))}${ST}`);
	}
	return chunks;
}

/** Places an already transmitted image again at the cursor (the same ids replace the earlier placement). */
export function kittyPlace(options: {id: number; cols: number; rows: number}): string {
	return `${ESC}_Ga=p,i=${options.id},p=1,c=${options.cols},r=${options.rows},C=1,q=2${ST}`;
}

/** Deletes one image by id, its placements and its data (upper-case I frees the data). */
export function kittyDelete(id: number): string {
	return `${ESC}_Ga=d,d=I,i=${id},q=2${ST}`;
}

/**
 * tmux passes a sequence on to the outer terminal only inside `ESC Ptmux; … ESC \` with every ESC
 * doubled (and only while allow-passthrough is on). Each kitty chunk gets its own wrapper, as
 * kitty's icat and yazi do: tmux drops any single sequence over its input buffer (1 MiB).
 */
export function tmuxPassthrough(sequence: string): string {
	return `${ESC}Ptmux;${sequence.replaceAll(ESC, ESC + ESC)}${ST}`;
}

// The combining marks that number placeholder rows and columns: index i is the mark for i (kitty's
// gen/rowcolumn-diacritics.txt: Unicode 6.0 class-230 marks without decompositions, 297 in all).
const diacriticRanges: Array<number | [number, number]> = [
	0x305, [0x30d, 0x30e], 0x310, 0x312, [0x33d, 0x33f], 0x346, [0x34a, 0x34c], [0x350, 0x352], 0x357, 0x35b, [0x363, 0x36f],
	[0x483, 0x487], [0x592, 0x595], [0x597, 0x599], [0x59c, 0x5a1], [0x5a8, 0x5a9], [0x5ab, 0x5ac], 0x5af, 0x5c4, [0x610, 0x617],
	[0x657, 0x65b], [0x65d, 0x65e], [0x6d6, 0x6dc], [0x6df, 0x6e2], 0x6e4, [0x6e7, 0x6e8], [0x6eb, 0x6ec], 0x730, [0x732, 0x733],
	[0x735, 0x736], 0x73a, 0x73d, [0x73f, 0x741], 0x743, 0x745, 0x747, [0x749, 0x74a], [0x7eb, 0x7f1], 0x7f3, [0x816, 0x819],
	[0x81b, 0x823], [0x825, 0x827], [0x829, 0x82d], 0x951, [0x953, 0x954], [0xf82, 0xf83], [0xf86, 0xf87], [0x135d, 0x135f], 0x17dd,
	0x193a, 0x1a17, [0x1a75, 0x1a7c], 0x1b6b, [0x1b6d, 0x1b73], [0x1cd0, 0x1cd2], [0x1cda, 0x1cdb], 0x1ce0, [0x1dc0, 0x1dc1],
	[0x1dc3, 0x1dc9], [0x1dcb, 0x1dcc], [0x1dd1, 0x1de6], 0x1dfe, [0x20d0, 0x20d1], [0x20d4, 0x20d7], [0x20db, 0x20dc], 0x20e1, 0x20e7,
	0x20e9, 0x20f0, [0x2cef, 0x2cf1], [0x2de0, 0x2dff], 0xa66f, [0xa67c, 0xa67d], [0xa6f0, 0xa6f1], [0xa8e0, 0xa8f1], 0xaab0,
	[0xaab2, 0xaab3], [0xaab7, 0xaab8], [0xaabe, 0xaabf], 0xaac1, [0xfe20, 0xfe26], 0x10a0f, 0x10a38, [0x1d185, 0x1d189],
	[0x1d1aa, 0x1d1ad], [0x1d242, 0x1d244],
];

export const placeholderDiacritics: string[] = diacriticRanges.flatMap((r) => {
	const [from, to] = typeof r === 'number' ? [r, r] : r;
	return Array.from({length: to - from + 1}, (_, i) => String.fromCodePoint(from + i));
});

/** Placeholder images are at most this many cells each way (one diacritic per row and column). */
export const maxPlaceholderCells = placeholderDiacritics.length;

const placeholder = '\u{10EEEE}';

/**
 * One row of placeholder cells for a virtual placement. The image id's low byte is the cell's
 * 256-colour foreground (which tmux passes on even without truecolor); its high byte is the third
 * diacritic. Only the first cell carries diacritics: the following ones inherit the row and the
 * high byte and take the next column, so a row costs ~4 bytes per cell.
 */
export function placeholderRow(id: number, row: number, cols: number): string {
	const d = placeholderDiacritics;
	const high = (id >>> 24) & 0xff;
	const first = placeholder + d[row]! + d[0]! + (high ? d[high]! : '');
	return `${ESC}[38;5;${id & 0xff}m${first}${placeholder.repeat(Math.max(0, cols - 1))}${ESC}[39m`;
}

/** Moves the cursor to a 1-based row and column, draws, and puts the cursor back (DECSC/DECRC). */
export function atPosition(row: number, col: number, sequence: string): string {
	return `${ESC}7${ESC}[${row};${col}H${sequence}${ESC}8`;
}
