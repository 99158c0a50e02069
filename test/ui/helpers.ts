// Helpers for screen tests. ink wants a short pause between writes (stack.md: ~20 ms).
import {EventEmitter} from 'node:events';
import type React from 'react';
import {render as inkRender} from 'ink';
import stringWidth from 'string-width';

export const tick = (ms = 40) => new Promise((resolve) => setTimeout(resolve, ms));

export const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	backspace: '\u007F',
	ctrlZ: '\u001A',
};

/** Sends keys one at a time with a pause after each. */
export async function press(stdin: {write(data: string): void}, ...sequence: string[]): Promise<void> {
	for (const key of sequence) {
		stdin.write(key);
		await tick();
	}
}

/** Waits until `done()` holds (keys are handled as fast as the machine allows, not within a fixed pause). */
export async function until(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!done()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await tick(10);
	}
}

/** Waits until `frame()` shows `text`; returns the frame's text. */
export async function frameShows(frame: () => string | undefined, text: string | RegExp, timeoutMs = 5000): Promise<string> {
	const matches = () => {
		const shown = plain(frame());
		return typeof text === 'string' ? shown.includes(text) : text.test(shown);
	};
	try {
		await until(matches, String(text), timeoutMs);
	} catch {
		throw new Error(`the frame never showed ${String(text)}; it was:\n${plain(frame())}`);
	}
	return plain(frame());
}

/** Frame text without ANSI escapes. */
export function plain(frame: string | undefined): string {
	return (frame ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
}

/** Lines of a frame wider than `columns` terminal cells (wide characters count two). */
export function overwide(frame: string | undefined, columns: number): string[] {
	return plain(frame)
		.split('\n')
		.filter((line) => stringWidth(line) > columns);
}

/** A terminal-like stdout that records everything written to it, and each frame (ink's debug mode writes whole frames). */
export class TtyOut extends EventEmitter {
	isTTY = true;
	columns = 80;
	rows = 24;
	text = '';
	frames: string[] = [];
	write = (data: string) => {
		this.text += data;
		this.frames.push(data);
		return true;
	};
}

export class FakeStdin extends EventEmitter {
	isTTY = true;
	data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};
	read = () => {
		const data = this.data;
		this.data = null;
		return data;
	};
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

/**
 * Renders a whole app as the review command does (ink's own render), so a test can see it quit:
 * `exited()` turns true when the app leaves.
 */
export function runApp(tree: React.ReactElement, size = {columns: 80, rows: 24}) {
	const stdout = Object.assign(new TtyOut(), size);
	const stdin = new FakeStdin();
	const instance = inkRender(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	let exited = false;
	void instance.waitUntilExit().then(() => {
		exited = true;
	});
	return {
		stdin,
		lastFrame: () => stdout.frames.at(-1) ?? '',
		/** Every byte written to the terminal so far. */
		written: () => stdout.text,
		exited: () => exited,
		unmount: () => instance.unmount(),
	};
}
