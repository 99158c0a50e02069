// `search --notes --json`'s lines, made straight from the search's rows: each line is byte for byte
// jsonText({id, notetype, sortField, cards, tags, due, deck}) of the note's Browse row (noteRowFrom),
// without the row object, and with the texts notes share made once and kept as the JSON they go out
// as (the note type, each tag list, each due date, each deck cell), as card-json.ts does for cards.
import type {Collection} from '../collection/types.js';
import type {SearchContext, SearchOptions} from '../search/index.js';
import {jsonText} from '../text/json-text.js';
import {compileRowSearch, noteDeckCell, noteDueCell, rowLookup, sortFieldText, splitTags, type RawNote, type RowLookup} from './rows.js';

/** What a search's lines share, each kept as the JSON text it goes out as. */
class NoteJsonCells {
	private readonly notetypes = new Map<number, string>();
	private readonly tagLists = new Map<string, string>();
	private readonly dues = new Map<string, string>();
	/** Deck cells by `decks did odid` as the note's facts give them. */
	private readonly decks = new Map<string, string>();

	constructor(private readonly lookup: RowLookup) {}

	notetype(mid: number): string {
		let json = this.notetypes.get(mid);
		if (json === undefined) this.notetypes.set(mid, (json = jsonText(this.lookup.notetypes.get(mid)?.name ?? '')));
		return json;
	}

	sortField(mid: number, field: string): string {
		return jsonText(sortFieldText(field, this.lookup.notetypes.get(mid)));
	}

	tags(rawTags: string): string {
		let json = this.tagLists.get(rawTags);
		if (json === undefined) this.tagLists.set(rawTags, (json = jsonText(splitTags(rawTags))));
		return json;
	}

	/** `"due":…` from the facts' due (after their fourth space). */
	due(facts: string, from: number): string {
		const due = facts.slice(from);
		let json = this.dues.get(due);
		if (json === undefined) this.dues.set(due, (json = jsonText(noteDueCell(this.lookup, due))));
		return json;
	}

	/** `"deck":…` from the facts' `decks did odid`. */
	deck(key: string): string {
		let json = this.decks.get(key);
		if (json === undefined) {
			const [decks, did, odid] = key.split(' ');
			this.decks.set(key, (json = jsonText(noteDeckCell(this.lookup, Number(decks), Number(did), Number(odid)))));
		}
		return json;
	}
}

/** A note's line (see the top of this file) from its row. */
function noteLine(raw: RawNote, cells: NoteJsonCells): string {
	const [id, mid, tags, field, facts] = raw;
	if (facts === null) return `{"id":${id},"notetype":${cells.notetype(mid)},"sortField":${cells.sortField(mid, field)},"cards":0,"tags":${cells.tags(tags)},"due":"","deck":""}`;
	// `count decks did odid due` (noteRowColumns): the count as SQLite wrote the integer, as JSON
	// writes it; `decks did odid` and the due as keys of the cells made from them.
	const count = facts.indexOf(' ');
	let odidEnd = facts.indexOf(' ', count + 1);
	odidEnd = facts.indexOf(' ', odidEnd + 1);
	odidEnd = facts.indexOf(' ', odidEnd + 1);
	return `{"id":${id},"notetype":${cells.notetype(mid)},"sortField":${cells.sortField(mid, field)},"cards":${facts.slice(0, count)},"tags":${cells.tags(tags)},"due":${cells.due(facts, odidEnd + 1)},"deck":${cells.deck(facts.slice(count + 1, odidEnd))}}`;
}

/**
 * Hands the JSON line of each note a search finds to `addLine`, in the order asked: a plain loop,
 * not a generator, for the reason cardJsonLines gives.
 */
export function noteJsonLines(col: Collection, query: string, options: SearchOptions & {context: SearchContext}, addLine: (line: string) => void): {unmatched: string[]} {
	const lookup = rowLookup(options.context);
	const compiled = compileRowSearch(col, query, 'notes', options, lookup);
	const cells = new NoteJsonCells(lookup);
	for (const raw of col.db.prepare(compiled.sql).raw(true).iterate(...compiled.params) as IterableIterator<RawNote>) addLine(noteLine(raw, cells));
	return {unmatched: compiled.unmatched};
}
