// A read-only, one-shot command ends with process.exit as soon as its output is all written. Left
// to end on its own, Node first tears down the whole JavaScript heap, which nobody waits for: 8-10
// ms after a small search, about 30 ms after a search of 100k cards. Output still queued in a stream
// (a pipe on macOS, a terminal on Windows: both asynchronous) is never cut: then Node drains it and
// ends on its own, as before.

/** Commands that only read and print, and leave nothing running when they return. */
const ONE_SHOT = new Set(['decks', 'search', 'show', 'stats']);

export interface QueuedOutput {
	/** Bytes handed to the stream and not yet written (Writable.writableLength). */
	readonly writableLength: number;
}

/**
 * Whether `command` may end now with `exit(code)`: a one-shot command whose streams (those Node
 * has made so far) hold nothing unwritten.
 */
export function mayExitNow(command: string | undefined, streams: Iterable<QueuedOutput>): boolean {
	if (command === undefined || !ONE_SHOT.has(command)) return false;
	for (const stream of streams) if (stream.writableLength > 0) return false;
	return true;
}
