// Hostile text for the output-boundary tests: what a stranger's shared deck or a sync server could
// put in a name, a field or a reply to drive the terminal.
const ESC = '\u001b';
const BEL = '\u0007';

export const OSC_TITLE = `${ESC}]0;PWNED-TITLE${BEL}`;
export const OSC_CLIPBOARD = `${ESC}]52;c;cm0gLXJmIH4=${BEL}`;

export const HOSTILE: Record<string, string> = {
	'OSC 0 title': OSC_TITLE,
	'OSC 52 clipboard': OSC_CLIPBOARD,
	'OSC 8 hyperlink with ST': `${ESC}]8;;https://evil.example${ESC}\\link${ESC}]8;;${ESC}\\`,
	'CSI clear screen': `${ESC}[2J${ESC}[H`,
	'SGR conceal': `${ESC}[8m`,
	'DCS': `${ESC}P1$qm${ESC}\\`,
	'APC (kitty graphics)': `${ESC}_Ga=d${ESC}\\`,
	'PM and SOS': `${ESC}^x${ESC}\\${ESC}Xy${ESC}\\`,
	'C1 CSI': '\u009b2J',
	'C1 OSC': '\u009d0;c1title\u009c',
	'lone ESC and BEL': `${ESC}c${BEL}`,
	'carriage return and backspace': 'over\r\b\b',
	'unterminated OSC': `${ESC}]52;c;dW5lbmRlZA==`,
};

/** One string holding every attack. */
export const ALL_HOSTILE = Object.values(HOSTILE).join('');

/** Bytes that must never reach the terminal from data: C0 but tab and newline, DEL, C1. */
export const UNSAFE_BYTES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
