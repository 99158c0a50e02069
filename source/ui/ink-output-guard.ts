// The second line of defence under ui/safe-text.tsx, on the stream Ink writes to. Ink's own output
// is text, SGR and CSI cursor control; its text filter drops any other CSI but keeps OSC (for
// hyperlinks). So anything that reached Ink without the safe Text (a string a component returned
// inside a Text, Ink's error overview quoting a message) could still carry OSC, DCS, APC, PM or SOS
// strings or C1 controls: here they go, whatever Ink writes. The image overlay writes its own
// sequences to the real stream, past this guard.

// String sequences (7-bit; the 8-bit introducers are C1 and go below), C1, and C0 controls other
// than tab, newline, carriage return and ESC (which starts Ink's own CSI).
const FOREIGN = /\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f]/g;
const ANY_FOREIGN = /\u001b[\]PX^_]|[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f]/;

/** A frame as Ink wrote it, without string sequences and stray controls. */
export function guardInkFrame(chunk: string): string {
	return ANY_FOREIGN.test(chunk) ? chunk.replace(FOREIGN, '') : chunk;
}

/** `stdout` for Ink: every string written passes guardInkFrame; everything else is the stream itself. */
export function guardInkOutput(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	const write = (chunk: unknown, ...rest: unknown[]): boolean =>
		(stdout.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? guardInkFrame(chunk) : chunk, ...rest);
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') return write;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
