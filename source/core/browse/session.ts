// The browser's search, fast enough to follow each key press on 100k cards: every row of the
// collection is sorted once per mode and sort order (the "universe", kept in memory), and a search
// only asks SQL which ids match (no ORDER BY, no join it does not need), then keeps the universe's
// order. A search made only of note terms (plain text, fields, tags...) is answered from the notes
// table alone and mapped to cards through the universe. Handing rows to JavaScript costs more than
// testing them, so a part that matches most rows is asked for the rows it does not match (after a
// count), and a part that matches every row filters nothing. Writes call invalidate().
import type {Collection} from '../collection/types.js';
import {compileSearch, loadSearchContext, parseSearch, searchWhere, type ItemType, type SearchContext, type SortOrder} from '../search/index.js';
import {and, type Node} from '../search/nodes.js';
import {nodeTable} from '../search/sql-writer.js';
import {rowLookup, type RowLookup} from './rows.js';

/** Ids sorted ascending, and where each sits in the display order (positions from 0). */
interface IdIndex {
	sorted: Float64Array;
	/** sorted[i] is at display position (cards) or note ordinal (notes) at[i]. */
	at: Int32Array;
}

interface Universe {
	key: string;
	itemType: ItemType;
	/** Ids in display order (a typed array: no garbage for the collector to trace, cheap to fill). */
	ids: Float64Array;
	/** Each position's note, as an index into notes.sorted. */
	noteOf: Int32Array;
	/** The universe's notes; at[i] = i (a note part marks note ordinals). */
	notes: IdIndex;
	/** Cards mode: the universe's cards; at[i] is the card's position. */
	cards: IdIndex | undefined;
	/** Which rows each part matched (cached until the next write). */
	parts: Map<string, PartResult>;
	/** Scratch space for the positions a search keeps (one per universe, not one per key press). */
	positions: Int32Array;
}

export interface BrowseResult {
	/** In display order; the universe's own array when the search keeps every row. */
	ids: Float64Array;
	/** Names that matched nothing (a hint when the result is empty). */
	unmatched: string[];
}

interface PartResult {
	/** 1 for each note ordinal (over: 'notes') or position (over: 'positions') the part matches; null: all of them. */
	marks: Uint8Array | null;
	over: 'notes' | 'positions';
	unmatched: string[];
}

const isWhole = (nodes: readonly Node[]) => nodes.length === 1 && nodes[0]!.type === 'search' && nodes[0]!.term.kind === 'whole';

/** The index of id in sorted (ascending, distinct; the id is there). */
function ordinal(sorted: Float64Array, id: number): number {
	let low = 0;
	let high = sorted.length - 1;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (sorted[middle]! < id) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Sets marks[index.at[k]] = value for each id found in the index (ids in any order; unknown ids skipped). */
function mark(index: IdIndex, found: number[], marks: Uint8Array, value: 0 | 1): void {
	let ascending = true;
	for (let i = 1; i < found.length; i++) {
		if (found[i]! < found[i - 1]!) {
			ascending = false;
			break;
		}
	}
	const ids = ascending ? found : Float64Array.from(found).sort();
	const {sorted, at} = index;
	let k = 0;
	for (let i = 0; i < ids.length; i++) {
		const id = ids[i]!;
		while (k < sorted.length && sorted[k]! < id) k++;
		if (k === sorted.length) break;
		if (sorted[k] === id) marks[at[k]!] = value;
	}
}

export class BrowseSession {
	private contextCache: SearchContext | undefined;
	/** The share of rows the last part of each kind matched (undefined: nothing to go by). */
	private readonly lastShare: Record<'notes' | 'cards', number | undefined> = {notes: undefined, cards: undefined};
	/** The universes of the last two modes or sort orders (Tab back and forth keeps both). */
	private readonly universes: Universe[] = [];

	constructor(
		private readonly col: Collection,
		private readonly clock: () => number = Date.now,
	) {}

	/** Decks, notetypes, the day: read once, until the next write. */
	get context(): SearchContext {
		this.contextCache ??= loadSearchContext(this.col, {now: this.clock()});
		return this.contextCache;
	}

	get lookup(): RowLookup {
		return rowLookup(this.context);
	}

	/** Forget the cached order, parts and context (after any write). */
	invalidate(): void {
		this.contextCache = undefined;
		this.universes.length = 0;
	}

	/**
	 * Every row in display order, with its note, kept in memory per mode and sort order: sorted
	 * once in TEMP table browse_universe (pos, cid, nid; notes mode: cid NULL), read back a column
	 * at a time (an array per row would cost more than the sort), and dropped.
	 */
	private universe(itemType: ItemType, order: SortOrder): Universe {
		const key = `${itemType}:${order.column}:${order.reverse ? 'desc' : 'asc'}`;
		const kept = this.universes.find(universe => universe.key === key);
		if (kept) return kept;
		const compiled = compileSearch(this.col, '', itemType, {context: this.context, order, columns: itemType === 'cards' ? 'c.id, c.nid' : 'NULL, n.id'});
		const db = this.col.db;
		const column = (sql: string) => db.prepare(sql).pluck().all() as number[];
		let ids: Float64Array;
		let nids: number[];
		let cardsAt: number[] | undefined;
		this.col.scratch(() => {
			db.exec('DROP TABLE IF EXISTS temp.browse_universe');
			db.exec('CREATE TEMP TABLE browse_universe (pos INTEGER PRIMARY KEY, cid INTEGER, nid INTEGER NOT NULL)');
			try {
				db.prepare(`INSERT INTO temp.browse_universe (cid, nid) ${compiled.sql}`).run(...compiled.params);
				nids = column('SELECT nid FROM temp.browse_universe ORDER BY pos');
				ids = Float64Array.from(itemType === 'cards' ? column('SELECT cid FROM temp.browse_universe ORDER BY pos') : nids);
				if (itemType === 'cards') cardsAt = column('SELECT pos - 1 FROM temp.browse_universe ORDER BY cid');
			} finally {
				db.exec('DROP TABLE temp.browse_universe');
			}
		});
		// Plain loops: a typed array's from() with a callback costs several times more.
		const sortedNids = Float64Array.from(nids!).sort();
		let distinct = 0;
		for (let i = 0; i < sortedNids.length; i++) if (i === 0 || sortedNids[i] !== sortedNids[i - 1]) sortedNids[distinct++] = sortedNids[i]!;
		const notes: IdIndex = {sorted: sortedNids.slice(0, distinct), at: new Int32Array(distinct)};
		for (let i = 0; i < distinct; i++) notes.at[i] = i;
		const noteOf = new Int32Array(nids!.length);
		for (let i = 0; i < noteOf.length; i++) noteOf[i] = ordinal(notes.sorted, nids![i]!);
		let cards: IdIndex | undefined;
		if (cardsAt) {
			cards = {sorted: new Float64Array(cardsAt.length), at: Int32Array.from(cardsAt)};
			for (let i = 0; i < cardsAt.length; i++) cards.sorted[i] = ids![cardsAt[i]!]!;
		}
		const universe: Universe = {key, itemType, ids: ids!, noteOf, notes, cards, parts: new Map(), positions: new Int32Array(ids!.length)};
		this.universes.unshift(universe);
		this.universes.length = Math.min(this.universes.length, 2);
		return universe;
	}

	/** Which universe rows one part of a search matches; cached, so typing in one part leaves the others alone. */
	private part(universe: Universe, nodes: readonly Node[], kind: 'notes' | 'cards'): PartResult {
		const table = kind === 'notes' ? 'notes' : nodeTable({type: 'group', nodes: [...nodes]}) === 'both' ? 'both' : 'cards';
		const {where, params, unmatched} = searchWhere(this.col, nodes, table, {context: this.context});
		// Notes mode: a note matches when one of its cards meets every card part at once.
		const byNote = kind === 'notes' || universe.itemType === 'notes';
		const from = kind === 'notes' ? 'notes n' : table === 'both' ? 'cards c JOIN notes n ON n.id = c.nid' : 'cards c';
		const id = kind === 'notes' ? 'n.id' : byNote ? 'c.nid' : 'c.id';
		const key = `${from}\u0000${id}\u0000${where}\u0000${params.map(String).join('\u0000')}`;
		let result = universe.parts.get(key);
		if (result) return result;
		const index = byNote ? universe.notes : universe.cards!;
		const size = byNote ? universe.notes.sorted.length : universe.ids.length;
		const db = this.col.db;
		// The rows the part matches, or the rows it leaves out: either answers exactly, and the
		// smaller is handed over (handing rows over costs more than testing them again). Which one:
		// typing narrows a search, so after a part of this kind that kept nearly every row the rows
		// left out are asked first, after any other the matching rows, each stopping past half the
		// rows (then the other side is asked); with nothing to go by (the first part, or one that
		// matched nothing), a count says. Not for a card part in notes mode: a note with a card left
		// out may have another card that matches.
		const matching = `SELECT ${id} FROM ${from} WHERE ${where}`;
		// CASE: exactly the rows WHERE leaves out (those it finds NULL included).
		const others = `SELECT ${id} FROM ${from} WHERE CASE WHEN (${where}) THEN 0 ELSE 1 END`;
		const rows = (sql: string, limit?: number) => db.prepare(limit === undefined ? sql : `${sql} LIMIT ${limit}`).pluck().all(...params) as number[];
		const half = Math.floor(size / 2);
		let found: number[] | undefined;
		let leftOut: number[] | undefined;
		const last = this.lastShare[kind];
		if (id === 'c.nid') found = rows(matching);
		else if (last === undefined) {
			const count = db.prepare(`SELECT count(*) FROM ${from} WHERE ${where}`).pluck().get(...params) as number;
			if (count > half) leftOut = rows(others);
			else found = count === 0 ? [] : rows(matching);
		} else if (last > 0.9) {
			leftOut = rows(others, half + 1);
			if (leftOut.length > half) [leftOut, found] = [undefined, rows(matching)];
		} else {
			found = rows(matching, half + 1);
			if (found.length > half) [found, leftOut] = [undefined, rows(others)];
		}
		let marks: Uint8Array | null;
		if (found) mark(index, found, (marks = new Uint8Array(size)), 1);
		else if (leftOut!.length === 0) marks = null;
		else mark(index, leftOut!, (marks = new Uint8Array(size).fill(1)), 0);
		const share = found ? found.length / size : 1 - leftOut!.length / size;
		this.lastShare[kind] = share === 0 ? undefined : share;
		result = {marks, over: byNote ? 'notes' : 'positions', unmatched};
		if (universe.parts.size >= 16) universe.parts.delete(universe.parts.keys().next().value!);
		universe.parts.set(key, result);
		return result;
	}

	/**
	 * The ids a search finds, in the browser's order. Throws SearchError for a malformed search.
	 * A search that is a list of ANDed parts is answered part by part: each note part over the
	 * notes table alone (typing in the last word searches only that word again), the card parts
	 * together over the cards table (joined to notes only when a part needs both), so no note is
	 * read once per card; each part marks notes or positions (cached while nothing is written)
	 * and the marks are intersected in memory.
	 */
	search(query: string, itemType: ItemType, order: SortOrder): BrowseResult {
		const nodes = parseSearch(query);
		const universe = this.universe(itemType, order);
		if (isWhole(nodes)) return {ids: universe.ids, unmatched: []};
		const split = nodes.some(node => node.type === 'or') ? [nodes] : nodes.filter(node => node.type !== 'and').map(node => [node]);
		const noteParts: Node[][] = [];
		const cardParts: Node[][] = [];
		for (const part of split) {
			const table = nodeTable({type: 'group', nodes: [...part]});
			(table === 'notes' || table === 'either' ? noteParts : cardParts).push(part);
		}
		const results = noteParts.map(part => this.part(universe, part, 'notes'));
		// Notes mode: a note matches when one of its cards meets every card part at once.
		if (cardParts.length) results.push(this.part(universe, cardParts.flatMap((part, i) => (i === 0 ? part : [and, ...part])), 'cards'));
		const unmatched = results.flatMap(r => r.unmatched);
		const filters = results.filter(r => r.marks !== null);
		if (filters.length === 0) return {ids: universe.ids, unmatched};
		const byNote = filters.filter(r => r.over === 'notes').map(r => r.marks!);
		let notes = byNote[0];
		if (byNote.length > 1) {
			notes = notes!.slice();
			for (const other of byNote.slice(1)) for (let i = 0; i < notes.length; i++) notes[i]! &= other[i]!;
		}
		const position = filters.find(r => r.over === 'positions')?.marks ?? undefined;
		const {noteOf} = universe;
		// The positions first, then the ids: one array of the right size, no growing.
		const {positions} = universe;
		let found = 0;
		for (let i = 0; i < positions.length; i++) {
			if ((notes === undefined || notes[noteOf[i]!] === 1) && (position === undefined || position[i] === 1)) positions[found++] = i;
		}
		const ids = new Float64Array(found);
		for (let i = 0; i < found; i++) ids[i] = universe.ids[positions[i]!]!;
		return {ids, unmatched};
	}

	/** The cards of these notes (card actions in notes mode act on all of a note's cards). */
	cardIdsOfNotes(nids: readonly number[]): number[] {
		const out: number[] = [];
		for (let start = 0; start < nids.length; start += 500) {
			const chunk = nids.slice(start, start + 500);
			out.push(...(this.col.db.prepare(`SELECT id FROM cards WHERE nid IN (${chunk.map(() => '?').join(',')}) ORDER BY nid, ord`).pluck().all(...chunk) as number[]));
		}
		return out;
	}

	/** The first card (lowest ord) of each note, for a note row's preview. */
	firstCardOfNotes(nids: readonly number[]): Map<number, number> {
		const first = new Map<number, number>();
		for (let start = 0; start < nids.length; start += 500) {
			const chunk = nids.slice(start, start + 500);
			const rows = this.col.db
				.prepare(`SELECT nid, id FROM cards WHERE nid IN (${chunk.map(() => '?').join(',')}) ORDER BY nid, ord`)
				.raw(true)
				.all(...chunk) as number[][];
			for (const [nid, id] of rows) if (!first.has(nid!)) first.set(nid!, id!);
		}
		return first;
	}

	/** The notes of these cards, each once, in the order first seen. */
	noteIdsOfCards(cids: readonly number[]): number[] {
		const seen = new Set<number>();
		for (let start = 0; start < cids.length; start += 500) {
			const chunk = cids.slice(start, start + 500);
			const rows = this.col.db.prepare(`SELECT id, nid FROM cards WHERE id IN (${chunk.map(() => '?').join(',')})`).raw(true).all(...chunk) as number[][];
			const byCard = new Map(rows.map(([id, nid]) => [id!, nid!]));
			for (const id of chunk) {
				const nid = byCard.get(id);
				if (nid !== undefined) seen.add(nid);
			}
		}
		return [...seen];
	}
}
