// The deck list's rows and frame as plain data: DeckBrowser.tsx draws them with Ink, and the first
// paint (commands/first-paint.ts) writes the same frame straight to the terminal while Ink and
// React are still loading. One layout, so the two pictures are the same (test/e2e checks the screen).
import type {Token} from './theme.js';
import {firstKey, type Bindings} from './keys.js';
import {deckRows, initiallyCollapsed, treeTotals, type DeckRow} from './controller/deck-rows.js';
import type {DeckTreeItem} from './view-types.js';
import {bodyHeight} from './frame-layout.js';
import {fitText} from './wrap.js';

/** Width of each of the New / Learn / Due columns. */
export const deckCountWidth = 6;

export function deckNameWidth(width: number): number {
	return Math.max(8, width - deckCountWidth * 3);
}

/** The name cell: the pointer keeps the selection visible where inverse video is not drawn. */
export function deckRowLabel(row: DeckRow, selected: boolean, nameWidth: number): string {
	const marker = row.hasChildren ? (row.collapsed ? '+ ' : '- ') : '  ';
	return fitText(`${selected ? '›' : ' '}${'  '.repeat(row.depth)}${marker}${row.item.shortName}`, nameWidth);
}

/** The rows that fit (the body less the header and totals rows), scrolled to keep the selection central. */
export function deckListWindow(selected: number, rowCount: number, height: number, hasMessage: boolean): {start: number; visible: number} {
	const visible = Math.max(1, bodyHeight(height, hasMessage) - 2);
	return {start: Math.max(0, Math.min(selected - Math.floor(visible / 2), rowCount - visible)), visible};
}

export function deckListHints(bindings: Bindings, withStats: boolean): Array<[string, string]> {
	return [
		[firstKey(bindings, 'decks.study'), 'study'],
		[`${firstKey(bindings, 'decks.collapse')}/${firstKey(bindings, 'decks.expand')}`, 'collapse/expand'],
		...(withStats ? [[firstKey(bindings, 'decks.stats'), 'stats'] as [string, string]] : []),
		[firstKey(bindings, 'app.help'), 'help'],
		[firstKey(bindings, 'app.back'), 'quit'],
	];
}

/** A styled piece of a line: the token's style, bold on top of it when asked. */
export type Piece = [token: Token, text: string];

/** A count cell: zero is muted, as in Anki's deck list. */
export function countPiece(kind: 'new' | 'learn' | 'review', value: number): Piece {
	return [value === 0 ? 'muted' : kind, String(value).padStart(deckCountWidth)];
}

/**
 * The whole first frame of the deck list (no message, first deck selected, decks collapsed as
 * stored), `height` lines; null when it would not look like Ink's (hints that must be cut).
 */
export function deckListFrame(tree: readonly DeckTreeItem[], bindings: Bindings, width: number, height: number): Piece[][] | null {
	const hints = deckListHints(bindings, true);
	const hintsWidth = hints.reduce((sum, [key, label], i) => sum + (i > 0 ? 2 : 0) + [...key].length + 1 + label.length, 0);
	if (hintsWidth > width || height < 6) return null;
	const rows = deckRows(tree, initiallyCollapsed(tree));
	const nameWidth = deckNameWidth(width);
	const {start, visible} = deckListWindow(0, rows.length, height, false);
	const totals = treeTotals(tree);
	const body: Piece[][] = [
		[['muted', fitText(' Deck', nameWidth)], ['new', 'New'.padStart(deckCountWidth)], ['learn', 'Learn'.padStart(deckCountWidth)], ['review', 'Due'.padStart(deckCountWidth)]],
		...rows.slice(start, start + visible).map((row, i): Piece[] => [
			[start + i === 0 ? 'selected' : 'text', deckRowLabel(row, start + i === 0, nameWidth)],
			countPiece('new', row.item.new),
			countPiece('learn', row.item.learn),
			countPiece('review', row.item.review),
		]),
		[['title', fitText(' Total', nameWidth)], countPiece('new', totals.new), countPiece('learn', totals.learn), countPiece('review', totals.review)],
	];
	while (body.length < bodyHeight(height, false)) body.push([]);
	const footer: Piece[] = hints.flatMap(([key, label], i): Piece[] => [...(i > 0 ? [['muted', '  '] as Piece] : []), ['accent', key], ['muted', ` ${label}`]]);
	return [[['title', 'Decks']], [['border', '─'.repeat(width)]], ...body, footer];
}
