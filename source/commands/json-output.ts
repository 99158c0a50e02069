// JSON on stdout for --json: pretty-printed, one document, newline-terminated. The data stays as it
// is: JSON escapes C0 controls itself, and DEL and C1 controls (which JSON.stringify leaves raw, and a
// terminal may obey) are written as \u escapes too (core/text/json-text.ts), so JSON on a terminal is
// safe and parses the same. Every writer here, and search's rows, follow that one rule.
import {writeSync} from 'node:fs';
import {jsonText} from '../core/text/json-text.js';
import {stdoutIsFilePipeOrSocket} from './terminal-output.js';

/**
 * Writes JSON to stdout: into a file, a pipe or a socket straight to fd 1 with writeSync
 * (stdoutIsFilePipeOrSocket); a terminal, or anything else, gets process.stdout.
 */
function writeOut(chunk: string | Uint8Array): void {
	if (!stdoutIsFilePipeOrSocket()) {
		process.stdout.write(chunk);
		return;
	}
	const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
	let written = 0;
	while (written < bytes.length) {
		try {
			written += writeSync(1, bytes, written);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			// `anki-tui search --json ... | head` closes the pipe early: a normal way to stop (cli.tsx).
			if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
			// A pipe another program left non-blocking: wait for the reader.
			if (code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
			else throw error;
		}
	}
}

export function printJson(value: unknown): void {
	writeOut(`${jsonText(value, 2)}\n`);
}

/**
 * Writes `{"<key>": [items...]}` to stdout one item at a time, byte for byte as
 * `JSON.stringify({key: items}, null, 2)` would, in batches so output stays fast.
 */
export function jsonArrayWriter(key: string): {add(item: unknown): void; end(): void} {
	let pending: string[] = [];
	let count = 0;
	const flush = () => {
		if (pending.length) writeOut(pending.join(''));
		pending = [];
	};
	// The item stringified in its place in the document, so it comes out indented as it will stand
	// (no second pass over the text to indent it): `{"key": [item]}` less its first and last lines.
	const head = `{\n  ${JSON.stringify(key)}: [\n    `.length;
	const tail = '\n  ]\n}'.length;
	const wrapper = {[key]: [undefined as unknown]};
	return {
		add(item) {
			wrapper[key]![0] = item;
			const whole = jsonText(wrapper, 2);
			pending.push(`${count === 0 ? `{\n  ${JSON.stringify(key)}: [\n    ` : ',\n    '}${whole.slice(head, whole.length - tail)}`);
			if (++count % 256 === 0) flush();
		},
		end() {
			pending.push(count === 0 ? `{\n  ${JSON.stringify(key)}: []\n}\n` : '\n  ]\n}\n');
			flush();
		},
	};
}

/**
 * Writes `{"<key>": [items...]}` with one compact item per line: what a list of 100k search
 * results needs (a third of the bytes of the indented form, and far less time), still one JSON
 * document, and easy to grep or read line by line.
 */
export function jsonRowsWriter(key: string): {addLine(json: string): void; end(): void} {
	// Lines are encoded into a 1 MiB buffer, written when full: joining or concatenating all 100k
	// strings first costs more than the whole query.
	const size = 1 << 20;
	let buffer = Buffer.allocUnsafe(size);
	let used = 0;
	let count = 0;
	const flush = () => {
		if (used) writeOut(buffer.subarray(0, used));
		buffer = Buffer.allocUnsafe(size);
		used = 0;
	};
	const put = (text: string) => {
		// A UTF-16 unit takes at most 3 bytes of UTF-8.
		if (used + text.length * 3 > size) {
			flush();
			if (text.length * 3 > size) {
				writeOut(text);
				return;
			}
		}
		used += buffer.write(text, used);
	};
	// Lines are first joined into a string of about 64k characters: one encode per batch instead of
	// two per line (a third less time for 100k lines).
	let pending = '';
	return {
		/** An item already serialised as JSON.stringify would (no spaces, no newlines). */
		addLine(json) {
			pending += count++ === 0 ? `{${JSON.stringify(key)}: [\n${json}` : `,\n${json}`;
			if (pending.length >= 65_536) {
				put(pending);
				pending = '';
			}
		},
		end() {
			put(`${pending}${count === 0 ? `{${JSON.stringify(key)}: []}\n` : '\n]}\n'}`);
			pending = '';
			flush();
		},
	};
}
