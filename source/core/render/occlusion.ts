// Image Occlusion cards, read from a rendered side the way Anki's reviewer reads them:
// - Anki's own notetype (23.10+): the cloze filter turns each `{{cN::image-occlusion:…}}` into an
//   empty <div class="cloze|cloze-inactive|cloze-highlight" data-shape=… > and the page script draws
//   those shapes on a canvas over the <img> in #image-occlusion-container
//   (ts/routes/image-occlusion/review.ts);
// - the Image Occlusion Enhanced add-on: an SVG mask (#io-overlay) laid over the image (#io-original).
// Pure: the terminal side decides how to draw; this only says what is drawn where.
import {decodeEntities} from './entities.js';

export type OcclusionShapeKind = 'rect' | 'ellipse' | 'polygon' | 'text';

/** Coordinates are fractions (0-1) of the image's width and height, as Anki stores them. */
export interface OcclusionShape {
	kind: OcclusionShapeKind;
	ordinals: number[];
	/** cloze = asked on this side (or ordinal 0, always shown); inactive = another card's; highlight = the answer's. */
	state: 'active' | 'inactive' | 'highlight';
	/** `oi=1` ("Hide All, Guess One"): inactive shapes are drawn too. */
	occludeInactive: boolean;
	left: number;
	top: number;
	width: number;
	height: number;
	rx: number;
	ry: number;
	points: Array<[number, number]>;
	text: string;
	scale: number;
	/** Font size as a fraction of the image height (0 = Anki's default 40 px). */
	fontSize: number;
	/** Degrees clockwise about (left, top). */
	angle: number;
	/** The shape's own colour (inactive masks; text colour for text). */
	fill?: string;
}

export interface OcclusionBorder {
	width: number;
	color: string;
}

/** The canvas variables of the notetype's CSS (Anki's defaults when absent). */
export interface OcclusionColors {
	active: string;
	inactive: string;
	highlight: string;
	activeBorder: OcclusionBorder;
	inactiveBorder: OcclusionBorder;
	highlightBorder: OcclusionBorder;
}

export type Occlusion =
	| {kind: 'native'; image: string; shapes: OcclusionShape[]; colors: OcclusionColors}
	| {kind: 'enhanced'; image: string; mask: string | null};

// rslib/src/image_occlusion/notetype.css and review.ts getShapeProperties() fallbacks.
export const defaultOcclusionColors: OcclusionColors = {
	active: '#ff8e8e',
	inactive: '#ffeba2',
	highlight: '#ff8e8e00',
	activeBorder: {width: 1, color: '#212121'},
	inactiveBorder: {width: 1, color: '#212121'},
	highlightBorder: {width: 1, color: '#ff8e8e'},
};

/** Anki's default mask colour: an inactive shape with this fill takes the CSS colour instead. */
const shapeMaskColor = '#ffeba2';

const ATTRIBUTE = /([\w-]+)\s*=\s*"([^"]*)"/g;

function attributes(tag: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of tag.matchAll(ATTRIBUTE)) out.set(m[1].toLowerCase(), decodeEntities(m[2]));
	return out;
}

function number(value: string | undefined, fallback = 0): number {
	const n = Number(value);
	return value === undefined || value === '' || !Number.isFinite(n) ? fallback : n;
}

const SHAPE_DIV = /<div\s+class="(cloze|cloze-inactive|cloze-highlight)"([^>]*\bdata-shape="[^"]*"[^>]*)>/g;
const stateOf = {cloze: 'active', 'cloze-inactive': 'inactive', 'cloze-highlight': 'highlight'} as const;

/** The shapes of a rendered side, in the order Anki's cloze filter wrote them. */
export function occlusionShapes(html: string): OcclusionShape[] {
	if (!html.includes('data-shape=')) return [];
	const shapes: OcclusionShape[] = [];
	for (const m of html.matchAll(SHAPE_DIV)) {
		const a = attributes(m[2]);
		const kind = a.get('data-shape');
		if (kind !== 'rect' && kind !== 'ellipse' && kind !== 'polygon' && kind !== 'text') continue;
		const points = (a.get('data-points') ?? '')
			.split(' ')
			.filter((pair) => pair.includes(','))
			.map((pair): [number, number] => {
				const [x, y] = pair.split(',');
				return [number(x), number(y)];
			});
		// review.ts storedToAngle: 1/10000 of a full turn.
		const angle = ((number(a.get('data-angle')) % 10000) / 10000) * 360;
		const shape: OcclusionShape = {
			kind,
			ordinals: (a.get('data-ordinal') ?? '').split(',').map((n) => Number.parseInt(n, 10)).filter((n) => Number.isFinite(n)),
			state: stateOf[m[1] as keyof typeof stateOf],
			occludeInactive: a.get('data-occludeinactive') === '1',
			left: number(a.get('data-left')),
			top: number(a.get('data-top')),
			width: number(a.get('data-width')),
			height: number(a.get('data-height')),
			rx: number(a.get('data-rx')),
			ry: number(a.get('data-ry')),
			points: points.length > 0 ? points : [[0, 0]],
			text: a.get('data-text') ?? '',
			scale: number(a.get('data-scale'), 1),
			fontSize: number(a.get('data-font-size')),
			angle,
		};
		const fill = a.get('data-fill');
		if (fill && !(kind !== 'text' && fill.toLowerCase() === shapeMaskColor)) shape.fill = fill;
		shapes.push(shape);
	}
	return shapes;
}

/** Which shapes Anki draws on this side (review.ts drawShapes): asked and highlighted ones, other cards' only with oi=1. */
export function drawnShapes(shapes: readonly OcclusionShape[]): OcclusionShape[] {
	return shapes.filter((s) => s.state !== 'inactive' || s.occludeInactive);
}

function cssVariable(css: string, name: string): string | undefined {
	let found: string | undefined;
	for (const m of css.matchAll(new RegExp(`${name}\\s*:\\s*([^;}]+)`, 'g'))) found = m[1].trim();
	return found;
}

function border(value: string | undefined, fallback: OcclusionBorder): OcclusionBorder {
	if (!value) return fallback;
	const [width, color] = value.split(/\s+/).filter(Boolean);
	const w = Number.parseFloat(width ?? '');
	return {width: Number.isNaN(w) ? fallback.width : w, color: color ?? fallback.color};
}

/** The mask colours a notetype's CSS sets (users may override Anki's defaults there). */
export function occlusionColors(css: string): OcclusionColors {
	const d = defaultOcclusionColors;
	if (!css.includes('-shape-')) return d;
	return {
		active: cssVariable(css, '--active-shape-color') || d.active,
		inactive: cssVariable(css, '--inactive-shape-color') || d.inactive,
		highlight: cssVariable(css, '--highlight-shape-color') || d.highlight,
		activeBorder: border(cssVariable(css, '--active-shape-border'), d.activeBorder),
		inactiveBorder: border(cssVariable(css, '--inactive-shape-border'), d.inactiveBorder),
		highlightBorder: border(cssVariable(css, '--highlight-shape-border'), d.highlightBorder),
	};
}

const IMG_SRC = /<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/i;

/** The first <img> after the element with this id: [whole tag, its position, src]. */
function imageAfter(html: string, id: string): {tag: string; at: number; src: string} | null {
	const start = html.search(new RegExp(`\\bid\\s*=\\s*["']?${id}\\b`));
	if (start < 0) return null;
	const m = IMG_SRC.exec(html.slice(start));
	if (!m) return null;
	return {tag: m[0], at: start + m.index, src: decodeEntities(m[1] ?? m[2] ?? m[3] ?? '')};
}

// IOE mask names: <uuid>-<ao|oa>-<n>-Q.svg / -A.svg (image_occlusion_enhanced ngen.py).
const ENHANCED_MASK = /-(ao|oa)-(\d+)-([QA])\.svg$/i;

/**
 * What the caption says: `image occlusion: 3 masks, asking 2` on the question, `… 2 revealed` on the
 * answer; masks counts the note's cards (a group of shapes is one mask), `ordinal` is the card's.
 */
export function occlusionCaption(occlusion: Occlusion, side: 'question' | 'answer', ordinal: number): string {
	if (occlusion.kind === 'native') {
		const ordinals = new Set(occlusion.shapes.filter((s) => s.kind !== 'text').flatMap((s) => s.ordinals.filter((n) => n > 0)));
		const count = `${ordinals.size} mask${ordinals.size === 1 ? '' : 's'}`;
		if (!ordinals.has(ordinal)) return `image occlusion: ${count}`;
		return `image occlusion: ${count}, ${side === 'question' ? `asking ${ordinal}` : `${ordinal} revealed`}`;
	}
	const m = occlusion.mask ? ENHANCED_MASK.exec(occlusion.mask) : null;
	if (!m) return 'image occlusion';
	const mode = m[1].toLowerCase() === 'ao' ? 'hide all, guess one' : 'hide one, guess one';
	return `image occlusion (${mode}): ${side === 'question' ? `asking ${m[2]}` : `${m[2]} revealed`}`;
}

/** Marks the occluded <img> so the text converter shows one captioned image for the whole card. */
const occlusionAttribute = 'data-anki-tui-occlusion';

export function isOcclusionImage(attr: (name: string) => string | undefined): string | undefined {
	return attr(occlusionAttribute);
}

/**
 * Finds the occlusion on a rendered side and returns the HTML with its image marked (and an IOE
 * mask <img> removed, since it is drawn onto the image), or null when the side has none.
 */
export function findOcclusion(html: string, css: string, side: 'question' | 'answer', ordinal: number): {html: string; occlusion: Occlusion} | null {
	if (html.includes('image-occlusion-container')) {
		const image = imageAfter(html, 'image-occlusion-container');
		if (!image) return null;
		const occlusion: Occlusion = {kind: 'native', image: image.src, shapes: occlusionShapes(html), colors: occlusionColors(css)};
		return {html: mark(html, image, occlusionCaption(occlusion, side, ordinal)), occlusion};
	}
	if (html.includes('io-original')) {
		const image = imageAfter(html, 'io-original');
		if (!image) return null;
		const overlay = imageAfter(html, 'io-overlay');
		const mask = overlay && /\.svg$/i.test(overlay.src) ? overlay.src : null;
		const occlusion: Occlusion = {kind: 'enhanced', image: image.src, mask};
		let out = mark(html, image, occlusionCaption(occlusion, side, ordinal));
		if (overlay) {
			const at = out.indexOf(overlay.tag);
			if (at >= 0) out = out.slice(0, at) + out.slice(at + overlay.tag.length);
		}
		return {html: out, occlusion};
	}
	return null;
}

function mark(html: string, image: {tag: string; at: number}, caption: string): string {
	const tag = image.tag.replace(/^<img\b/i, `<img ${occlusionAttribute}="${caption.replaceAll('"', '&quot;')}"`);
	return html.slice(0, image.at) + tag + html.slice(image.at + image.tag.length);
}
