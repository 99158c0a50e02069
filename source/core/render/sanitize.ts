// Card content is other people's data: it must never drive the terminal. The rule itself is
// core/text/terminal-safe.ts (the one the output boundary applies); the renderer applies it early
// too, so its own style markers (private-use U+E000-U+E00F) cannot be forged by a field.
import {terminalSafe} from '../text/terminal-safe.js';

const MARKERS = /[\ue000-\ue00f]/g;
const ANY_MARKER = /[\ue000-\ue00f]/;

/** Removes every control character and escape sequence, and the render markers; keeps tab and newline. */
export function stripControlSequences(text: string): string {
	const safe = terminalSafe(text);
	return ANY_MARKER.test(safe) ? safe.replace(MARKERS, '') : safe;
}

/** Like stripControlSequences but keeps the render markers (used on converted text). */
export function stripControlsKeepMarkers(text: string): string {
	return terminalSafe(text);
}
