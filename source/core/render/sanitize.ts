// Card content is other people's data: it must never drive the terminal. The rule itself is
// core/text/terminal-safe.ts (the one the output boundary applies); the renderer applies it early
// too, so its own style markers (private-use U+E000-U+E00F) cannot be forged by a field.
import {terminalSafe} from '../text/terminal-safe.js';

const MARKERS = /[\ue000-\ue00f]/g;
// A control written as a numeric entity (`&#27;`, `&#x1b;`, `&#155;`) is made the control itself
// first, so the sequence it starts goes whole, as a raw one does, instead of leaving `]0;title`.
const CONTROL_ENTITY = /&#(?:0*(\d{1,7})|[xX]0*([0-9a-fA-F]{1,6}));?/g;
const isControl = (code: number) => (code < 0x20 && code !== 9 && code !== 10) || (code >= 0x7f && code <= 0x9f);

function controlEntitiesAsControls(text: string): string {
	if (!text.includes('&#')) return text;
	return text.replace(CONTROL_ENTITY, (entity, decimal: string | undefined, hex: string | undefined) => {
		const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
		return isControl(code) ? String.fromCharCode(code) : entity;
	});
}
const ANY_MARKER = /[\ue000-\ue00f]/;

/** Removes every control character and escape sequence (raw or entity-written), and the render markers; keeps tab and newline. */
export function stripControlSequences(text: string): string {
	const safe = terminalSafe(controlEntitiesAsControls(text));
	return ANY_MARKER.test(safe) ? safe.replace(MARKERS, '') : safe;
}

/** Like stripControlSequences but keeps the render markers (used on converted text). */
export function stripControlsKeepMarkers(text: string): string {
	return terminalSafe(text);
}
