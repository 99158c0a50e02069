// Asks the terminal what it can draw, before Ink reads the keyboard: environment variables do not
// survive SSH (only TERM does), but escape-sequence replies do. One write, hidden (SGR 8, then the
// line erased) in case a terminal prints what it does not understand:
//   kitty graphics query (a=q, id 31), XTVERSION, cell size in pixels (CSI 16t), iTerm2's
//   ReportCellSize, DA1 (attribute 4 = sixel), and DSR last: every terminal answers DSR, so its reply
//   ends the wait; a broken setup costs the timeout once, never a hang.
// Bytes that are not replies (keys typed meanwhile) are handed back to stdin for Ink.

const ESC = '\u001B';

const kittyQuery = `${ESC}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA${ESC}\\`;

export const probeQuery =
	`${ESC}[8m` +
	kittyQuery +
	`${ESC}[>q` +
	`${ESC}[16t` +
	`${ESC}]1337;ReportCellSize${ESC}\\` +
	`${ESC}[c` +
	`${ESC}[5n` +
	`${ESC}[0m${ESC}[2K\r`;

/**
 * The probe without the kitty query, for tmux and GNU screen: they take an APC string as the
 * window title (screen's title sequence; tmux 3.3 retitled the pane to `Gi=31,...`), and neither
 * answers it.
 */
export const probeQueryWithoutApc = probeQuery.replace(kittyQuery, '');

export interface ProbeReplies {
	/** The terminal answered the kitty graphics query (OK or an error: either way it speaks the protocol). */
	kitty: boolean;
	/** DA1 attributes (`CSI ? 62 ; 4 ; 22 c` -> [62, 4, 22]); 4 = sixel. */
	da1: number[] | null;
	/** XTVERSION's answer, e.g. `kitty(0.39.1)`, `WezTerm 20240203`, `tmux 3.3a`. */
	version: string | null;
	/** Cell size in pixels (CSI 16t, or iTerm2's ReportCellSize). */
	cell: {width: number; height: number} | null;
	/** The final DSR answer arrived: everything the terminal would say has been said. */
	complete: boolean;
}

// Each reply form; anything else between them is input that belongs to the app.
const REPLY = new RegExp(
	[
		`${ESC}_G([^${ESC}]*)${ESC}\\\\`, // kitty graphics reply
		`${ESC}\\[\\?([\\d;]*)c`, // DA1
		`${ESC}P>\\|([^${ESC}]*)${ESC}\\\\`, // XTVERSION
		`${ESC}\\[6;(\\d+);(\\d+)t`, // CSI 16t: cell height; width
		`${ESC}\\]1337;ReportCellSize=([\\d.]+);([\\d.]+)(?:;([\\d.]+))?(?:\\u0007|${ESC}\\\\)`, // iTerm2: height; width; scale
		`${ESC}\\[0n`, // DSR: ready
		`${ESC}\\[\\d+;\\d+;\\d+t`, // other window reports (CSI 4/8 …t), ignored
	].join('|'),
	'g',
);

/** Picks the replies out of what arrived; `rest` is everything else, in order. */
export function parseProbeReplies(input: string): {replies: ProbeReplies; rest: string} {
	const replies: ProbeReplies = {kitty: false, da1: null, version: null, cell: null, complete: false};
	let rest = '';
	let at = 0;
	for (const m of input.matchAll(REPLY)) {
		rest += input.slice(at, m.index);
		at = m.index + m[0].length;
		if (m[1] !== undefined) replies.kitty ||= /\bi=31\b/.test(m[1]);
		else if (m[2] !== undefined) replies.da1 = m[2].split(';').filter(Boolean).map(Number);
		else if (m[3] !== undefined) replies.version = m[3];
		else if (m[4] !== undefined) replies.cell = sane(Number(m[5]), Number(m[4])) ?? replies.cell;
		else if (m[6] !== undefined) {
			const scale = m[8] ? Number(m[8]) : 1;
			replies.cell = sane(Number(m[7]) * scale, Number(m[6]) * scale) ?? replies.cell;
		} else if (m[0] === `${ESC}[0n`) replies.complete = true;
	}
	rest += input.slice(at);
	return {replies, rest};
}

function sane(width: number, height: number): {width: number; height: number} | null {
	// Some terminals answer 0 or nonsense (timg#162 saw a 2x6 px cell).
	return width >= 4 && width <= 64 && height >= 8 && height <= 128 ? {width: Math.round(width), height: Math.round(height)} : null;
}

/**
 * Sends the query and collects replies until DSR's answer or the timeout. Needs a TTY on both
 * ends in raw mode (the caller's); returns null when there is none.
 */
export async function probeTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream, timeoutMs: number, options: {apc?: boolean} = {}): Promise<ProbeReplies | null> {
	if (!stdin.isTTY || !stdout.isTTY) return null;
	let received = '';
	return new Promise<ProbeReplies>((resolve) => {
		const finish = () => {
			clearTimeout(timer);
			stdin.off('data', onData);
			stdin.pause();
			const {replies, rest} = parseProbeReplies(received);
			if (rest) stdin.unshift(Buffer.from(rest, 'utf8'));
			resolve(replies);
		};
		const onData = (chunk: Buffer | string) => {
			received += chunk.toString();
			if (received.includes(`${ESC}[0n`)) finish();
		};
		const timer = setTimeout(finish, timeoutMs);
		stdin.on('data', onData);
		stdout.write(options.apc === false ? probeQueryWithoutApc : probeQuery);
	});
}
