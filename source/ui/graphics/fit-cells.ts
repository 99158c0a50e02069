// How many terminal cells an image gets: the size it is shown at (its natural size, or the size
// the card gives it) in cells of the terminal's pixel size, shrunk to fit the box, aspect kept.

export interface CellSize {
	width: number;
	height: number;
}

/** `grow`: scale a small image up to the box too (an Image Occlusion image is the whole card, as in Anki). */
export function fitCells(shown: {width: number; height: number}, maxCols: number, maxRows: number, cell: CellSize, grow = false): {cols: number; rows: number} {
	const boxCols = Math.max(1, Math.floor(maxCols));
	const boxRows = Math.max(1, Math.floor(maxRows));
	const naturalCols = shown.width / cell.width;
	const naturalRows = shown.height / cell.height;
	const scale = Math.min(grow ? Infinity : 1, boxCols / naturalCols, boxRows / naturalRows);
	return {
		cols: Math.max(1, Math.min(boxCols, Math.round(naturalCols * scale))),
		rows: Math.max(1, Math.min(boxRows, Math.round(naturalRows * scale))),
	};
}

/** The largest size with the image's aspect that fits `width` x `height` pixels. */
export function pixelBox(shown: {width: number; height: number}, width: number, height: number): {width: number; height: number} {
	const scale = Math.min(width / shown.width, height / shown.height);
	return {width: Math.max(1, Math.round(shown.width * scale)), height: Math.max(1, Math.round(shown.height * scale))};
}
