// `search --json`'s card lines, made straight from the search's rows: each line is byte for byte
// jsonText({id, noteId, deck, deckId, sortField, due, cardType, ord, notetype, tags, flag, type,
// queue, interval, factor, reps, lapses}) of the card's Browse row (cardRowFrom), at a fraction of
// its cost over 100k rows: no row object, and the texts cards share are made once and kept as the
// JSON they go out as (the deck, the note type with the card type, each due date; a note's sort
// field once for its cards, which come one after another in most orders, and each distinct tag list).
import type {Collection} from '../collection/types.js';
import type {SearchContext, SearchOptions} from '../search/index.js';
import {jsonText} from '../text/json-text.js';
import {cardDue, cardTypeName, compileRowSearch, deckCell, rowLookup, sortFieldText, splitTags, type RawCard, type RowLookup} from './rows.js';

/** What a search's lines share, each kept as the JSON text it goes out as. */
class JsonCells {
	private readonly decks = new Map<number, string>();
	private readonly filteredDecks = new Map<string, string>();
	private readonly types = new Map<number, Map<number, string>>();
	/** Tag lists by the note's raw `tags`: notes share a few (2 distinct among the bench's 50k notes). */
	private readonly tagLists = new Map<string, string>();
	private nid = Number.NaN;
	/** `"sortField":…` of the current note, less the key. */
	sortField = '';
	/** `"tags":…` of the current note, less the key. */
	tags = '';

	constructor(private readonly lookup: RowLookup) {}

	/** `"deck":…,"deckId":…` less the first key. */
	deck(did: number, odid: number): string {
		if (odid === 0) {
			let json = this.decks.get(did);
			if (json === undefined) this.decks.set(did, (json = `${jsonText(deckCell(this.lookup, did, 0))},"deckId":${did}`));
			return json;
		}
		const key = `${did} ${odid}`;
		let json = this.filteredDecks.get(key);
		if (json === undefined) this.filteredDecks.set(key, (json = `${jsonText(deckCell(this.lookup, did, odid))},"deckId":${did}`));
		return json;
	}

	/** `,"cardType":…,"ord":…,"notetype":…`. */
	type(mid: number, ord: number): string {
		let byOrd = this.types.get(mid);
		if (byOrd === undefined) this.types.set(mid, (byOrd = new Map()));
		let json = byOrd.get(ord);
		if (json === undefined) {
			const notetype = this.lookup.notetypes.get(mid);
			byOrd.set(ord, (json = `,"cardType":${jsonText(cardTypeName(notetype, ord))},"ord":${ord},"notetype":${jsonText(notetype?.name ?? '')}`));
		}
		return json;
	}

	due(type: number, queue: number, due: number, odue: number, odid: number): string {
		const text = cardDue({type, queue, due, odue, odid}, this.lookup);
		// Made from numbers, the cell holds only digits, letters, '#', '-', '+', '.' and brackets.
		return typeof due === 'number' && typeof odue === 'number' ? `"${text}"` : jsonText(text);
	}

	/** Makes the sort field and tags of the note whose cards come next. */
	note(nid: number, mid: number, rawTags: string, field: string): void {
		if (nid === this.nid) return;
		this.nid = nid;
		this.sortField = jsonText(sortFieldText(field, this.lookup.notetypes.get(mid)));
		let tags = this.tagLists.get(rawTags);
		if (tags === undefined) this.tagLists.set(rawTags, (tags = jsonText(splitTags(rawTags))));
		this.tags = tags;
	}
}

/** A card's line (see the top of this file) from its row. */
function cardLine(raw: RawCard, cells: JsonCells): string {
	const [id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, reps, lapses, flags, mid, tags, field] = raw;
	cells.note(nid, mid, tags, field);
	return `{"id":${id},"noteId":${nid},"deck":${cells.deck(did, odid)},"sortField":${cells.sortField},"due":${cells.due(type, queue, due, odue, odid)}${cells.type(mid, ord)},"tags":${cells.tags},"flag":${flags & 7},"type":${type},"queue":${queue},"interval":${ivl},"factor":${factor},"reps":${reps},"lapses":${lapses}}`;
}

/**
 * Hands the JSON line of each card a search finds to `addLine`, in the order asked. A plain loop
 * rather than a generator: V8 optimises a loop in a running function (on-stack replacement) but
 * not one inside a generator, which would run its 100k rows unoptimised; with the line made in a
 * function of its own, the first few thousand rows (all of a small search) cost a third less.
 */
export function cardJsonLines(col: Collection, query: string, options: SearchOptions & {context: SearchContext}, addLine: (line: string) => void): {unmatched: string[]} {
	const lookup = rowLookup(options.context);
	const compiled = compileRowSearch(col, query, 'cards', options, lookup);
	const cells = new JsonCells(lookup);
	for (const raw of col.db.prepare(compiled.sql).raw(true).iterate(...compiled.params) as IterableIterator<RawCard>) addLine(cardLine(raw, cells));
	return {unmatched: compiled.unmatched};
}
