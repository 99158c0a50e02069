// Golden checks of every image output's escape sequences: kitty chunking and keys, placeholder
// cells, tmux passthrough wrapping, iTerm2 inline images, sixel bands, half-block text.
import {describe, expect, it} from 'vitest';
import {
	itermImage,
	kittyDelete,
	kittyPlace,
	kittyTransmit,
	maxPlaceholderCells,
	placeholderDiacritics,
	placeholderRow,
	tmuxPassthrough,
} from '../../../source/ui/graphics/graphics-sequences.js';
import {sixelImage} from '../../../source/ui/graphics/sixel.js';
import {halfBlockRows, to16, to256} from '../../../source/ui/graphics/text-image.js';

const ESC = '\u001B';
const bytes = (n: number) => Buffer.from(Array.from({length: n}, (_, i) => (i * 7 + 3) & 0xff));

describe('kitty graphics', () => {
	it('sends base64 in chunks of at most 4096 bytes, each a multiple of 4; only the first carries the keys; m=1 until the last', () => {
		const data = bytes(10_000); // 13336 base64 bytes: 4096 + 4096 + 4096 + 1048
		const chunks = kittyTransmit(data, {id: 7, cols: 30, rows: 10, placeholder: false});
		expect(chunks).toHaveLength(4);
		const parsed = chunks.map((c) => /^\u001B_G([^;]*);([A-Za-z0-9+/=]*)\u001B\\$/.exec(c)!);
		expect(parsed.map((m) => m[1])).toEqual(['a=T,f=100,t=d,i=7,p=1,c=30,r=10,C=1,q=2,m=1', 'q=2,m=1', 'q=2,m=1', 'q=2,m=0']);
		expect(parsed.map((m) => m[2]!.length)).toEqual([4096, 4096, 4096, 1048]);
		expect(parsed.every((m) => m[2]!.length % 4 === 0)).toBe(true);
		expect(Buffer.from(parsed.map((m) => m[2]).join(''), 'base64').equals(data)).toBe(true);
	});

	it('a small image is one escape code; a virtual placement for placeholders says U=1', () => {
		expect(kittyTransmit(bytes(3), {id: 9, cols: 2, rows: 1, placeholder: true})).toEqual([`${ESC}_Ga=T,f=100,t=d,i=9,U=1,c=2,r=1,q=2,m=0;AwoR${ESC}\\`]);
	});

	it('places again by id, and deletes one image with its data', () => {
		expect(kittyPlace({id: 5, cols: 3, rows: 2})).toBe(`${ESC}_Ga=p,i=5,p=1,c=3,r=2,C=1,q=2${ESC}\\`);
		expect(kittyDelete(5)).toBe(`${ESC}_Ga=d,d=I,i=5,q=2${ESC}\\`);
	});

	it('placeholder rows: the 297 row/column marks in kitty order, the id as colour and third mark', () => {
		expect(maxPlaceholderCells).toBe(297);
		expect(placeholderDiacritics.slice(0, 4)).toEqual(['\u0305', '\u030D', '\u030E', '\u0310']);
		expect(placeholderDiacritics.at(-1)).toBe('\u{1D244}');
		const id = (3 << 24) | 42;
		expect(placeholderRow(id, 2, 3)).toBe(`${ESC}[38;5;42m\u{10EEEE}\u030E\u0305\u0310\u{10EEEE}\u{10EEEE}${ESC}[39m`);
		// Without a high byte, no third mark.
		expect(placeholderRow(42, 0, 1)).toBe(`${ESC}[38;5;42m\u{10EEEE}\u0305\u0305${ESC}[39m`);
	});
});

describe('tmux passthrough', () => {
	it('wraps a sequence with every ESC doubled', () => {
		expect(tmuxPassthrough(`${ESC}_Ga=d${ESC}\\`)).toBe(`${ESC}Ptmux;${ESC}${ESC}_Ga=d${ESC}${ESC}\\${ESC}\\`);
	});
});

describe('iTerm2 inline images', () => {
	it('sends the file itself with its size in bytes and cells', () => {
		expect(itermImage(Buffer.from('abc'), 4, 2)).toBe(`${ESC}]1337;File=inline=1;size=3;width=4;height=2;preserveAspectRatio=1:YWJj\u0007`);
	});
});

describe('sixel', () => {
	it('one colour register per palette entry, run-length bands of six rows, no band after the last', () => {
		// 8x7: left half colour 0, right half colour 1; the 7th row is a second band.
		const indices = new Uint8Array(8 * 7).map((_, i) => (i % 8 < 4 ? 0 : 1));
		const sixel = sixelImage({width: 8, height: 7, indices, palette: [[255, 0, 0], [0, 0, 255]]});
		expect(sixel).toBe(`${ESC}P0;1;0q"1;1;8;7#0;2;100;0;0#1;2;0;0;100` + '#0!4~$#1!4?!4~-' + '#0!4@$#1!4?!4@' + `${ESC}\\`);
	});
});

describe('half-block text', () => {
	it('upper pixel as foreground, lower as background, codes only on change, a space where both match', () => {
		const rgb = Buffer.from([255, 0, 0, 255, 0, 0, 0, 0, 255, 255, 0, 0]); // 2x2: top red red, bottom blue red
		expect(halfBlockRows({width: 2, height: 2, rgb}, 'truecolor')).toEqual([`${ESC}[38;2;255;0;0;48;2;0;0;255m▀${ESC}[48;2;255;0;0m ${ESC}[0m`]);
		// An odd last row repeats itself as the lower half.
		expect(halfBlockRows({width: 1, height: 1, rgb: Buffer.from([0, 255, 0])}, '256')).toEqual([`${ESC}[48;5;46m ${ESC}[0m`]);
	});

	it('maps colours to the 240 stable xterm colours, or the 16 ANSI ones', () => {
		expect(to256(255, 0, 0)).toBe(196);
		expect(to256(128, 128, 128)).toBe(244);
		expect(to256(0, 0, 0)).toBe(16);
		expect(to16(250, 10, 10)).toBe(9);
		expect(to16(10, 10, 10)).toBe(0);
		const rows = halfBlockRows({width: 1, height: 2, rgb: Buffer.from([250, 10, 10, 10, 10, 230])}, '16');
		expect(rows).toEqual([`${ESC}[91;44m▀${ESC}[0m`]);
	});
});
