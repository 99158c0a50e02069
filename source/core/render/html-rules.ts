// What each piece of Anki card HTML becomes on a terminal; shared by the fast converter and the
// turndown rules so both give the same result.
import {CLOSE, OPEN, CODE_END, wrap, type StyleCode} from './marks.js';
import type {HexColor} from './styled.js';
import {isOcclusionImage, type Occlusion} from './occlusion.js';

/** One image on a side, for the terminal to draw where its placeholder is. */
export interface ImageRef {
	/** File name in the media folder. */
	name: string;
	/** The placeholder text on the card's lines (`[image: x.jpg]`), where the image goes. */
	marker: string;
	/** The size the card gives it in CSS pixels (`<img width height>` or `style="width: …px"`). */
	width?: number;
	height?: number;
	/** A generated LaTeX image: its source, readable where the image cannot be shown. */
	latex?: string;
	/** An Image Occlusion card's image, with the masks to draw over it. */
	occlusion?: Occlusion;
}

export interface ConvertContext {
	images: string[];
	/** Filled with every drawable image, in order. */
	imageRefs?: ImageRef[];
	/** The side's occlusion, given to the image marked as occluded. */
	occlusion?: Occlusion;
	mediaExists?: (name: string) => boolean;
}

const NAMED_COLORS: Record<string, string> = {
	red: '#ff0000', darkred: '#8b0000', crimson: '#dc143c', firebrick: '#b22222', orange: '#ffa500', darkorange: '#ff8c00',
	gold: '#ffd700', yellow: '#ffff00', green: '#008000', lime: '#00ff00', darkgreen: '#006400', olive: '#808000',
	teal: '#008080', blue: '#0000ff', navy: '#000080', darkblue: '#00008b', royalblue: '#4169e1', dodgerblue: '#1e90ff',
	aqua: '#00ffff', cyan: '#00ffff', purple: '#800080', magenta: '#ff00ff', fuchsia: '#ff00ff', violet: '#ee82ee',
	pink: '#ffc0cb', hotpink: '#ff69b4', brown: '#a52a2a', maroon: '#800000', indigo: '#4b0082', orchid: '#da70d6',
	salmon: '#fa8072', tomato: '#ff6347', coral: '#ff7f50', chocolate: '#d2691e', seagreen: '#2e8b57', skyblue: '#87ceeb',
};

/** A colour from the card as '#rrggbb', or undefined when it carries no meaning (black, white, greys). */
export function meaningfulColor(value: string | undefined): HexColor | undefined {
	if (!value) return undefined;
	let v = value.trim().toLowerCase();
	if (NAMED_COLORS[v]) v = NAMED_COLORS[v];
	let r: number;
	let g: number;
	let b: number;
	let m: RegExpExecArray | null;
	if ((m = /^#([0-9a-f]{3})$/.exec(v))) {
		[r, g, b] = [...m[1]].map((d) => Number.parseInt(d + d, 16));
	} else if ((m = /^#([0-9a-f]{6})$/.exec(v))) {
		const n = Number.parseInt(m[1], 16);
		[r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
	} else if ((m = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/.exec(v))) {
		[r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])].map((n) => Math.min(n, 255));
	} else return undefined;
	// Pasted text often carries the page's black/grey/white: that is not meaning, it is noise.
	if (Math.max(r, g, b) - Math.min(r, g, b) < 24) return undefined;
	return `#${[r, g, b].map((n) => n.toString(16).padStart(2, '0')).join('')}`;
}

const PROPERTY_PATTERNS = new Map<string, RegExp>();

function styleProperty(style: string | undefined, name: string): string | undefined {
	if (!style || !style.includes(name)) return undefined;
	let re = PROPERTY_PATTERNS.get(name);
	if (!re) {
		re = new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]+)`, 'i');
		PROPERTY_PATTERNS.set(name, re);
	}
	return re.exec(style)?.[1]?.trim();
}

export function isHidden(style: string | undefined): boolean {
	return !!style && /display\s*:\s*none/i.test(style);
}

/** Style codes an inline element adds (see marks.ts). */
export function inlineCodes(tag: string, attrs: (name: string) => string | undefined): StyleCode[] {
	const codes: StyleCode[] = [];
	switch (tag) {
		case 'b':
		case 'strong':
			codes.push('b');
			break;
		case 'i':
		case 'em':
		case 'cite':
			codes.push('i');
			break;
		case 'u':
		case 'ins':
			codes.push('u');
			break;
		case 's':
		case 'strike':
		case 'del':
			codes.push('s');
			break;
		case 'small':
			codes.push('d');
			break;
		case 'mark':
			codes.push('b');
			break;
	}
	const cls = attrs('class');
	if (cls) {
		const classes = cls.split(/\s+/);
		// Anki's active cloze: bold and coloured by the stock CSS.
		if (classes.includes('cloze')) codes.push('b', 'ccloze');
	}
	const style = attrs('style');
	if (style) {
		const weight = styleProperty(style, 'font-weight');
		if (weight && (weight === 'bold' || weight === 'bolder' || Number(weight) >= 600)) codes.push('b');
		if (/^(italic|oblique)/i.test(styleProperty(style, 'font-style') ?? '')) codes.push('i');
		const decoration = styleProperty(style, 'text-decoration') ?? styleProperty(style, 'text-decoration-line');
		if (decoration?.includes('underline')) codes.push('u');
		if (decoration?.includes('line-through')) codes.push('s');
		const color = meaningfulColor(styleProperty(style, 'color'));
		if (color) codes.push(`c${color}`);
		const background = meaningfulColor(styleProperty(style, 'background-color') ?? styleProperty(style, 'background'));
		if (background) codes.push(`g${background}`);
	}
	if (tag === 'font') {
		const color = meaningfulColor(attrs('color'));
		if (color) codes.push(`c${color}`);
	}
	return codes;
}

export function wrapCodes(codes: StyleCode[], text: string): string {
	let out = text;
	for (let i = codes.length - 1; i >= 0; i--) out = wrap(codes[i], out);
	return out;
}

const SUP: Record<string, string> = {};
const SUB: Record<string, string> = {};
function table(target: Record<string, string>, from: string, to: string): void {
	const a = [...from];
	const b = [...to];
	a.forEach((ch, i) => (target[ch] = b[i]));
}
table(SUP, '0123456789+-=()niabcdefghjklmoprstuvwxyz', '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻ');
table(SUB, '0123456789+-=()aeoxhklmnpstijruv', '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ');

/** <sub>/<sup>: Unicode sub/superscripts when every character has one, else _(…) / ^(…). */
export function scriptText(text: string, kind: 'sub' | 'sup'): string {
	const map = kind === 'sub' ? SUB : SUP;
	let mapped = '';
	let ok = true;
	let visible = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === OPEN) {
			const end = text.indexOf(CODE_END, i);
			mapped += text.slice(i, end + 1);
			i = end;
		} else if (c === CLOSE) mapped += c;
		else if (map[c]) {
			mapped += map[c];
			visible++;
		} else if (c.trim() === '' && visible === 0) mapped += '';
		else {
			ok = false;
			break;
		}
	}
	if (ok && visible > 0) return mapped;
	if (text.trim() === '') return text;
	return (kind === 'sub' ? '_(' : '^(') + text + ')';
}

/** <ruby>: the base followed by its reading, dimmed. */
export function rubyReading(text: string): string {
	return text.trim() === '' ? '' : wrap('cfurigana', `(${text})`);
}

function cssPixels(attribute: string | undefined, style: string | undefined, property: 'width' | 'height'): number | undefined {
	const fromStyle = style ? new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([\\d.]+)px`, 'i').exec(style)?.[1] : undefined;
	const value = Number(fromStyle ?? (attribute && /^\s*[\d.]+\s*(px)?\s*$/i.test(attribute) ? Number.parseFloat(attribute) : NaN));
	return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** <img>: a placeholder with the file name; LaTeX images show their source when the PNG is absent. */
export function imageMarker(attr: (name: string) => string | undefined, ctx: ConvertContext): string {
	const src = attr('src');
	const alt = attr('alt');
	const cls = attr('class');
	const isLatex = !!cls && cls.split(/\s+/).includes('latex');
	if (isLatex && src && !(ctx.mediaExists?.(src) ?? false)) {
		return wrap('cmath', alt ?? src);
	}
	if (!src) return alt ? wrap('cmarker', `[image: ${alt}]`) : '';
	if (!ctx.images.includes(src)) ctx.images.push(src);
	const caption = ctx.occlusion ? isOcclusionImage(attr) : undefined;
	const marker = caption ? `[${caption}]` : `[image: ${src}]`;
	if (ctx.imageRefs && !ctx.imageRefs.some((ref) => ref.marker === marker)) {
		const ref: ImageRef = {name: src, marker};
		const width = cssPixels(attr('width'), attr('style'), 'width');
		const height = cssPixels(attr('height'), attr('style'), 'height');
		if (width) ref.width = width;
		if (height) ref.height = height;
		if (isLatex && alt) ref.latex = alt;
		if (caption) ref.occlusion = ctx.occlusion;
		ctx.imageRefs.push(ref);
	}
	return wrap('cmarker', marker);
}

export function mediaMarker(kind: 'audio' | 'video', src: string | undefined): string {
	return src ? wrap('cmarker', `[${kind}: ${src}]`) : '';
}

/** <a>: the text in link style; the address follows (dimmed) when it is not the text itself. */
export function linkText(text: string, href: string | undefined, cls: string | undefined): string {
	if (cls && cls.split(/\s+/).includes('hint')) return wrap('chint', `[hint: ${text.trim()}]`);
	if (text.trim() === '') return '';
	const styled = wrap('clink', text);
	if (!href || !/^(https?|mailto):/i.test(href) || text.includes(href)) return styled;
	return styled + ' ' + wrap('d', `(${href})`);
}

/**
 * Image occlusion masks (empty divs Anki's JS draws on a canvas): a marker per shape, hidden ones
 * as cloze placeholders, revealed ones highlighted, inactive ones dimmed.
 */
export function occlusionMarker(attrs: (name: string) => string | undefined): string | undefined {
	const shape = attrs('data-shape');
	if (!shape) return undefined;
	const classes = (attrs('class') ?? '').split(/\s+/);
	const ordinal = attrs('data-ordinal') ?? '';
	const label = attrs('data-text') ?? shape;
	if (classes.includes('cloze')) return wrap('b', wrap('ccloze', `[mask ${ordinal}: ${label}]`));
	if (classes.includes('cloze-highlight')) return wrap('b', wrap('ccloze', `[revealed ${ordinal}: ${label}]`));
	return wrap('d', `[${ordinal}: ${label}]`);
}
