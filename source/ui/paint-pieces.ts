// Styled pieces as terminal text, coloured exactly as Ink's Text colours them (same chalk, same
// order of styles, same colour forms: names, #hex, ansi256(n), rgb(r,g,b)), for the first paint.
import chalk from 'chalk';
import {terminalSafe} from '../core/text/terminal-safe.js';
import {tokenStyle, type Theme} from './theme.js';
import type {Piece} from './deck-list-layout.js';

type Paint = (text: string) => string;

function colourer(color: string | undefined, background: boolean): Paint | null {
	if (!color) return null;
	if (color in chalk) {
		const name = background ? `bg${color[0]!.toUpperCase()}${color.slice(1)}` : color;
		return (chalk as unknown as Record<string, Paint>)[name] ?? null;
	}
	if (color.startsWith('#')) return background ? chalk.bgHex(color) : chalk.hex(color);
	const ansi = /^ansi256\(\s?(\d+)\s?\)$/.exec(color);
	if (ansi) return background ? chalk.bgAnsi256(Number(ansi[1])) : chalk.ansi256(Number(ansi[1]));
	const rgb = /^rgb\(\s?(\d+),\s?(\d+),\s?(\d+)\s?\)$/.exec(color);
	if (rgb) return background ? chalk.bgRgb(Number(rgb[1]), Number(rgb[2]), Number(rgb[3])) : chalk.rgb(Number(rgb[1]), Number(rgb[2]), Number(rgb[3]));
	return null;
}

/** One piece: its text made terminal-safe (as ui/safe-text.tsx does), then the token's style. */
export function paintPiece(theme: Theme, [token, text]: Piece): string {
	const style = tokenStyle(theme, token);
	let out = terminalSafe(text, {sgr: false});
	if (style.dimColor) out = chalk.dim(out);
	out = colourer(style.color, false)?.(out) ?? out;
	out = colourer(style.backgroundColor, true)?.(out) ?? out;
	if (style.bold) out = chalk.bold(out);
	if (style.underline) out = chalk.underline(out);
	if (style.strikethrough) out = chalk.strikethrough(out);
	if (style.inverse) out = chalk.inverse(out);
	return out;
}

export function paintLines(theme: Theme, lines: readonly Piece[][]): string {
	return lines.map((line) => line.map((piece) => paintPiece(theme, piece)).join('')).join('\n');
}
