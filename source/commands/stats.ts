// `anki-tui stats [FILE] [--deck NAME] [--period 1m|3m|1y|all] [--json]`: every number of Anki's
// statistics page for a deck (with subdecks) or the whole collection. Reads only.
import type {CommandContext} from './flags.js';
import {openInput} from './open-input.js';
import {deckIdsForName} from '../core/overview/deck-names.js';
import {parsePeriod} from '../core/stats/period.js';
import {statsReport} from '../core/stats/report.js';
import {printJson} from './json-output.js';
import {printOut} from './terminal-output.js';

export async function runStats({file, flags, color}: CommandContext): Promise<number> {
	const period = parsePeriod(flags.period);
	const input = await openInput(file, {collection: flags.collection, readOnly: true, onePass: true});
	try {
		const col = input.collection;
		// Throws a UsageError listing the decks when there is no such deck; the first id is the deck itself.
		const deckId = flags.deck === undefined ? null : deckIdsForName(col.adapter.decks(), flags.deck)[0]!;
		const report = statsReport(col, {deckId, period});
		if (flags.json) {
			printJson(report);
			return 0;
		}
		const [{summaryText}, {makeChalk}] = await Promise.all([import('../ui/stats/summary-text.js'), import('./output.js')]);
		const chalk = makeChalk(color);
		printOut(summaryText(report, (s) => chalk.bold(s)), {color});
		return 0;
	} finally {
		input.close();
	}
}
