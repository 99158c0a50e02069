// Terminal replies are not keys. The graphics probe asks the terminal questions (DA1, XTVERSION,
// kitty's graphics query, cell size, DECRQM) and stops listening after a deadline; an answer that
// comes later lands on stdin like typing (tmux's "ESC P >|tmux 3.3a ESC \" ends in `a`, which opened
// the Add-note editor). This filter sees the events ink cuts stdin into and says which to drop.
//
// ink cuts a chunk at every ESC: a DCS/APC/OSC reply arrives as "ESC P", its body as text, then
// "ESC \"; a CSI reply arrives whole ("ESC [ ? 62 ; 22 c") unless a read split it, in which case ink
// flushes the unfinished part on its own. A lone ESC may be Escape or the start of a reply whose
// rest is still on the wire, so it is held for ESCAPE_HOLD_MS before it counts as Escape.

/** How long a lone ESC waits for the rest of a reply before it is the Escape key. */
export const ESCAPE_HOLD_MS = 25;
/** A reply whose parts stop coming for this long is over (its end was lost); keys count again. */
export const REPLY_STALE_MS = 250;

const ESC = '\u001B';
const BEL = '\u0007';
/** Introducers of string replies: DCS (P), APC (_), OSC (]), PM (^), SOS (X). */
const STRING_INTRODUCERS = new Set(['P', '_', ']', '^', 'X']);

// CSI sequences that only ever come from a terminal answering a query, never from a key.
const CSI_REPLIES: readonly RegExp[] = [
	/^\[\?[\d;]*c$/, // DA1: ESC [ ? 62 ; 22 c
	/^\[>[\d;]*c$/, // DA2: ESC [ > 41 ; 354 ; 0 c
	/^\[\??\d+;\d+(;\d+)?R$/, // cursor position (DSR 6 / DECXCPR). Also Shift/Ctrl+F3 in old xterm; F3 is bound to nothing.
	/^\[\??[\d;]*\$y$/, // DECRPM (ANSI and DEC modes): ESC [ ? 2026 ; 2 $ y
	/^\[\d+(;\d+)*t$/, // window reports: ESC [ 4 ; h ; w t, ESC [ 6 ; h ; w t (cell size), ESC [ 8 ; rows ; cols t
	/^\[\??[\d;]*n$/, // device status: ESC [ 0 n, ESC [ ? 997 ; 1 n (colour scheme)
	/^\[\?\d*u$/, // kitty keyboard flags: ESC [ ? 1 u (keys in CSI u never carry `?`)
];
/** An unfinished CSI ink flushed on its own: parameters and intermediates, no final byte yet. */
const PARTIAL_CSI = /^\[[\x20-\x3F]*$/;
const CSI_FINAL = /[\x40-\x7E]/;

export type ReplyVerdict =
	/** A key (or keys): deliver as ink parsed it. */
	| {kind: 'key'}
	/** Part of a reply: deliver nothing. */
	| {kind: 'drop'}
	/** A lone ESC held back: call `releaseEscape()` after ESCAPE_HOLD_MS unless another event comes first. */
	| {kind: 'hold'};

export interface ReplyFilterEvents {
	/** A held ESC turned out to be the Escape key; deliver it before the current event. */
	onEscape(): void;
	/** Text typed right after a reply in the same read; deliver it as plain keys. */
	onText(text: string): void;
}

type State =
	| {kind: 'idle'}
	| {kind: 'escape-held'}
	| {kind: 'string'; escapeSeen: boolean} // inside DCS/APC/OSC, until ST or BEL
	| {kind: 'csi'}; // inside a CSI reply a read split, until its final byte

export class TerminalReplyFilter {
	private state: State = {kind: 'idle'};
	private lastReplyAt = 0;

	constructor(
		private readonly events: ReplyFilterEvents,
		private readonly now: () => number = Date.now,
	) {}

	/** Sorts one event of ink's input (one key, a run of text, or one escape sequence). */
	classify(event: string): ReplyVerdict {
		if ((this.state.kind === 'string' || this.state.kind === 'csi') && this.now() - this.lastReplyAt > REPLY_STALE_MS) {
			this.state = {kind: 'idle'};
		}
		switch (this.state.kind) {
			case 'string':
				return this.inString(event, this.state);
			case 'csi':
				return this.inCsi(event);
			case 'escape-held':
				return this.afterHeldEscape(event);
			default:
				return this.idle(event);
		}
	}

	/** The hold ran out with nothing after the ESC: it was the Escape key. */
	releaseEscape(): void {
		if (this.state.kind !== 'escape-held') return;
		this.state = {kind: 'idle'};
		this.events.onEscape();
	}

	private idle(event: string): ReplyVerdict {
		if (event === ESC) {
			this.state = {kind: 'escape-held'};
			return {kind: 'hold'};
		}
		if (event.length < 2 || event[0] !== ESC) return {kind: 'key'};
		return this.afterEscape(event.slice(1)) ?? {kind: 'key'};
	}

	/** `rest` is what follows an ESC; a verdict when it begins a reply, else undefined. */
	private afterEscape(rest: string): ReplyVerdict | undefined {
		const introducer = rest[0]!;
		if (STRING_INTRODUCERS.has(introducer)) {
			this.state = {kind: 'string', escapeSeen: false};
			this.lastReplyAt = this.now();
			return this.inString(rest.slice(1), this.state);
		}
		if (introducer !== '[') return undefined;
		if (CSI_REPLIES.some((reply) => reply.test(rest))) {
			this.lastReplyAt = this.now();
			return {kind: 'drop'};
		}
		// ESC [ alone is Alt+[; anything longer that stops before its final byte is a reply cut by a read.
		if (rest.length > 1 && PARTIAL_CSI.test(rest)) {
			this.state = {kind: 'csi'};
			this.lastReplyAt = this.now();
			return {kind: 'drop'};
		}
		return undefined;
	}

	private afterHeldEscape(event: string): ReplyVerdict {
		this.state = {kind: 'idle'};
		// A read split the reply right after its ESC: the rest came as text ("P>|tmux 3.3a", "[?62c").
		if (event[0] !== ESC && event.length > 1) {
			const verdict = this.afterEscape(event);
			if (verdict) return verdict;
		}
		this.events.onEscape();
		return this.idle(event);
	}

	private inString(body: string, state: {escapeSeen: boolean}): ReplyVerdict {
		this.lastReplyAt = this.now();
		if (body === ESC) {
			// ST (ESC \) split between reads: its backslash comes next.
			state.escapeSeen = true;
			return {kind: 'drop'};
		}
		let end = -1;
		if (state.escapeSeen && body.startsWith('\\')) end = 1;
		else if (body.startsWith(`${ESC}\\`)) end = 2;
		else if (body.includes(BEL)) end = body.indexOf(BEL) + 1;
		else if (body.endsWith(`${ESC}\\`)) end = body.length;
		state.escapeSeen = false;
		if (end < 0) return {kind: 'drop'};
		this.state = {kind: 'idle'};
		const after = body.slice(end);
		if (after.length > 0) this.events.onText(after);
		return {kind: 'drop'};
	}

	private inCsi(event: string): ReplyVerdict {
		this.lastReplyAt = this.now();
		const final = event.search(CSI_FINAL);
		if (final < 0) return {kind: 'drop'};
		this.state = {kind: 'idle'};
		const after = event.slice(final + 1);
		if (after.length > 0) this.events.onText(after);
		return {kind: 'drop'};
	}
}
