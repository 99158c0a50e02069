// Card images on the terminal, in whichever output was chosen for it (terminal-graphics.ts).
// Decoding is asynchronous (sharp, loaded on the first image): the reviewer asks for an image's
// view while it renders, gets "loading" the first time, and renders again when it is ready.
// - text and kitty placeholders: the image IS text (coloured half blocks, or placeholder cells the
//   terminal fills with the kitty image), so Ink lays it out, scrolls and clips it like any line;
// - iTerm2, sixel and classic kitty placements: the reviewer reserves blank rows and this overlay
//   draws into them after every frame Ink writes, at absolute positions inside save/restore.
import {readMediaFile} from '../../core/media/media-file.js';
import type {ImageRef} from '../../core/render/index.js';
import {atPosition, itermImage, kittyDelete, kittyPlace, kittyTransmit, maxPlaceholderCells, placeholderRow, tmuxPassthrough} from './graphics-sequences.js';
import {ImageError, inspectImage, loadImageLibrary, renderImage, warmUp, type Encoded, type Encoding, type ImageFacts, type ImageOverlay as MaskOverlay} from './decode.js';
import {fitCells, pixelBox} from './fit-cells.js';
import {occlusionSvg} from './occlusion-svg.js';
import {sixelImage} from './sixel.js';
import {defaultCell, type GraphicsChoice} from './terminal-graphics.js';
import {halfBlockRows} from './text-image.js';

/** Where one overlay image goes: 1-based screen row and column of its top-left cell, and its size in cells. */
export interface ImagePlacement {
	name: string;
	row: number;
	col: number;
	cols: number;
	rows: number;
}

/** How an image shows right now. */
export type ImageView =
	/** Rows of text to print as they are (half blocks, or kitty placeholder cells). */
	| {kind: 'rows'; lines: string[]; cols: number}
	/** Blank rows to reserve; the overlay draws the image there (`key` names it in placements). */
	| {kind: 'overlay'; key: string; cols: number; rows: number}
	| {kind: 'failed'; reason: string}
	| {kind: 'loading'};

/** What the review screen needs from the image output. */
export interface InlineImages {
	/** The image in a box of cells; null when it is not drawn here at all (inline LaTeX keeps its source). */
	view(ref: ImageRef, box: {cols: number; rows: number}, standalone: boolean): ImageView | null;
	/** The overlay images of the frame being drawn; [] when none (another screen, card info open). */
	show(placements: ImagePlacement[]): void;
	/** Called when an image finished loading, so the screen renders again. */
	subscribe(listener: () => void): () => void;
	version(): number;
	/**
	 * Loads the image library ahead of an image (the reviewer calls it when a card with images is
	 * shown, so the answer side's images come on the next frame); the first call only.
	 */
	prefetch(): Promise<void>;
}

export interface ImageOverlay {
	images: InlineImages;
	/** Give this to Ink as its stdout: it forwards everything and draws overlay images after each frame. */
	stdout: NodeJS.WriteStream;
	/** Text to write before leaving: kitty images outlive the text around them. */
	dispose(): string;
	/** Bytes of image data sent to the terminal so far, per image (bench reads this). */
	bytesSent(): number[];
}

type Source = {state: 'loading'} | {state: 'failed'; reason: string} | {state: 'ready'; data: Buffer; facts: ImageFacts; mask?: Buffer};

type Entry =
	| {state: 'loading'}
	| {state: 'failed'; reason: string}
	| {state: 'ready'; view: ImageView; id: number; transmitted: boolean; draw?: string; place?: string};

const bsu = '\u001B[?2026h';
const esu = '\u001B[?2026l';
// A few cards' worth of encoded images (each is at most a screenful).
const cacheSize = 24;
// Sixel pixels are not scaled by the terminal: without a reported cell size, assume small cells
// (xterm's default font is 6x13) so the image stays inside its reserved rows.
const sixelFallbackCell = {width: 6, height: 12};

const readFailures: Record<string, string> = {unsafe: 'outside the media folder', missing: 'not in the media folder', 'too-large': 'file over 10 MB'};

export function createImageOverlay(options: {choice: GraphicsChoice; mediaDir: string; stdout: NodeJS.WriteStream}): ImageOverlay {
	const {choice, mediaDir} = options;
	const real = options.stdout;
	const output = choice.output;
	const cell = choice.cell ?? (output === 'sixel' ? sixelFallbackCell : defaultCell);
	const sources = new Map<string, Source>();
	const entries = new Map<string, Entry>();
	const listeners = new Set<() => void>();
	const sent: number[] = [];
	let version = 0;
	let prefetched: Promise<void> | undefined;
	// kitty ids: a random high byte per process (other programs and other panes use ids too), the
	// low byte counting; placeholder cells carry the low byte as colour and the high byte as a mark.
	const idHigh = 1 + Math.floor(Math.random() * 254);
	let idLow = 0;
	const nextId = () => {
		idLow = (idLow % 255) + 1;
		return ((idHigh << 24) | idLow) >>> 0;
	};
	const wrap = (sequence: string) => (choice.tmuxPassthrough ? tmuxPassthrough(sequence) : sequence);

	const changed = () => {
		version++;
		for (const listener of listeners) listener();
	};

	const source = (ref: ImageRef): Source => {
		const key = `${ref.name}\n${ref.occlusion?.kind === 'enhanced' ? (ref.occlusion.mask ?? '') : ''}`;
		const known = sources.get(key);
		if (known) return known;
		const loading: Source = {state: 'loading'};
		sources.set(key, loading);
		void (async (): Promise<Source> => {
			const read = readMediaFile(mediaDir, ref.name);
			if (!read.ok) return {state: 'failed', reason: readFailures[read.reason] ?? read.reason};
			let mask: Buffer | undefined;
			if (ref.occlusion?.kind === 'enhanced' && ref.occlusion.mask) {
				const maskRead = readMediaFile(mediaDir, ref.occlusion.mask);
				// Without its mask the image would show the answer.
				if (!maskRead.ok) return {state: 'failed', reason: `mask ${ref.occlusion.mask} ${readFailures[maskRead.reason] ?? maskRead.reason}`};
				mask = maskRead.data;
			}
			const sharp = await loadImageLibrary();
			if (!sharp) return {state: 'failed', reason: 'the image library (sharp) is not installed for this platform'};
			const facts = await inspectImage(sharp, read.data);
			return {state: 'ready', data: read.data, facts, ...(mask ? {mask} : {})};
		})()
			.catch((error: unknown): Source => ({state: 'failed', reason: error instanceof ImageError ? error.message : 'damaged or unreadable'}))
			.then((result) => {
				sources.set(key, result);
				changed();
			});
		return loading;
	};

	const encodingFor = (): Encoding => {
		if (output === 'text') return 'rgb';
		if (output === 'sixel') return 'indexed';
		// The terminal decodes iTerm2 images itself: JPEG is a tenth of PNG's bytes for photos.
		if (output === 'iterm') return 'jpeg';
		return choice.remote ? 'png-palette' : 'png';
	};

	const evict = () => {
		while (entries.size > cacheSize) {
			const [oldest, entry] = entries.entries().next().value!;
			entries.delete(oldest);
			if (entry.state === 'ready' && entry.transmitted && output === 'kitty') real.write(wrap(kittyDelete(entry.id)));
		}
	};

	const finish = (encoded: Encoded, cols: number, rows: number, key: string): Entry => {
		const id = nextId();
		if (encoded.kind === 'rgb') return {state: 'ready', id, transmitted: false, view: {kind: 'rows', lines: halfBlockRows(encoded.pixels, choice.colors), cols}};
		if (encoded.kind === 'indexed') {
			const draw = sixelImage(encoded.pixels);
			return {state: 'ready', id, transmitted: false, draw, view: {kind: 'overlay', key, cols, rows}};
		}
		if (output === 'iterm') return {state: 'ready', id, transmitted: false, draw: itermImage(encoded.data, cols, rows), view: {kind: 'overlay', key, cols, rows}};
		const chunks = kittyTransmit(encoded.data, {id, cols, rows, placeholder: choice.placeholders});
		const draw = chunks.map(wrap).join('');
		if (choice.placeholders) {
			const lines = Array.from({length: rows}, (_, row) => placeholderRow(id, row, cols));
			return {state: 'ready', id, transmitted: false, draw, view: {kind: 'rows', lines, cols}};
		}
		return {state: 'ready', id, transmitted: false, draw, place: kittyPlace({id, cols, rows}), view: {kind: 'overlay', key, cols, rows}};
	};

	const view = (ref: ImageRef, box: {cols: number; rows: number}, standalone: boolean): ImageView | null => {
		// LaTeX shows its source in text; as pixels only where the image has a line of its own.
		if (ref.latex && (output === 'text' || !standalone)) return null;
		const from = source(ref);
		if (from.state === 'loading') return {kind: 'loading'};
		if (from.state === 'failed') return {kind: 'failed', reason: from.reason};
		const limit = choice.placeholders ? maxPlaceholderCells : Infinity;
		const shown = {width: ref.width ?? (ref.height ? (from.facts.width * ref.height) / from.facts.height : from.facts.width), height: ref.height ?? (ref.width ? (from.facts.height * ref.width) / from.facts.width : from.facts.height)};
		const {cols, rows} = fitCells(shown, Math.min(box.cols, limit), Math.min(box.rows, limit), cell, Boolean(ref.occlusion));
		const key = `${ref.marker}\n${ref.name}\n${cols}x${rows}`;
		const known = entries.get(key);
		if (known) {
			entries.delete(key);
			entries.set(key, known);
			if (known.state === 'loading') return {kind: 'loading'};
			if (known.state === 'failed') return {kind: 'failed', reason: known.reason};
			if (choice.placeholders && !known.transmitted && known.draw) {
				// The image data goes out before the first frame that shows its placeholder cells.
				real.write(known.draw);
				sent.push(known.draw.length);
				known.transmitted = true;
			}
			return known.view;
		}
		entries.set(key, {state: 'loading'});
		evict();
		// Masks are drawn at the size a pixel terminal would show (Anki's borders are device pixels), then text output reduces that to cells.
		const target = pixelBox(shown, cols * cell.width, rows * cell.height);
		const final = output === 'text' ? {width: cols, height: rows * 2} : undefined;
		let mask: MaskOverlay | undefined;
		if (ref.occlusion?.kind === 'native') mask = {svg: occlusionSvg(ref.occlusion.shapes, ref.occlusion.colors, target.width, target.height)};
		else if (from.mask) mask = {maskFile: from.mask};
		void loadImageLibrary()
			.then((sharp) => renderImage(sharp!, from.data, from.facts, mask || !final ? target : final, encodingFor(), mask, final))
			.then(
				(encoded): Entry => finish(encoded, cols, rows, key),
				(error: unknown): Entry => ({state: 'failed', reason: error instanceof ImageError ? error.message : 'damaged or unreadable'}),
			)
			.then((entry) => {
				if (entries.has(key)) entries.set(key, entry);
				changed();
			});
		return {kind: 'loading'};
	};

	// The overlay: images drawn after Ink's frames into the rows the reviewer reserved.
	let placements: ImagePlacement[] = [];
	let drawnKey = '';
	let dirty = false;
	let scheduled = false;

	const drawOverlay = (): string => {
		const key = JSON.stringify(placements);
		let out = '';
		for (const p of placements) {
			const entry = entries.get(p.name);
			if (entry?.state !== 'ready' || !entry.draw) continue;
			if (output === 'kitty') {
				// kitty keeps images across text redraws: send data once, re-place (cheap: the same ids
				// replace) after other frames in case a redraw erased the cells under it.
				if (!entry.transmitted || key !== drawnKey) {
					out += atPosition(p.row, p.col, entry.transmitted ? wrap(entry.place!) : entry.draw);
					if (!entry.transmitted) sent.push(entry.draw.length);
					entry.transmitted = true;
				} else out += atPosition(p.row, p.col, wrap(entry.place!));
			} else {
				// iTerm2 and sixel images are cell content: every Ink frame overwrites them, so each frame redraws.
				out += atPosition(p.row, p.col, entry.draw);
				if (key !== drawnKey) sent.push(entry.draw.length);
			}
		}
		if (output === 'kitty' && key !== drawnKey && drawnKey !== '' && !choice.placeholders) {
			// Images no longer placed: take them off the screen (their data stays for a quick return).
			const now = new Set(placements.map((p) => p.name));
			for (const old of JSON.parse(drawnKey) as ImagePlacement[]) {
				const entry = entries.get(old.name);
				if (!now.has(old.name) && entry?.state === 'ready') out = wrap(`\u001B_Ga=d,d=i,i=${entry.id},q=2\u001B\\`) + out;
			}
		}
		drawnKey = key;
		return out;
	};

	const flush = () => {
		scheduled = false;
		if (!dirty) return;
		dirty = false;
		const out = drawOverlay();
		if (out) real.write(out);
	};

	const write = (chunk: unknown, ...rest: unknown[]): boolean => {
		if (chunk === esu && dirty) {
			// Inside Ink's synchronized update: the image appears with the frame, without flicker.
			dirty = false;
			const out = drawOverlay();
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

	const overlayOutput = output === 'iterm' || output === 'sixel' || (output === 'kitty' && !choice.placeholders);
	const stdout = overlayOutput
		? new Proxy(real, {
				get(target, property) {
					if (property === 'write') return write;
					const value = Reflect.get(target, property, target) as unknown;
					return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
				},
			})
		: real;

	return {
		images: {
			view,
			show(next) {
				placements = next;
			},
			subscribe(listener) {
				listeners.add(listener);
				return () => listeners.delete(listener);
			},
			version: () => version,
			prefetch: () =>
				(prefetched ??= (async () => {
					const sharp = await loadImageLibrary();
					if (sharp) await warmUp(sharp);
				})()),
		},
		stdout,
		dispose: () => {
			if (output !== 'kitty') return '';
			let out = '';
			for (const entry of entries.values()) if (entry.state === 'ready' && entry.transmitted) out += wrap(kittyDelete(entry.id));
			return out;
		},
		bytesSent: () => [...sent],
	};
}
