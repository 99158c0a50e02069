// Helpers for ink-testing-library: ink wants a short pause between writes (stack.md: ~20 ms).
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

/** Frame text without ANSI escapes. */
export function plain(frame: string | undefined): string {
	return (frame ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
}
