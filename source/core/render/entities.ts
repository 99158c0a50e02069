// HTML entity decoding for the fast paths (the HTML 4 set, as Anki's own decoder knows it).
// Text that uses other named entities goes through the full HTML parser instead.

const LATIN1 =
	'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
const GREEK_UPPER = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho - Sigma Tau Upsilon Phi Chi Psi Omega';
const OTHERS =
	'amp 38 lt 60 gt 62 quot 34 apos 39 ensp 8194 emsp 8195 thinsp 8201 zwnj 8204 zwj 8205 lrm 8206 rlm 8207 ndash 8211 mdash 8212 lsquo 8216 rsquo 8217 sbquo 8218 ldquo 8220 rdquo 8221 bdquo 8222 dagger 8224 Dagger 8225 bull 8226 hellip 8230 permil 8240 prime 8242 Prime 8243 lsaquo 8249 rsaquo 8250 oline 8254 frasl 8260 euro 8364 trade 8482 larr 8592 uarr 8593 rarr 8594 darr 8595 harr 8596 lArr 8656 uArr 8657 rArr 8658 dArr 8659 hArr 8660 crarr 8629 forall 8704 part 8706 exist 8707 empty 8709 nabla 8711 isin 8712 notin 8713 ni 8715 prod 8719 sum 8721 minus 8722 lowast 8727 radic 8730 prop 8733 infin 8734 ang 8736 and 8743 or 8744 cap 8745 cup 8746 int 8747 there4 8756 sim 8764 cong 8773 asymp 8776 ne 8800 equiv 8801 le 8804 ge 8805 sub 8834 sup 8835 nsub 8836 sube 8838 supe 8839 oplus 8853 otimes 8855 perp 8869 sdot 8901 lceil 8968 rceil 8969 lfloor 8970 rfloor 8971 lang 9001 rang 9002 loz 9674 spades 9824 clubs 9827 hearts 9829 diams 9830 OElig 338 oelig 339 Scaron 352 scaron 353 Yuml 376 fnof 402 circ 710 tilde 732 thetasym 977 upsih 978 piv 982 alefsym 8501 weierp 8472 image 8465 real 8476 sigmaf 962';

const NAMED = new Map<string, string>();
LATIN1.split(' ').forEach((name, i) => NAMED.set(name, String.fromCodePoint(160 + i)));
GREEK_UPPER.split(' ').forEach((name, i) => {
	if (name === '-') return;
	NAMED.set(name, String.fromCodePoint(913 + i));
	NAMED.set(name.toLowerCase(), String.fromCodePoint(945 + i));
});
{
	const parts = OTHERS.split(' ');
	for (let i = 0; i < parts.length; i += 2) NAMED.set(parts[i], String.fromCodePoint(Number(parts[i + 1])));
}

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

function fromCode(code: number): string {
	// Like browsers: NUL, surrogates and out-of-range become U+FFFD. Controls are removed later.
	if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
	// An entity must not smuggle in a control character or a render marker.
	if ((code < 0x20 && code !== 9 && code !== 10) || (code >= 0x7f && code <= 0x9f) || (code >= 0xe000 && code <= 0xe00f)) return '';
	return String.fromCodePoint(code);
}

/** The character of an HTML 4 named entity (`amp` -> `&`), or undefined. */
export function namedEntity(name: string): string | undefined {
	return NAMED.get(name);
}

/** Decodes entities; unknown named entities stay as written. */
export function decodeEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
		if (dec) return fromCode(Number.parseInt(dec, 10));
		if (hex) return fromCode(Number.parseInt(hex, 16));
		const value = NAMED.get(name!);
		return value !== undefined && whole.endsWith(';') ? value : whole;
	});
}

/** True when every named entity in the text is one decodeEntities knows. */
export function entitiesAreKnown(text: string): boolean {
	if (!text.includes('&')) return true;
	for (const match of text.matchAll(ENTITY)) {
		if (match[3] && !(NAMED.has(match[3]) && match[0].endsWith(';'))) return false;
	}
	return true;
}

export function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
	return escapeHtml(text).replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}

/** Rust htmlescape::encode_attribute, as Anki uses it: every non-alphanumeric below U+0100 as &#xHH;. */
export function encodeAttributeLikeAnki(text: string): string {
	return text.replace(/[^A-Za-z0-9\u0100-\uffff]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`+';');
}

/**
 * Entity decoding as the Rust `htmlescape` crate does it, which Anki uses: all or nothing. Named
 * entities need their `;` and must be one of HTML 4's 252 (so `&apos;` is unknown), numeric ones
 * must be `&#123;` or `&#x7b;` (lower-case x) and name a real character; any bad or unclosed
 * entity anywhere leaves the whole text undecoded. No-break spaces become plain spaces.
 */
export function decodeEntitiesAllOrNothing(text: string): string {
	if (!text.includes('&')) return text;
	let out = '';
	let i = 0;
	while (i < text.length) {
		const amp = text.indexOf('&', i);
		if (amp < 0) {
			out += text.slice(i);
			break;
		}
		out += text.slice(i, amp);
		const semi = text.indexOf(';', amp + 1);
		if (semi < 0) return text;
		const body = text.slice(amp + 1, semi);
		let char: string | undefined;
		if (body.startsWith('#x')) char = /^[0-9a-fA-F]+$/.test(body.slice(2)) ? codePoint(Number.parseInt(body.slice(2), 16)) : undefined;
		else if (body.startsWith('#')) char = /^[0-9]+$/.test(body.slice(1)) ? codePoint(Number.parseInt(body.slice(1), 10)) : undefined;
		else char = body === 'apos' ? undefined : namedEntity(body);
		if (char === undefined) return text;
		out += char;
		i = semi + 1;
	}
	return out.replace(/\u00a0/g, ' ');
}

/** A Rust `char` from a u32: no surrogates, nothing past U+10FFFF, no overflow. */
function codePoint(value: number): string | undefined {
	if (!Number.isSafeInteger(value) || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
	return String.fromCodePoint(value);
}
