// `anki-tui search [FILE] QUERY [--notes] [--json]`: the cards (or notes) a search in Anki's syntax
// finds, as the Browse window lists them: a table, or JSON for scripts.
import {browserSortOrder} from '../core/browse/settings.js';
import {cardJsonLines} from '../core/browse/card-json.js';
import {noteJsonLines} from '../core/browse/note-json.js';
import {searchCardRows, searchNoteRows, type CardRow, type NoteRow} from '../core/browse/rows.js';
import {loadSearchContext} from '../core/search/index.js';
import type {Flags} from './flags.js';
import {jsonRowsWriter} from './json-output.js';
import {openInput} from './open-input.js';
import {splitFileArg} from './file-arg.js';
import {printErr, printOut, safeLine} from './terminal-output.js';
import {timingRecorder} from './timing-recorder.js';

export interface SearchCommandContext {
	/** Everything after `search`: [FILE] QUERY... */
	args: string[];
	flags: Flags;
	color: boolean;
}

/** FILE is optional: the first argument names it when it is an Anki file; everything else is the query. */
export function splitFileAndQuery(args: readonly string[]): {file: string | undefined; query: string} {
	const {file, rest} = splitFileArg(args);
	return {file, query: rest.join(' ')};
}

/** Column widths for the table: fixed for short columns, the sort field takes what is left. */
function layout(total: number, notes: boolean): number[] {
	const second = notes ? 18 : 16;
	const third = notes ? 5 : 12;
	const fourth = Math.max(12, Math.floor((total - second - third) * 0.3));
	const first = Math.max(12, total - second - third - fourth - 6);
	return [first, second, third, fourth];
}

export async function runSearch({args, flags, color}: SearchCommandContext): Promise<number> {
	const {file, query} = splitFileAndQuery(args);
	const notes = flags.notes;
	// The bench tells the search's own time from Node's and the bundle's start by these.
	const timings = timingRecorder(process.env['ANKI_TUI_TIMINGS']);
	timings.mark('searchOpen');
	const input = await openInput(file, {collection: flags.collection, readOnly: true, onePass: true});
	try {
		const {collection} = input;
		const context = loadSearchContext(collection);
		const order = browserSortOrder(collection, notes ? 'notes' : 'cards');
		let count = 0;
		let unmatched: string[];
		if (flags.json) {
			const json = jsonRowsWriter(notes ? 'notes' : 'cards');
			const addLine = (line: string) => {
				json.addLine(line);
				count++;
			};
			// Each line made straight from the search's row: core/browse/card-json.ts and note-json.ts.
			unmatched = (notes ? noteJsonLines : cardJsonLines)(collection, query, {context, order}, addLine).unmatched;
			json.end();
		} else {
			const rows = notes ? searchNoteRows(collection, query, {context, order}) : searchCardRows(collection, query, {context, order});
			let result: IteratorResult<CardRow | NoteRow, {unmatched: string[]}>;
			// Loaded only for the table: string-width and Intl.Segmenter cost start-up time JSON does not need.
			const [{fitText}, {makeChalk}] = await Promise.all([import('../ui/wrap.js'), import('./output.js')]);
			const chalk = makeChalk(color);
			const widths = layout(process.stdout.columns || 100, notes);
			const line = (cells: string[]) => cells.map((cell, i) => fitText(safeLine(cell), widths[i]!)).join('  ').trimEnd();
			const out: string[] = [];
			while (!(result = rows.next()).done) {
				if (count === 0) out.push(chalk.bold(line(notes ? ['Sort Field', 'Note Type', 'Cards', 'Tags'] : ['Sort Field', 'Card Type', 'Due', 'Deck'])));
				const row = result.value;
				out.push(line(notes ? [row.sortField, row.notetype, String((row as NoteRow).cards), row.tags.join(' ')] : [row.sortField, (row as CardRow).cardType, row.due, row.deck]));
				count++;
				if (out.length >= 512) printOut(`${out.splice(0).join('\n')}\n`, {color});
			}
			if (out.length) printOut(`${out.join('\n')}\n`, {color});
			if (count === 0) printErr(`No ${notes ? 'notes' : 'cards'} matched.\n`);
			unmatched = result.value.unmatched;
		}
		if (count === 0) for (const hint of unmatched) printErr(`anki-tui: ${hint}.\n`);
		timings.mark('searchDone');
		timings.save();
		return 0;
	} finally {
		input.close();
	}
}
