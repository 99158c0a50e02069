// Where a card's images go among its lines: under the line that shows an image's placeholder (or
// instead of it, when the placeholder is alone on its line), as rows of text for text and kitty
// placeholder output, or blank reserved rows the overlay draws into.
import type {ImageRef} from '../../core/render/index.js';
import type {ViewLine} from '../view-types.js';
import type {ImagePlacement, InlineImages} from './inline-images.js';

/** The images a side shows; cards rendered without refs name their files only. */
export function imageRefsOf(names: readonly string[], refs: readonly ImageRef[] | undefined): ImageRef[] {
	return refs ? [...refs] : names.map((name) => ({name, marker: `[image: ${name}]`}));
}

/**
 * Lines with each image's rows added; images that cannot be shown get a line saying why. An image
 * fits `box`; an Image Occlusion image, the whole card, may take `occlusionRows`.
 */
export function withImageRows(
	lines: readonly ViewLine[],
	refs: readonly ImageRef[],
	images: InlineImages | undefined,
	box: {cols: number; rows: number; occlusionRows: number},
): ViewLine[] {
	if (!images || refs.length === 0) return [...lines];
	const out: ViewLine[] = [];
	for (const line of lines) {
		const text = line.map((span) => span.text).join('');
		const shown = refs.filter((ref) => text.includes(ref.marker));
		const standalone = shown.length === 1 && text.trim() === shown[0]!.marker && !shown[0]!.occlusion;
		const views = shown.map((ref) => ({ref, view: images.view(ref, {cols: box.cols, rows: ref.occlusion ? box.occlusionRows : box.rows}, standalone)}));
		// A placeholder alone on its line gives way to the image; a caption or surrounding text stays.
		const replaced = standalone && (views[0]!.view?.kind === 'rows' || views[0]!.view?.kind === 'overlay');
		if (!replaced) out.push(line);
		for (const {ref, view} of views) {
			if (!view || view.kind === 'loading') continue;
			if (view.kind === 'failed') {
				out.push([{text: `  ${ref.name}: ${view.reason}`, token: 'muted'}]);
				continue;
			}
			const rows = view.kind === 'rows' ? view.lines.length : view.rows;
			for (let part = 0; part < rows; part++) {
				const text = view.kind === 'rows' ? view.lines[part]! : ' ';
				const name = view.kind === 'overlay' ? view.key : ref.marker;
				out.push([{text, slot: 'image', image: {name, part, cols: view.cols, rows}}]);
			}
		}
	}
	return out;
}

/** Overlay images whose reserved rows are all on screen; a partly scrolled-off one is not drawn. */
export function imagePlacements(visible: readonly ViewLine[], firstRow: number): ImagePlacement[] {
	const placements: ImagePlacement[] = [];
	visible.forEach((line, i) => {
		// Overlay rows are blank; text and placeholder rows carry their own escape codes.
		const image = line[0]?.slot === 'image' && line[0].text === ' ' ? line[0].image : undefined;
		if (!image || image.part !== 0 || i + image.rows > visible.length) return;
		placements.push({name: image.name, row: firstRow + i, col: 1, cols: image.cols, rows: image.rows});
	});
	return placements;
}
