// Escape sequences that draw an image at the cursor, for the iTerm2 and kitty graphics protocols.
// Sizes are in terminal cells; the caller positions the cursor.

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/** iTerm2 inline image (any format iTerm2 can decode); also understood by WezTerm and others. */
export function itermImage(data: Uint8Array, cols: number, rows: number): string {
	const base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
	return `${ESC}]1337;File=inline=1;size=${data.byteLength};width=${cols};height=${rows};preserveAspectRatio=1:${base64}${BEL}`;
}

/** The kitty protocol carries at most 4096 bytes of base64 per escape code. */
export const kittyChunkSize = 4096;

/**
 * Transmits a PNG and places it at the cursor in a box of `cols` x `rows` cells (a=T, f=100).
 * q=2 keeps the terminal from answering on stdin (a reply would arrive as key presses);
 * C=1 leaves the cursor where it was.
 */
export function kittyImage(png: Uint8Array, options: {id: number; cols: number; rows: number}): string {
	const base64 = Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64');
	const parts: string[] = [];
	for (let at = 0; at < base64.length || at === 0; at += kittyChunkSize) {
		const chunk = base64.slice(at, at + kittyChunkSize);
		const more = at + kittyChunkSize < base64.length ? 1 : 0;
		// Only the first chunk carries the keys; later ones carry just m= (and q= to stay quiet).
		const keys = at === 0 ? `a=T,f=100,t=d,i=${options.id},p=1,c=${options.cols},r=${options.rows},C=1,q=2,m=${more}` : `q=2,m=${more}`;
		parts.push(`${ESC}_G${keys};${chunk}${ST}`);
	}
	return parts.join('');
}

/** Places an already transmitted image again (same ids replace the earlier placement). */
export function kittyPlace(options: {id: number; cols: number; rows: number}): string {
	return `${ESC}_Ga=p,i=${options.id},p=1,c=${options.cols},r=${options.rows},C=1,q=2${ST}`;
}

/** Deletes every image placement on screen and frees their data. */
export function kittyDeleteAll(): string {
	return `${ESC}_Ga=d,d=A,q=2${ST}`;
}

/** Moves the cursor to a 1-based row and column, draws, and puts the cursor back (DECSC/DECRC). */
export function atPosition(row: number, col: number, sequence: string): string {
	return `${ESC}7${ESC}[${row};${col}H${sequence}${ESC}8`;
}
