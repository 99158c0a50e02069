// The one rule for text that reaches the terminal. Deck, notetype, field, tag and file names, card
// content and a sync server's replies are other people's data, and a terminal obeys escape
// sequences (retitle the window, write the clipboard with OSC 52, move the cursor, ...). Every
// string anki-tui shows passes through here at the output boundary (ui/safe-text.tsx for the
// screens, commands/terminal-output.ts for the command line), so a new screen or command is safe
// without knowing about it.
//
// What goes: every escape sequence, 7-bit (ESC-introduced) or 8-bit (C1), whole: CSI up to its
// final byte; OSC, DCS, SOS, PM and APC strings up to BEL or ST (or the end of the line, when
// unterminated, so the text after a broken sequence still shows); any other ESC with its
// intermediates and final byte. Then every remaining C0 control but tab and newline, DEL and every
// C1 control. Nothing takes their place: what was hidden instructions stays hidden, the text around
// it shows as it is. HTML entities (`&#27;`) are decoded only by the card renderer, which runs
// before this, so an entity-written ESC is caught here like a raw one; elsewhere `&#27;` is inert
// text.

// One pass, left to right: strings introduced by ESC or a C1 control, CSI, any other ESC, then a
// lone control (C0 but tab and newline, DEL, C1). Removing matches cannot join pieces into a new
// sequence, since only printable text is left between them.
const UNSAFE = new RegExp(
	[
		/\u001b[\]PX^_][^\n]*?(?:\u0007|\u001b\\|\u009c|(?=\n)|$)/.source,
		/[\u0090\u0098\u009d\u009e\u009f][^\n]*?(?:\u0007|\u001b\\|\u009c|(?=\n)|$)/.source,
		/(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/.source,
		/\u001b[\u0020-\u002f]*[\u0030-\u007e]?/.source,
		/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.source,
	].join('|'),
	'g',
);
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const LINE_BREAKS = /[\n\t]/g;

/**
 * The SGR parameters anki-tui's own styling uses (chalk's bold, dim, italic, underline, strike,
 * the 16 colours and their resets, and 256/true colour for card colours and image rows). With
 * `sgr: true` such sequences pass; any other SGR (conceal, blink, ...) and every other sequence
 * is removed.
 */
const ALLOWED_SGR = /^\u001b\[(?:(?:0|1|2|3|4|7|9|22|23|24|27|29|3[0-79]|4[0-79]|9[0-7]|10[0-7]|[34]8;5;\d{1,3}|[34]8;2;\d{1,3};\d{1,3};\d{1,3})(?:;|(?=m)))*m$/;

export interface TerminalSafeOptions {
	/** 'keep' (default): tab and newline stay, for text laid out over lines; 'space': each becomes a space, for one-line places (a table cell, a name, an error line). */
	lineBreaks?: 'keep' | 'space';
	/** Keep SGR sequences of the kinds anki-tui's own colours use (see ALLOWED_SGR). Only for text anki-tui styled itself, when colour is on. */
	sgr?: boolean;
}

/** `text` with every escape sequence and control character removed (see the file's comment). */
export function terminalSafe(text: string, options: TerminalSafeOptions = {}): string {
	const safe = ANY_CONTROL.test(text) ? text.replace(UNSAFE, (match) => (options.sgr && ALLOWED_SGR.test(match) ? match : '')) : text;
	return options.lineBreaks === 'space' ? safe.replace(LINE_BREAKS, ' ') : safe;
}

/** One line of terminal-safe text: no control at all, tabs and line breaks as spaces. */
export function terminalSafeLine(text: string): string {
	return terminalSafe(text, {lineBreaks: 'space'});
}

/** Whether `text` would reach the terminal unchanged (keeping tab and newline). */
export function isTerminalSafe(text: string): boolean {
	return !ANY_CONTROL.test(text);
}
