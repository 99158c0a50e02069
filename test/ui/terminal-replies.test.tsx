// Terminal replies that arrive after the graphics probe stopped listening never reach a screen as
// keys: the one stdin router drops each kind, whole or split across reads, and keys around it still
// arrive (Escape, arrows, Ctrl+digit in kitty CSI u and modifyOtherKeys).
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {render} from 'ink-testing-library';
import {Text} from 'ink';
import {KeyRouter, useRawKeys} from '../../source/ui/hooks/key-router.js';
import {keyEventToSpec} from '../../source/ui/keys.js';
import {tick} from './helpers.js';

const ESC = '\u001B';
const ST = `${ESC}\\`;

/** A screen that records every key it gets as its binding spec ("a", "escape", "ctrl+1"). */
function Recorder({got}: {got: string[]}): React.JSX.Element {
	useRawKeys((input, key) => {
		got.push(keyEventToSpec(input, key) ?? `?${JSON.stringify(input)}`);
	});
	return <Text>ready</Text>;
}

let unmount: (() => void) | undefined;
afterEach(() => {
	unmount?.();
	unmount = undefined;
});

/** Writes each chunk as its own read, with a pause after each (40 ms unless a number says otherwise). */
async function keysFrom(...chunks: Array<string | number>): Promise<string[]> {
	const got: string[] = [];
	const app = render(<KeyRouter><Recorder got={got} /></KeyRouter>);
	unmount = app.unmount;
	await tick();
	for (const [index, chunk] of chunks.entries()) {
		if (typeof chunk === 'number') continue;
		app.stdin.write(chunk);
		const pause = chunks[index + 1];
		await tick(typeof pause === 'number' ? pause : 40);
	}
	await tick();
	return got;
}

const replies: Record<string, string> = {
	'XTVERSION (tmux, DCS ... ST)': `${ESC}P>|tmux 3.3a${ST}`,
	'XTGETTCAP (DCS)': `${ESC}P1+r544e=787465726d${ST}`,
	'kitty graphics query (APC)': `${ESC}_Gi=31;OK${ST}`,
	'OSC colour reply ending in BEL': `${ESC}]11;rgb:0000/0000/0000\u0007`,
	'OSC colour reply ending in ST': `${ESC}]10;rgb:ffff/ffff/ffff${ST}`,
	DA1: `${ESC}[?62;22;4c`,
	DA2: `${ESC}[>41;354;0c`,
	'cursor position (DSR)': `${ESC}[12;40R`,
	'DECRPM (synchronized output)': `${ESC}[?2026;2$y`,
	'window size in pixels': `${ESC}[4;768;1024t`,
	'cell size': `${ESC}[6;16;8t`,
	'text area in cells': `${ESC}[8;24;80t`,
	'kitty keyboard flags': `${ESC}[?1u`,
};

describe('the key router drops late terminal replies', () => {
	for (const [name, reply] of Object.entries(replies)) {
		it(`${name}: whole, with keys before and after in the same read`, async () => {
			expect(await keysFrom(`x${reply}y`)).toEqual(['x', 'y']);
		});
		it(`${name}: whole, as its own read between keys`, async () => {
			expect(await keysFrom('x', reply, 'y')).toEqual(['x', 'y']);
		});
		it(`${name}: split right after its ESC (the rest a few ms later)`, async () => {
			expect(await keysFrom('x', ESC, 5, reply.slice(1), 'y')).toEqual(['x', 'y']);
		});
		it(`${name}: split in the middle`, async () => {
			const cut = Math.ceil(reply.length / 2);
			expect(await keysFrom('x', reply.slice(0, cut), reply.slice(cut), 'y')).toEqual(['x', 'y']);
		});
		it(`${name}: split one byte before its end`, async () => {
			expect(await keysFrom('x', reply.slice(0, -1), reply.slice(-1), 'y')).toEqual(['x', 'y']);
		});
	}

	it('several replies in one read (the whole probe answered late) and a key after', async () => {
		expect(await keysFrom(`${replies['kitty graphics query (APC)']}${replies['XTVERSION (tmux, DCS ... ST)']}${replies.DA1}a`)).toEqual(['a']);
	});
});

describe('keys still work through the router', () => {
	it('a lone Escape is Escape, also right before another key', async () => {
		expect(await keysFrom(ESC)).toEqual(['escape']);
		unmount?.();
		expect(await keysFrom(ESC, 5, 'q')).toEqual(['escape', 'q']);
		unmount?.();
		expect(await keysFrom(ESC, 5, `${ESC}[A`, ESC)).toEqual(['escape', 'up', 'escape']);
	});

	it('arrows, page keys and Ctrl+digit in kitty CSI u and modifyOtherKeys', async () => {
		expect(await keysFrom(`${ESC}[A`, `${ESC}[B`, `${ESC}[6~`, `${ESC}[49;5u`, `${ESC}[27;5;50~`, `${ESC}[1;5A`)).toEqual([
			'up',
			'down',
			'pagedown',
			'ctrl+1',
			'ctrl+2',
			'ctrl+up',
		]);
	});

	it('a reply whose end never comes stops swallowing keys soon after', async () => {
		expect(await keysFrom(`${ESC}P>|tmux`, 300, 'a')).toEqual(['a']);
	});
});
