// Card content is other people's data: it must never drive the terminal. Everything that could start
// an escape sequence (ESC, C1 controls) or move the cursor (BS, CR, ...) is removed, together with
// the private-use characters this module reserves for its own style markers.

// ESC-introduced strings (OSC, DCS, SOS, PM, APC) run until BEL or ST (ESC \ or 0x9c); CSI until its
// final byte; any other ESC takes its intermediates and one final byte.
const ESC_STRING = /\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
const C1_STRING = /[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g;
const ESC_OTHER = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
// C0 except tab and newline, DEL, C1, and the render markers (U+E000-U+E00F).
const LONE_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ue000-\ue00f]/g;
const ANY_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ue000-\ue00f]/;

/** Removes every control character and escape sequence; keeps tab and newline. */
export function stripControlSequences(text: string): string {
	if (!ANY_UNSAFE.test(text)) return text;
	return text
		.replace(ESC_STRING, '')
		.replace(C1_STRING, '')
		.replace(CSI, '')
		.replace(ESC_OTHER, '')
		.replace(LONE_CONTROLS, '');
}

const CONTROLS_ONLY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Like stripControlSequences but keeps the render markers (used on converted text). */
export function stripControlsKeepMarkers(text: string): string {
	if (!ANY_CONTROL.test(text)) return text;
	return text
		.replace(ESC_STRING, '')
		.replace(C1_STRING, '')
		.replace(CSI, '')
		.replace(ESC_OTHER, '')
		.replace(CONTROLS_ONLY, '');
}
