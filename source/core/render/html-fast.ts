// A fast converter for the small HTML vocabulary Anki's editor produces (div, br, b, i, u, span,
// font, ruby, img, hr, sub/sup, a). Anything else (tables, lists, code, headings, unusual entities)
// returns undefined and goes through turndown. Both give the same marked stream (see marks.ts).
import {decodeEntities, entitiesAreKnown} from './entities.js';
import {BLOCK, BR, PARA, RULE} from './marks.js';
import {
	type ConvertContext,
	imageMarker,
	inlineCodes,
	occlusionMarker,
	isHidden,
	linkText,
	mediaMarker,
	rubyReading,
	scriptText,
	wrapCodes,
} from './html-rules.js';

type TagKind = 'block' | 'para' | 'inline' | 'void' | 'skip';
const TAG_KIND = new Map<string, TagKind>();
for (const name of ['div', 'center', 'section', 'article', 'header', 'footer', 'main', 'figure', 'figcaption', 'address', 'nav', 'aside']) TAG_KIND.set(name, 'block');
TAG_KIND.set('p', 'para');
for (const name of ['span', 'font', 'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'small', 'big', 'mark', 'cite', 'abbr', 'label', 'time', 'nobr', 'sub', 'sup', 'ruby', 'rb', 'rt', 'rp', 'a', 'audio', 'video']) TAG_KIND.set(name, 'inline');
for (const name of ['br', 'img', 'hr', 'wbr', 'source', 'meta', 'link', 'input', 'col', 'track']) TAG_KIND.set(name, 'void');
for (const name of ['style', 'script', 'title', 'head', 'template', 'noscript']) TAG_KIND.set(name, 'skip');

interface ScannedTag {
	start: number;
	/** Index after the closing `>`. */
	end: number;
	/** Lower-case name; '' for comments and doctypes. */
	name: string;
	closing: boolean;
	attrs: string;
}

function isNameChar(code: number): boolean {
	return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45;
}

/**
 * The next tag, comment or doctype at or after `from` (a hand-written scanner: regular expressions
 * with quoted-attribute alternations are slow, and nested quantifiers invite runaway backtracking).
 * A `<` that does not start a complete tag is text.
 */
function nextTag(html: string, from: number): ScannedTag | undefined {
	let lt = html.indexOf('<', from);
	while (lt !== -1) {
		const tag = scanAt(html, lt);
		if (tag) return tag;
		lt = html.indexOf('<', lt + 1);
	}
	return undefined;
}

function scanAt(html: string, lt: number): ScannedTag | undefined {
	let i = lt + 1;
	if (html.startsWith('!--', i)) {
		const close = html.indexOf('-->', i + 3);
		return close === -1 ? undefined : {start: lt, end: close + 3, name: '', closing: false, attrs: ''};
	}
	if (html[i] === '!') {
		const close = html.indexOf('>', i);
		return close === -1 ? undefined : {start: lt, end: close + 1, name: '', closing: false, attrs: ''};
	}
	const closing = html[i] === '/';
	if (closing) i++;
	const first = html.charCodeAt(i);
	if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90))) return undefined;
	const nameStart = i;
	while (i < html.length && isNameChar(html.charCodeAt(i))) i++;
	const name = html.slice(nameStart, i).toLowerCase();
	const attrStart = i;
	while (i < html.length) {
		const c = html[i];
		if (c === '>') return {start: lt, end: i + 1, name, closing, attrs: html.slice(attrStart, i)};
		if (c === '"' || c === "'") {
			const close = html.indexOf(c, i + 1);
			if (close === -1) return undefined;
			i = close + 1;
		} else i++;
	}
	return undefined;
}
function isAttrSpace(c: string): boolean {
	return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '/';
}

/** Attribute names (lower-cased) to decoded values; first occurrence wins, as in browsers. */
function parseAttributes(raw: string): Map<string, string> {
	const attrs = new Map<string, string>();
	const n = raw.length;
	let i = 0;
	while (i < n) {
		while (i < n && isAttrSpace(raw[i])) i++;
		const nameStart = i;
		while (i < n && !isAttrSpace(raw[i]) && raw[i] !== '=' && raw[i] !== '>') i++;
		if (i === nameStart) {
			i++;
			continue;
		}
		const name = raw.slice(nameStart, i).toLowerCase();
		while (i < n && raw[i] === ' ') i++;
		let value = '';
		if (raw[i] === '=') {
			i++;
			while (i < n && (raw[i] === ' ' || raw[i] === '\n' || raw[i] === '\t')) i++;
			const quote = raw[i];
			if (quote === '"' || quote === "'") {
				const close = raw.indexOf(quote, i + 1);
				const stop = close === -1 ? n : close;
				value = raw.slice(i + 1, stop);
				i = stop + 1;
			} else {
				const valueStart = i;
				while (i < n && raw[i] !== ' ' && raw[i] !== '\n' && raw[i] !== '\t' && raw[i] !== '>') i++;
				value = raw.slice(valueStart, i);
			}
		}
		if (!attrs.has(name)) attrs.set(name, value.includes('&') ? decodeEntities(value) : value);
	}
	return attrs;
}

type Attributes = (name: string) => string | undefined;
const NO_ATTRIBUTES: Attributes = () => undefined;

/** Attributes are parsed only when a rule asks for one (most tags have none that matter). */
function lazyAttributes(raw: string): Attributes {
	if (raw === '' || raw.trim() === '' || raw.trim() === '/') return NO_ATTRIBUTES;
	let map: Map<string, string> | undefined;
	// Most lookups are for an attribute the tag does not have: answer those without parsing.
	return (name) => (raw.includes(name) || raw.includes(name.toUpperCase()) ? (map ??= parseAttributes(raw)).get(name) : undefined);
}

interface Frame {
	tag: string;
	kind: TagKind;
	/** Output position where the element's content starts. */
	start: number;
	attrs: Attributes;
	hidden: boolean;
}

export function convertHtmlFast(html: string, ctx: ConvertContext): string | undefined {
	if (!entitiesAreKnown(html)) return undefined;
	const parts: string[] = [];
	const stack: Frame[] = [];
	let hiddenDepth = 0;
	let lastSpace = true;
	let pos = 0;

	const emitText = (raw: string) => {
		if (hiddenDepth > 0 || raw === '') return;
		let text = raw.replace(/[\t\n\f\r ]+/g, ' ');
		if (lastSpace && text.startsWith(' ')) text = text.slice(1);
		if (text === '') return;
		parts.push(decodeEntities(text));
		lastSpace = text.endsWith(' ');
	};
	const emitMarker = (marker: string, resetsLine: boolean) => {
		if (hiddenDepth > 0) return;
		parts.push(marker);
		if (resetsLine) lastSpace = true;
		else if (marker !== '') lastSpace = false;
	};
	const closeFrame = (frame: Frame) => {
		const content = parts.splice(frame.start).join('');
		if (frame.hidden) {
			hiddenDepth--;
			return;
		}
		if (hiddenDepth > 0) return;
		const attr = frame.attrs;
		let out: string;
		switch (frame.tag) {
			case 'sub':
			case 'sup':
				out = scriptText(content, frame.tag);
				break;
			case 'rt':
				out = rubyReading(content);
				break;
			case 'rp':
				out = '';
				break;
			case 'a':
				out = linkText(content, attr('href'), attr('class'));
				break;
			case 'audio':
			case 'video':
				out = mediaMarker(frame.tag, attr('src')) + content;
				break;
			case 'div':
				out = (content === '' ? occlusionMarker(attr) : undefined) ?? content;
				break;
			default:
				out = wrapCodes(inlineCodes(frame.tag, attr), content);
		}
		if (frame.kind === 'block') parts.push(BLOCK + out + BLOCK);
		else if (frame.kind === 'para') parts.push(PARA + out + PARA);
		else parts.push(out);
		if (frame.kind !== 'inline') lastSpace = true;
	};

	let tag: ScannedTag | undefined;
	while ((tag = nextTag(html, pos)) !== undefined) {
		if (tag.start > pos) emitText(html.slice(pos, tag.start));
		pos = tag.end;
		const {name, closing} = tag;
		if (!name) continue; // comment or doctype
		const kind = TAG_KIND.get(name);
		if (kind === undefined) return undefined;
		if (kind === 'skip') {
			if (!closing) {
				const end = html.toLowerCase().indexOf(`</${name}`, pos);
				if (end === -1) return undefined;
				const gt = html.indexOf('>', end);
				pos = gt === -1 ? html.length : gt + 1;
			}
			continue;
		}
		if (kind === 'void') {
			if (closing) {
				// `</br>` is a line break in browsers; other void closers are ignored.
				if (name === 'br') emitMarker(BR, true);
				continue;
			}
			const attrs = lazyAttributes(tag.attrs);
			if (isHidden(attrs('style'))) continue;
			switch (name) {
				case 'br':
					emitMarker(BR, true);
					break;
				case 'hr':
					emitMarker(RULE, true);
					break;
				case 'img':
					if (hiddenDepth > 0) break;
					emitMarker(imageMarker(attrs, ctx), false);
					break;
				case 'source':
					emitMarker(mediaMarker('audio', attrs('src')), false);
					break;
			}
			continue;
		}
		if (!closing) {
			const attrs = lazyAttributes(tag.attrs);
			const hidden = isHidden(attrs('style'));
			if (kind === 'block' || kind === 'para') emitMarker(kind === 'para' ? PARA : BLOCK, true);
			stack.push({tag: name, kind, start: parts.length, attrs, hidden});
			if (hidden) hiddenDepth++;
			if (tag.attrs.trimEnd().endsWith('/')) closeFrame(stack.pop()!);
			continue;
		}
		// Closing tag: close everything up to the matching open element (HTML's implied ends).
		let index = stack.length - 1;
		while (index >= 0 && stack[index].tag !== name) index--;
		if (index < 0) continue;
		while (stack.length > index) closeFrame(stack.pop()!);
	}
	if (pos < html.length) emitText(html.slice(pos));
	while (stack.length > 0) closeFrame(stack.pop()!);
	return parts.join('');
}
