// Inline card images on terminals with a graphics protocol. Ink owns the screen and redraws it as
// text, so the review screen reserves blank rows for each image and tells this overlay where they
// are; after every frame Ink writes, the overlay draws the images into those rows with absolute
// cursor moves inside save/restore, so Ink's own cursor bookkeeping is untouched.
import {readMediaFile} from '../core/media/media-file.js';
import {imageInfo, type ImageInfo} from '../core/media/image-size.js';
import {fitCells} from '../core/media/fit-cells.js';
import {atPosition, itermImage, kittyDeleteAll, kittyImage, kittyPlace} from '../core/media/graphics-sequences.js';
import {detectGraphics, type GraphicsProtocol} from '../core/media/terminal-graphics.js';

/** Where one image goes: 1-based screen row and column of its top-left cell, and its size in cells. */
export interface ImagePlacement {
	name: string;
	row: number;
	col: number;
	cols: number;
	rows: number;
}

/** What the review screen needs: sizes to reserve, and where the reserved rows ended up. */
export interface InlineImages {
	/** Cells the image takes within the box, or null when it cannot be drawn (missing, unsafe, too large, a format the protocol lacks). */
	measure(name: string, maxCols: number, maxRows: number): {cols: number; rows: number} | null;
	/** The images of the frame being drawn; [] when none (another screen, card info open). */
	show(placements: ImagePlacement[]): void;
}

interface Loaded {
	id: number;
	data: Buffer;
	info: ImageInfo;
}

const bsu = '\u001B[?2026h';
const esu = '\u001B[?2026l';
const cacheSize = 24;

export interface ImageOverlay {
	images: InlineImages;
	/** Give this to Ink as its stdout: it forwards everything and draws images after each frame. */
	stdout: NodeJS.WriteStream;
	/** Text to write before leaving (kitty images outlive the text around them). */
	dispose(): string;
}

/**
 * The overlay for this terminal and setting, or null when images stay placeholders: output that is
 * not a terminal, `never`, `auto` inside tmux or over SSH, no known protocol, or sixel (no encoder).
 */
export function imageOverlayFor(options: {env: Record<string, string | undefined>; setting: 'auto' | 'always' | 'never'; mediaDir: string | null; stdout: NodeJS.WriteStream}): ImageOverlay | null {
	if (!options.stdout.isTTY || !options.mediaDir) return null;
	const protocol = detectGraphics(options.env, options.setting);
	if (protocol !== 'kitty' && protocol !== 'iterm') return null;
	return createImageOverlay({protocol, mediaDir: options.mediaDir, stdout: options.stdout});
}

export function createImageOverlay(options: {protocol: GraphicsProtocol; mediaDir: string | null; stdout: NodeJS.WriteStream}): ImageOverlay {
	const {protocol, mediaDir} = options;
	const real = options.stdout;
	const cache = new Map<string, Loaded | null>();
	let nextId = 1;
	let placements: ImagePlacement[] = [];
	let drawnKey = '';
	let dirty = false;
	let scheduled = false;

	const load = (name: string): Loaded | null => {
		if (cache.has(name)) return cache.get(name)!;
		let loaded: Loaded | null = null;
		if (mediaDir) {
			const read = readMediaFile(mediaDir, name);
			const info = read.ok ? imageInfo(read.data) : null;
			// kitty's f=100 takes PNG only; iTerm2 decodes PNG, JPEG and GIF itself. Sixel would need a
			// decoder and encoder, which the project does not carry: those terminals keep the placeholder.
			const drawable = info !== null && (protocol === 'iterm' || (protocol === 'kitty' && info.format === 'png'));
			if (read.ok && info && drawable) loaded = {id: nextId++, data: read.data, info};
		}
		cache.set(name, loaded);
		if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
		return loaded;
	};

	const draw = (): string => {
		const key = JSON.stringify(placements);
		let out = '';
		if (protocol === 'kitty') {
			// kitty keeps images across text redraws: send data only when the layout changes, and
			// re-place (cheap, same ids replace) after other frames in case a redraw erased them.
			if (key !== drawnKey) {
				if (drawnKey !== '' && drawnKey !== '[]') out += kittyDeleteAll();
				for (const p of placements) {
					const image = load(p.name);
					if (image) out += atPosition(p.row, p.col, kittyImage(image.data, {id: image.id, cols: p.cols, rows: p.rows}));
				}
			} else {
				for (const p of placements) {
					const image = load(p.name);
					if (image) out += atPosition(p.row, p.col, kittyPlace({id: image.id, cols: p.cols, rows: p.rows}));
				}
			}
		} else {
			// iTerm2 images are cell content: every Ink frame overwrites them, so each frame redraws.
			for (const p of placements) {
				const image = load(p.name);
				if (image) out += atPosition(p.row, p.col, itermImage(image.data, p.cols, p.rows));
			}
		}
		drawnKey = key;
		return out;
	};

	const flush = () => {
		scheduled = false;
		if (!dirty) return;
		dirty = false;
		const out = draw();
		if (out) real.write(out);
	};

	const write = (chunk: unknown, ...rest: unknown[]): boolean => {
		if (chunk === esu && dirty) {
			// Inside Ink's synchronized update: the image appears with the frame, without flicker.
			dirty = false;
			const out = draw();
			if (out) real.write(out);
		} else if (chunk !== esu && chunk !== bsu) {
			dirty = true;
			if (!scheduled) {
				scheduled = true;
				setImmediate(flush);
			}
		}
		return (real.write as (...args: unknown[]) => boolean)(chunk, ...rest);
	};

	const stdout = new Proxy(real, {
		get(target, property) {
			if (property === 'write') return write;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});

	return {
		images: {
			measure(name, maxCols, maxRows) {
				const image = load(name);
				return image ? fitCells(image.info, maxCols, maxRows) : null;
			},
			show(next) {
				placements = next;
			},
		},
		stdout,
		dispose: () => (protocol === 'kitty' && drawnKey !== '' && drawnKey !== '[]' ? kittyDeleteAll() : ''),
	};
}
