// The deck list's first frame, written straight to the terminal while Ink, React and the screens
// load (about 300 ms of CPU before Ink's own first frame on a 2-core VM). The collection is opened
// and the deck tree counted here, once: the app takes both over, and Ink's first frame (drawn from
// the same tree with the same layout, ui/deck-list-layout.ts) replaces this one cell for cell.
// Only the plain start paints early: a terminal on both ends, no --deck, a collection with decks
// (not the first-run screen), no notice to show and a terminal wide enough for the hints.
// ANKI_TUI_FIRST_PAINT=off turns it off.
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

/** Paints and returns the opened collection, or null (nothing opened, nothing written) when the start is not the plain one. */
export async function firstPaint(options: FirstPaintOptions): Promise<FirstPaint | null> {
	const env = options.env ?? process.env;
	const stdin = options.stdin ?? process.stdin;
	const stdout = options.stdout ?? process.stdout;
	if (env['ANKI_TUI_FIRST_PAINT'] === 'off' || !stdin.isTTY || !stdout.isTTY) return null;
	const config = readConfigFile(env);
	if (config.warnings.length > 0) return null;
	// Keys typed from here on wait for the app instead of being echoed over the frame.
	stdin.setRawMode(true);
	let input: OpenedInput;
	try {
		input = await openInput(options.file, {collection: options.collection, readOnly: false});
	} catch (error) {
		// A locked or unreadable collection: the one-line error goes to a terminal as it was.
		stdin.setRawMode(false);
		throw error;
	}
	try {
		// The reviewer upgrades a v1 collection first and says so on the normal screen.
		if (isV1(input.collection.adapter)) return {input, tree: null, paintedAt: null, undo: () => {}};
		const tree = loadDeckTree(input.collection, new Date()) as DeckTreeItem[];
		const text = firstPaintText(tree, config, {noColor: options.noColor, env, columns: stdout.columns, rows: stdout.rows});
		if (text === null) return {input, tree, paintedAt: null, undo: () => {}};
		stdout.write(text);
		let painted = true;
		const undo = () => {
			if (painted) stdout.write(leaveAltScreen + showCursor);
			painted = false;
		};
		return {input, tree, paintedAt: performance.now(), undo};
	} catch (error) {
		input.close();
		throw error;
	}
}
