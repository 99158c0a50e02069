// The deck list's first frame, written straight to the terminal while Ink, React and the screens
// load (about 300 ms of CPU before Ink's own first frame on a 2-core VM). The launcher runs it from a
// small script of its own first (dist/cli-paint.cjs, source/paint-entry.ts: the deck list of a plain
// `anki-tui`, read-only), before the whole CLI is even read; otherwise review-entry paints here.
// Either way the collection is then opened and the tree counted here, once, and handed to the app,
// whose first Ink frame (drawn with the same layout, ui/deck-list-layout.ts) replaces the painted
// one cell for cell. Only the plain start paints early: a terminal on both ends, no --deck, a
// collection with decks (not the first-run screen), no notice to show and a terminal wide enough
// for the hints. ANKI_TUI_FIRST_PAINT=off turns it off.
import {isV1} from '../core/scheduler/upgrade-v1.js';
import {loadDeckTree} from '../core/overview/load-deck-tree.js';
import {deckListFrame} from '../ui/deck-list-layout.js';
import {paintLines} from '../ui/paint-pieces.js';
import {resolveTheme} from '../ui/theme.js';
import {enterAltScreen, hideCursor, leaveAltScreen, showCursor} from '../ui/terminal-codes.js';
import type {DeckTreeItem} from '../ui/view-types.js';
import type {UiConfig} from '../ui/config.js';
import {readConfigFile} from './config-file.js';
import {openInput, type OpenedInput} from './open-input.js';
import {openCollection, writable} from '../core/collection/open.js';

export interface FirstPaint {
	/** The collection, opened for writing as the reviewer opens it. */
	input: OpenedInput;
	/** The tree the frame shows (the deck list's first visit uses it); null when not loaded. */
	tree: DeckTreeItem[] | null;
	/** Ms since process start when the frame was written; null when nothing was painted. */
	paintedAt: number | null;
	/** Leaves the alternate screen again, once (nothing when nothing was painted). */
	undo(): void;
}

export interface FirstPaintOptions {
	file: string | undefined;
	collection: string | undefined;
	noColor: boolean;
	env?: NodeJS.ProcessEnv;
	stdin?: NodeJS.ReadStream;
	stdout?: NodeJS.WriteStream;
}

/**
 * What the first paint writes for this tree: the alternate screen, the deck list's frame as Ink
 * would draw it, with the cursor on the free row under it; null for the first-run screen or
 * when the frame would not match Ink's.
 */
export function firstPaintText(tree: DeckTreeItem[], config: UiConfig, terminal: {noColor: boolean; env: NodeJS.ProcessEnv; columns: number; rows: number}): string | null {
	const empty = tree.every((item) => item.cards === 0 && item.children.length === 0);
	// As the app sizes its frames (ui/App.tsx): one row short of the terminal.
	const lines = empty ? null : deckListFrame(tree, config.bindings, terminal.columns, Math.max(3, terminal.rows - 1));
	if (!lines) return null;
	const theme = resolveTheme({name: config.theme, noColor: terminal.noColor, env: terminal.env, overrides: config.colors});
	// The cursor stays on the row under the frame, which the terminal probe (ui/graphics) may erase;
	// review.tsx moves it home right before Ink's first frame.
	return `${enterAltScreen}${hideCursor}${paintLines(theme, lines)}\n`;
}

/** Whether this start may paint early: terminals on both ends, not turned off, no config notice. */
export function mayPaint(env: NodeJS.ProcessEnv, stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): UiConfig | null {
	if (env['ANKI_TUI_FIRST_PAINT'] === 'off' || !stdin.isTTY || !stdout.isTTY) return null;
	const config = readConfigFile(env);
	return config.warnings.length > 0 ? null : config;
}

/** The mark the early paint (source/paint-entry.ts) leaves for this script: when it painted. */
const earlyPaintKey = Symbol.for('anki-tui.first-paint');

export function markEarlyPaint(at: number): void {
	(globalThis as Record<symbol, unknown>)[earlyPaintKey] = at;
}

function earlyPaintAt(): number | null {
	const at = (globalThis as Record<symbol, unknown>)[earlyPaintKey];
	return typeof at === 'number' ? at : null;
}

/**
 * The early paint (source/paint-entry.ts): the deck list of this collection file, opened read-only
 * and closed again, painted when the start is a plain one; never throws (the app then reports
 * whatever is wrong). True when it painted.
 */
export function paintEarly(file: string, options: {noColor: boolean; env?: NodeJS.ProcessEnv; stdin?: NodeJS.ReadStream; stdout?: NodeJS.WriteStream}): boolean {
	const env = options.env ?? process.env;
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	try {
		const config = mayPaint(env, stdin, stdout);
		// A file the app cannot write it refuses with one line: nothing to paint before that (and a
		// read-only open of it would first copy the whole file to a private snapshot).
		if (!config || !writable(file)) return false;
		const collection = openCollection(file, {readOnly: true});
		let text: string | null;
		try {
			if (isV1(collection.adapter)) return false;
			text = firstPaintText(loadDeckTree(collection, new Date(), {cardTotals: false}) as DeckTreeItem[], config, {noColor: options.noColor, env, columns: stdout.columns, rows: stdout.rows});
		} finally {
			collection.close();
		}
		if (text === null) return false;
		stdin.setRawMode(true);
		stdout.write(text);
		markEarlyPaint(performance.now());
		return true;
	} catch {
		return false;
	}
}

/**
 * Paints (unless the early paint did) and returns the opened collection, or null (nothing opened,
 * nothing written) when the start is not the plain one.
 */
export async function firstPaint(options: FirstPaintOptions): Promise<FirstPaint | null> {
	const env = options.env ?? process.env;
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	const early = earlyPaintAt();
	const config = mayPaint(env, stdin, stdout);
	if (!config && early === null) return null;
	let painted = early !== null;
	const undo = () => {
		if (painted) stdout.write(leaveAltScreen + showCursor);
		painted = false;
	};
	// Keys typed from here on wait for the app instead of being echoed over the frame.
	stdin.setRawMode(true);
	let input: OpenedInput;
	try {
		input = await openInput(options.file, {collection: options.collection, readOnly: false});
	} catch (error) {
		// A locked or unreadable collection: the one-line error goes to a terminal as it was.
		undo();
		stdin.setRawMode(false);
		throw error;
	}
	try {
		// The reviewer upgrades a v1 collection first and says so on the normal screen.
		if (isV1(input.collection.adapter) && early === null) return {input, tree: null, paintedAt: null, undo};
		const tree = loadDeckTree(input.collection, new Date(), {cardTotals: false}) as DeckTreeItem[];
		if (early !== null) return {input, tree, paintedAt: early, undo};
		const text = config && firstPaintText(tree, config, {noColor: options.noColor, env, columns: stdout.columns, rows: stdout.rows});
		if (!text) return {input, tree, paintedAt: null, undo};
		stdout.write(text);
		painted = true;
		return {input, tree, paintedAt: performance.now(), undo};
	} catch (error) {
		input.close();
		undo();
		throw error;
	}
}
