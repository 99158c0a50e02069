// The guard on Ink's output stream (ui/ink-output-guard.ts): what reaches Ink without the safe Text
// still loses every string sequence and stray control, while Ink's own cursor control and colours
// pass untouched.
import React from 'react';
import {render, Text as InkText} from 'ink';
import {describe, expect, it} from 'vitest';
import {guardInkFrame, guardInkOutput} from '../../source/ui/ink-output-guard.js';
import {TtyOut, tick} from '../ui/helpers.js';
import {ALL_HOSTILE} from './hostile.js';
import {PAYLOAD_WORDS} from './hostile-collection.js';

describe('the guard on Ink output', () => {
	it("keeps Ink's own frame: text, SGR, cursor moves, synchronized output, line erase", () => {
		const frame = '\u001b[?2026h\u001b[2K\u001b[1A\u001b[G\u001b[1mDecks\u001b[22m\n\u001b[38;2;1;2;3m›\u001b[39m a\tb\r\n\u001b[?25l\u001b[?2026l';
		expect(guardInkFrame(frame)).toBe(frame);
	});

	it('removes OSC, DCS, APC, PM and SOS strings and C0/C1 controls', () => {
		const guarded = guardInkFrame(`a${ALL_HOSTILE}b`);
		expect(guarded).not.toMatch(/\u001b[\]PX^_]|[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f]/);
		expect(guarded).not.toContain('PWNED-TITLE');
	});

	it("catches hostile text drawn with ink's own Text, bypassing the safe one", async () => {
		const out = new TtyOut();
		const app = render(<InkText>deck{ALL_HOSTILE}</InkText>, {stdout: guardInkOutput(out as unknown as NodeJS.WriteStream), debug: true, patchConsole: false});
		await tick();
		app.unmount();
		expect(out.text).toContain('deck');
		expect(out.text).not.toMatch(/\u001b[\]PX^_]|[\u0080-\u009f\u0007]/);
		for (const word of PAYLOAD_WORDS.slice(0, 2)) expect(out.text).not.toContain(word);
	});
});
