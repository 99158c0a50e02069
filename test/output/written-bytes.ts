// What a test checks in the bytes written to a terminal: escape sequences and controls that are
// not the theme's own styling.

/** SGR sequences (the only escape sequences the theme writes), and Ink's cursor hide and show. */
const OURS = /\u001b\[[0-9;]*m|\u001b\[\?25[hl]/g;

/** Every escape sequence or control in `written` other than SGR, newline and tab, shown escaped. */
export function foreignBytes(written: string): string[] {
	const rest = written.replace(OURS, '');
	return [...rest.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f][^\u0000-\u001f]{0,12}/g)].map((m) => JSON.stringify(m[0]));
}
