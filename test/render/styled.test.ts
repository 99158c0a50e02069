// Styled text helpers: plain text for JSON, ANSI for humans, NO_COLOR / --no-color.
import {describe, expect, it} from 'vitest';
import {colorEnabled, toAnsi, toPlainText, type StyledText} from '../../source/core/render/index.js';

const sample: StyledText = [[{text: 'a', style: {bold: true}}, {text: 'b', style: {color: 'cloze'}}], [], [{text: 'c', style: {color: '#112233', underline: true}}]];

describe('styled text', () => {
	it('plain text joins spans and lines', () => {
		expect(toPlainText(sample)).toBe('ab\n\nc');
	});
	it('ANSI uses SGR codes for styles, tokens and hex colours', () => {
		expect(toAnsi(sample, {color: true})).toBe('\u001b[1ma\u001b[0m\u001b[34mb\u001b[0m\n\n\u001b[4;38;2;17;34;51mc\u001b[0m');
		expect(toAnsi(sample, {color: false})).toBe('ab\n\nc');
	});
	it('every colour token has an ANSI rendering', async () => {
		const {RENDER_TOKENS} = await import('../../source/core/render/index.js');
		for (const token of RENDER_TOKENS) expect(toAnsi([[{text: 'x', style: {color: token}}]], {color: true}), token).toMatch(/^\u001b\[[0-9;]+mx\u001b\[0m$/);
	});
	it('NO_COLOR (non-empty) and --no-color turn colour off', () => {
		expect(colorEnabled({env: {}})).toBe(true);
		expect(colorEnabled({env: {NO_COLOR: '1'}})).toBe(false);
		expect(colorEnabled({env: {NO_COLOR: ''}})).toBe(true);
		expect(colorEnabled({env: {}, noColorFlag: true})).toBe(false);
		expect(colorEnabled({env: {}, isTTY: false})).toBe(false);
	});
});
