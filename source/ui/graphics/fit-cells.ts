// How many terminal cells an image gets: its natural size (assuming ~10x20 px cells, the usual
// 1:2 cell shape) shrunk to fit the box, keeping its aspect ratio.
import type {ImageInfo} from './image-size.js';

export const cellPixels = {width: 10, height: 20};

export function fitCells(info: Pick<ImageInfo, 'width' | 'height'>, maxCols: number, maxRows: number): {cols: number; rows: number} {
	const boxCols = Math.max(1, Math.floor(maxCols));
	const boxRows = Math.max(1, Math.floor(maxRows));
	// Width and height in cells at natural size, then one scale factor so both fit.
	const naturalCols = info.width / cellPixels.width;
	const naturalRows = info.height / cellPixels.height;
	const scale = Math.min(1, boxCols / naturalCols, boxRows / naturalRows);
	return {
		cols: Math.max(1, Math.min(boxCols, Math.round(naturalCols * scale))),
		rows: Math.max(1, Math.min(boxRows, Math.round(naturalRows * scale))),
	};
}
