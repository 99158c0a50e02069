// The command line's output boundary: every human line a command writes to stdout or stderr, its
// progress line, its questions and cli.tsx's error line go through here, and so through core's
// terminal-safe rule (core/text/terminal-safe.ts). A deck, file or server reply can then hold any
// bytes: none of them drives the terminal. With colour on, the SGR kinds anki-tui styles with
// survive; nothing else does. JSON output (json-output.ts) keeps the data and escapes it instead.
// test/architecture/terminal-output.test.ts keeps every other command file from writing itself.
import {fstatSync} from 'node:fs';
import {terminalSafe, terminalSafeLine} from '../core/text/terminal-safe.js';

export interface TextWriter {
	(text: string): void;
}

/** Writes human text to `stream`; `color`: the text carries anki-tui's own colours, keep them. */
export function textWriter(stream: NodeJS.WritableStream, options: {color?: boolean} = {}): TextWriter {
	return (text) => {
		stream.write(terminalSafe(text, {sgr: options.color === true}));
	};
}

let stdoutKind: 'file, pipe or socket' | 'other' | undefined;

/**
 * fd 1 is a file, a pipe or a socket (a script's stdout; Node's child processes get a socket): what
 * may be written without process.stdout, whose making loads Node's stream code for that kind of file
 * (5-10 ms of a scripting command's start; see cli.tsx).
 */
export function stdoutIsFilePipeOrSocket(): boolean {
	if (stdoutKind === undefined) {
		try {
			const stat = fstatSync(1);
			stdoutKind = stat.isFile() || stat.isFIFO() || stat.isSocket() ? 'file, pipe or socket' : 'other';
		} catch {
			stdoutKind = 'other';
		}
	}
	return stdoutKind === 'file, pipe or socket';
}

/** process.stdout.isTTY, without making process.stdout when fd 1 is a file, a pipe or a socket. */
export function stdoutIsTerminal(): boolean {
	return !stdoutIsFilePipeOrSocket() && process.stdout.isTTY === true;
}

/** Human text on stdout (see textWriter). */
export function printOut(text: string, options: {color?: boolean} = {}): void {
	textWriter(process.stdout, options)(text);
}

/** Human text on stderr: notices, warnings. */
export function printErr(text: string): void {
	textWriter(process.stderr)(text);
}

/** One line for a table cell, a name in a sentence or an error: no control at all, no line break. */
export const safeLine = terminalSafeLine;

/**
 * A line redrawn in place on a terminal (progress): carriage return and erase-line are the only
 * control sequences here, and they are ours; the text itself is made one safe line.
 */
export function statusLine(stream: NodeJS.WriteStream): {show(text: string): void; clear(): void} {
	let shown = false;
	return {
		show(text) {
			stream.write(`\r\u001B[2K${safeLine(text)}`);
			shown = true;
		},
		clear() {
			if (shown) stream.write('\r\u001B[2K');
			shown = false;
		},
	};
}

/**
 * Asks one question on the terminal and resolves to the answer. The question is made safe; with
 * `hidden` (a password) nothing typed is echoed.
 */
export async function ask(input: NodeJS.ReadStream, output: NodeJS.WritableStream, question: string, options: {hidden?: boolean} = {}): Promise<string> {
	// Loaded only when a command asks, like readline below.
	const {Writable} = await import('node:stream');
	let muted = false;
	const echo = new Writable({
		write(chunk, _encoding, done) {
			if (!muted) output.write(chunk as Buffer);
			done();
		},
	});
	// Loaded only when a command asks: readline is not needed on the way to the first output.
	const {createInterface} = await import('node:readline/promises');
	const rl = createInterface({input, output: echo, terminal: true});
	try {
		const answer = rl.question(terminalSafe(question));
		muted = options.hidden === true;
		const text = await answer;
		if (options.hidden) output.write('\n');
		return text;
	} finally {
		rl.close();
	}
}
