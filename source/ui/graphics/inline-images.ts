// Inline card images on terminals with a graphics protocol. Ink owns the screen and redraws it as
// text, so the review screen reserves blank rows for each image and tells this overlay where they
// are; after every frame Ink writes, the overlay draws the images into those rows with absolute
// cursor moves inside save/restore, so Ink's own cursor bookkeeping is untouched.
import {readMediaFile} from '../../core/media/media-file.js';
import {imageInfo, type ImageInfo} from './image-size.js';
import {fitCells} from './fit-cells.js';
import {atPosition, itermImage, kittyDeleteAll, kittyImage, kittyPlace} from './graphics-sequences.js';
import {detectGraphics, type GraphicsProtocol} from './terminal-graphics.js';
import {decodePng, type Pixels} from './png-decode.js';
import {sixelImage} from './sixel.js';

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
	/** Sixel only: decoded pixels. */
	pixels?: Pixels;
	/** iTerm2 and sixel redraw every frame: the last escape sequence, made once per size. */
	encoded?: {size: string; text: string};
}

// Sixel draws pixels, not cells: the terminal's cell size is unknown, so images are sized for small
// cells (6x12 px, xterm's default font is 6x13) to stay inside their reserved rows on any font.
const sixelCell = {width: 6, height: 12};

const bsu = '\u001B[?2026h';
const esu = '\u001B[?2026l';
// A few cards' worth: files can be up to 10 MB each, and the encoded text is larger still.
const cacheSize = 8;

export interface ImageOverlay {
	images: InlineImages;
	/** Give this to Ink as its stdout: it forwards everything and draws images after each frame. */
	stdout: NodeJS.WriteStream;
	/** Text to write before leaving (kitty images outlive the text around them). */
	dispose(): string;
}

/**
 * The overlay for this terminal and setting, or null when images stay placeholders: output that is
 * not a terminal, `never`, `auto` inside tmux or over SSH, or no known protocol.
 */
export function imageOverlayFor(options: {env: Record<string, string | undefined>; setting: 'auto' | 'always' | 'never'; mediaDir: string | null; stdout: NodeJS.WriteStream}): ImageOverlay | null {
	if (!options.stdout.isTTY || !options.mediaDir) return null;
	const protocol = detectGraphics(options.env, options.setting);
	if (!protocol) return null;
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
			// iTerm2 decodes PNG, JPEG and GIF itself; kitty's f=100 takes PNG only; sixel needs pixels,
			// and only PNG has a decoder here (JPEG/GIF keep their placeholder there).
			if (read.ok && info && protocol === 'iterm') loaded = {id: nextId++, data: read.data, info};
			else if (read.ok && info?.format === 'png' && protocol === 'kitty') loaded = {id: nextId++, data: read.data, info};
			else if (read.ok && info?.format === 'png' && protocol === 'sixel') {
				const pixels = decodePng(read.data, 4_000_000); // 16 MB of RGBA at most per image
				if (pixels) loaded = {id: nextId++, data: read.data, info, pixels};
			}
		}
		cache.set(name, loaded);
		if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
		return loaded;
	};

	const encodedFor = (image: Loaded, p: ImagePlacement): string => {
		const size = `${p.cols}x${p.rows}`;
		if (image.encoded?.size !== size) {
			const text = protocol === 'sixel' ? sixelImage(image.pixels!, p.cols * sixelCell.width, p.rows * sixelCell.height) : itermImage(image.data, p.cols, p.rows);
			image.encoded = {size, text};
		}
		return image.encoded.text;
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
			// iTerm2 and sixel images are cell content: every Ink frame overwrites them, so each frame redraws.
			for (const p of placements) {
				const image = load(p.name);
				if (image) out += atPosition(p.row, p.col, encodedFor(image, p));
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
