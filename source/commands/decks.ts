// `anki-tui decks [FILE] [--json]`: the deck tree with card totals and today's due counts.
import type {CommandContext} from './flags.js';
import {openInput} from './open-input.js';
import {loadDeckTree} from '../core/overview/load-deck-tree.js';
import {deckTreeToJson, flattenDeckTree} from '../core/overview/deck-tree.js';
import {printJson} from './json-output.js';
import {printOut, safeLine} from './terminal-output.js';

export async function runDecks({file, flags, color}: CommandContext): Promise<number> {
	const input = await openInput(file, {collection: flags.collection, readOnly: true, onePass: true});
	try {
		const tree = loadDeckTree(input.collection, new Date());
		if (flags.json) {
			printJson(deckTreeToJson(tree));
			return 0;
		}
		// Loaded only for the table: string-width sets up Intl.Segmenter, which costs a noticeable part of start-up.
		const {makeChalk, padEnd, padStart, stringWidth} = await import('./output.js');
		const chalk = makeChalk(color);
		// Names are made one safe line before measuring, so the columns line up whatever a name holds.
		const rows = flattenDeckTree(tree).map((row) => ({...row, shortName: safeLine(row.shortName)}));
		const label = (depth: number, name: string) => `${'  '.repeat(depth)}${name}`;
		const nameWidth = Math.max(4, ...rows.map((row) => stringWidth(label(row.depth, row.shortName))));
		const num = (value: number, paint: (s: string) => string) =>
			padStart(value === 0 ? chalk.dim('0') : paint(String(value)), 6);
		const lines = [chalk.bold(`${padEnd('Deck', nameWidth)}  ${padStart('Cards', 6)}${padStart('New', 6)}${padStart('Learn', 6)}${padStart('Due', 6)}`)];
		for (const row of rows) {
			const name = label(row.depth, row.filtered ? chalk.italic(row.shortName) : row.shortName);
			lines.push(
				`${padEnd(name, nameWidth)}  ${padStart(String(row.cards ?? 0), 6)}${num(row.new, chalk.blue)}${num(row.learn, chalk.red)}${num(row.review, chalk.green)}`,
			);
		}
		const totals = tree.reduce(
			(sum, node) => ({cards: sum.cards + (node.cards ?? 0), new: sum.new + node.new, learn: sum.learn + node.learn, review: sum.review + node.review}),
			{cards: 0, new: 0, learn: 0, review: 0},
		);
		lines.push(
			chalk.bold(
				`${padEnd('Total', nameWidth)}  ${padStart(String(totals.cards), 6)}${padStart(String(totals.new), 6)}${padStart(String(totals.learn), 6)}${padStart(String(totals.review), 6)}`,
			),
		);
		printOut(`${lines.join('\n')}\n`, {color});
		return 0;
	} finally {
		input.close();
	}
}
