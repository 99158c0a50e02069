// Card content must never drive the terminal: no control character or escape sequence survives.
import {describe, expect, it} from 'vitest';
import {stripControlSequences, toAnsi, toPlainText} from '../../source/core/render/index.js';
import {render} from './build.js';

const ESC = '\u001b';
const attacks: Record<string, string> = {
	'SGR colour': `${ESC}[31mred${ESC}[0m`,
	'OSC 8 hyperlink': `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`,
	'OSC 52 clipboard': `${ESC}]52;c;cm0gLXJmIH4=\u0007copied`,
	'C1 CSI (0x9b)': '\u009b2Jwiped',
	'C1 OSC (0x9d)': '\u009d0;title\u009cshown',
	BEL: 'ding\u0007',
	backspace: 'abc\b\b\bxyz',
	'carriage return': 'visible\rhidden',
	'cursor movement': `${ESC}[2A${ESC}[10Cup`,
	'DCS string': `${ESC}P1;2|secret${ESC}\\after`,
	'entity-encoded ESC': '&#27;[31mx&#x1b;]8;;u&#7;',
	'private-use style marker': '\ue000b\ue001fake\ue002',
};

// Anything in the C0/C1 ranges except newline and tab, and our private markers.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ue000-\ue00f]/;

describe('sanitizing field content', () => {
	for (const [name, payload] of Object.entries(attacks)) {
		it(`removes ${name}`, () => {
			const r = render('{{Front}} {{text:Front}}', '{{FrontSide}}<hr id=answer>{{Back}}', {Front: payload, Back: `<b>${payload}</b>`}, {tags: [payload], deckName: payload});
			for (const text of [toPlainText(r.question), toPlainText(r.answer)]) {
				expect(text).not.toMatch(UNSAFE);
				// Raw sequences vanish whole; an entity-encoded ESC is dropped, leaving inert text.
				if (!name.startsWith('entity')) {
					expect(text).not.toContain('8;;');
					expect(text).not.toContain('52;c');
				}
			}
			// Colour output holds only our own SGR sequences.
			const ansi = toAnsi(r.answer, {color: true});
			expect(ansi.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(UNSAFE);
		});
	}
	it('keeps the visible text around removed sequences', () => {
		expect(stripControlSequences(`${ESC}[31mred${ESC}[0m`)).toBe('red');
		expect(stripControlSequences(`${ESC}]8;;https://x${ESC}\\link${ESC}]8;;${ESC}\\`)).toBe('link');
		expect(stripControlSequences('a\u009b2Jb')).toBe('ab');
		expect(stripControlSequences('tab\tand\nnewline')).toBe('tab\tand\nnewline');
	});
	it('a sequence whose ESC is written as an entity goes whole, as a raw one does', () => {
		expect(stripControlSequences('a&#27;]0;title&#7;b &#x1B;[2J&#155;1mc &#65; &amp;#27;')).toBe('ab c &#65; &amp;#27;');
	});
	it('an unterminated OSC swallows the rest of the string rather than leaking it', () => {
		expect(stripControlSequences(`ok${ESC}]52;c;payload`)).toBe('ok');
	});
	it('sanitizes templates too', () => {
		const r = render(`${ESC}[5m{{Front}}`, '', {Front: 'x'});
		expect(r.q).toBe('x');
	});
});

describe('colour output', () => {
	it('writes no escape at all when colour is off', () => {
		const r = render('<b>{{Front}}</b> <font color=red>r</font>', '', {Front: 'x'});
		expect(toAnsi(r.question, {color: false})).toBe('x r');
		expect(toAnsi(r.question, {color: true})).toBe('\u001b[1mx\u001b[0m \u001b[38;2;255;0;0mr\u001b[0m');
	});
});
