// The one sanitizer every string reaching the terminal passes (core/text/terminal-safe.ts).
import {describe, expect, it} from 'vitest';
import {isTerminalSafe, terminalSafe, terminalSafeLine} from '../../source/core/text/terminal-safe.js';
import {HOSTILE, UNSAFE_BYTES} from './hostile.js';

const ESC = '\u001b';

describe('terminalSafe', () => {
	for (const [name, payload] of Object.entries(HOSTILE)) {
		it(`leaves no control from ${name}`, () => {
			const safe = terminalSafe(`a${payload}b`);
			expect(safe).not.toMatch(UNSAFE_BYTES);
			expect(safe.startsWith('a')).toBe(true);
			expect(isTerminalSafe(safe)).toBe(true);
			expect(terminalSafe(safe)).toBe(safe);
		});
	}

	it('removes whole sequences and keeps the text around them', () => {
		expect(terminalSafe(`Deck${ESC}]0;pwned${'\u0007'} name`)).toBe('Deck name');
		expect(terminalSafe(`x${ESC}]52;c;cm0gLXJm${ESC}\\y`)).toBe('xy');
		expect(terminalSafe(`${ESC}[2J${ESC}[Hclear`)).toBe('clear');
		expect(terminalSafe(`a\u009b31mb\u009d0;t\u009cc`)).toBe('abc');
		expect(terminalSafe(`${ESC}P1$qm${ESC}\\dcs ${ESC}_Ga=d${ESC}\\apc ${ESC}^pm${ESC}\\ ${ESC}Xsos${ESC}\\.`)).toBe('dcs apc  .');
		expect(terminalSafe(`${ESC}cfull reset`)).toBe('full reset');
		expect(terminalSafe('a\rb\bc\u0007d\u007fe\u0085f')).toBe('abcdef');
	});

	it('an unterminated string sequence ends at the line break, so the next line still shows', () => {
		expect(terminalSafe(`ok${ESC}]52;c;payload`)).toBe('ok');
		expect(terminalSafe(`one${ESC}]0;title\ntwo`)).toBe('one\ntwo');
	});

	it('keeps tab and newline; the one-line form makes them spaces', () => {
		expect(terminalSafe('a\tb\nc')).toBe('a\tb\nc');
		expect(terminalSafe('a\r\nb')).toBe('a\nb');
		expect(terminalSafeLine('a\tb\nc\r\nd')).toBe('a b c d');
	});

	it('keeps only the SGR kinds anki-tui styles with, and only when asked', () => {
		const ours = `${ESC}[1mbold${ESC}[22m ${ESC}[34mblue${ESC}[39m ${ESC}[38;2;255;0;0mred${ESC}[0m ${ESC}[2m${ESC}[3mdim${ESC}[23m${ESC}[22m`;
		expect(terminalSafe(ours, {sgr: true})).toBe(ours);
		expect(terminalSafe(ours)).toBe('bold blue red dim');
		// Conceal, blink and anything not SGR go even then.
		expect(terminalSafe(`${ESC}[8mhidden${ESC}[5mblink${ESC}[2Jx${ESC}]0;t\u0007`, {sgr: true})).toBe('hiddenblinkx');
		// An 8-bit CSI is never kept, even as SGR.
		expect(terminalSafe('\u009b1mx', {sgr: true})).toBe('x');
	});

	it('cannot be made to build a sequence out of pieces', () => {
		for (const text of [`${ESC}${ESC}]0;x\u0007[31m`, `\u0000${ESC}[`, `${ESC}\u0007[2J`, `\u009b${ESC}[1m`]) {
			const safe = terminalSafe(text, {sgr: true});
			expect(safe.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(UNSAFE_BYTES);
			expect(terminalSafe(text)).not.toMatch(UNSAFE_BYTES);
		}
	});

	it('returns text without controls unchanged (the same string)', () => {
		const text = 'Français 日本語 ✓ &#27;[31m';
		expect(terminalSafe(text)).toBe(text);
	});
});
