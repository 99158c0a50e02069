// The browser's search, fast enough to follow each key press on 100k cards: every row of the
// collection is sorted once per mode and sort order (the "universe"), and a search only asks SQL
// which ids match (no ORDER BY, no join it does not need), then keeps the universe's order. A
// search made only of note terms (plain text, fields, tags...) is answered from the notes table
// alone and mapped to cards through the universe. Writes call invalidate().
import type {Collection} from '../collection/types.js';
import {compileSearch, loadSearchContext, parseSearch, searchWhere, type ItemType, type SearchContext, type SortOrder} from '../search/index.js';
import {and, type Node} from '../search/nodes.js';
import {nodeTable} from '../search/sql-writer.js';
import {rowLookup, type RowLookup} from './rows.js';

interface Universe {
	key: string;
	itemType: ItemType;
	/** Ids in display order; the TEMP table's pos is the index + 1. */
	ids: number[];
}

export interface BrowseResult {
	ids: number[];
	/** Names that matched nothing (a hint when the result is empty). */
	unmatched: string[];
}

interface PartResult {
	/** 1 at the universe index of each row the part matches. */
	marks: Uint8Array;
	unmatched: string[];
}

const isWhole = (nodes: readonly Node[]) => nodes.length === 1 && nodes[0]!.type === 'search' && nodes[0]!.term.kind === 'whole';

export class BrowseSession {
	private contextCache: SearchContext | undefined;
	private current: Universe | undefined;
	private readonly parts = new Map<string, PartResult>();

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
		this.current = undefined;
		this.parts.clear();
	}

	/**
	 * Every row in display order, in TEMP table browse_universe (pos, cid, nid; notes mode: cid
	 * NULL), built once per mode and sort order and indexed both ways, so a search part can say
	 * which positions it matches by joining to it.
	 */
	private universe(itemType: ItemType, order: SortOrder): Universe {
		const key = `${itemType}:${order.column}:${order.reverse ? 'desc' : 'asc'}`;
		if (this.current?.key === key) return this.current;
		const compiled = compileSearch(this.col, '', itemType, {context: this.context, order, columns: itemType === 'cards' ? 'c.id, c.nid' : 'NULL, n.id'});
		this.col.scratch(() => {
			const db = this.col.db;
			db.exec('DROP TABLE IF EXISTS temp.browse_universe');
			db.exec('CREATE TEMP TABLE browse_universe (pos INTEGER PRIMARY KEY, cid INTEGER, nid INTEGER NOT NULL)');
			db.prepare(`INSERT INTO temp.browse_universe (cid, nid) ${compiled.sql}`).run(...compiled.params);
			db.exec('CREATE INDEX temp.browse_universe_nid ON browse_universe (nid)');
			if (itemType === 'cards') db.exec('CREATE UNIQUE INDEX temp.browse_universe_cid ON browse_universe (cid)');
		});
		const ids = this.col.db.prepare(`SELECT ${itemType === 'cards' ? 'cid' : 'nid'} FROM temp.browse_universe ORDER BY pos`).pluck().all() as number[];
		this.parts.clear();
		this.current = {key, itemType, ids};
		return this.current;
	}

	/** Which universe rows one part of a search matches; cached, so typing in one part leaves the others alone. */
	private part(universe: Universe, nodes: readonly Node[], kind: 'notes' | 'cards'): PartResult {
		const table = kind === 'notes' ? 'notes' : nodeTable({type: 'group', nodes: [...nodes]}) === 'both' ? 'both' : 'cards';
		const {where, params, unmatched} = searchWhere(this.col, nodes, table, {context: this.context});
		let from: string;
		// Notes first: the note terms are tested once per note, not once per card.
		if (kind === 'notes') from = 'notes n CROSS JOIN temp.browse_universe u ON u.nid = n.id';
		else {
			const cards = table === 'both' ? 'cards c JOIN notes n ON n.id = c.nid' : 'cards c';
			// Notes mode: a note matches when one of its cards meets every card part at once.
			from = `${cards} JOIN temp.browse_universe u ON ${universe.itemType === 'cards' ? 'u.cid = c.id' : 'u.nid = c.nid'}`;
		}
		const sql = `SELECT u.pos FROM ${from} WHERE ${where}`;
		const key = `${sql}\u0000${params.map(String).join('\u0000')}`;
		let result = this.parts.get(key);
		if (!result) {
			const marks = new Uint8Array(universe.ids.length);
			for (const pos of this.col.db.prepare(sql).pluck().all(...params) as number[]) marks[pos - 1] = 1;
			result = {marks, unmatched};
			if (this.parts.size >= 16) this.parts.delete(this.parts.keys().next().value!);
			this.parts.set(key, result);
		}
		return result;
	}

	/**
	 * The ids a search finds, in the browser's order. Throws SearchError for a malformed search.
	 * A search that is a list of ANDed parts is answered part by part: the note parts over the
	 * notes table alone, the card parts over the cards table (joined to notes only when a part needs
	 * both), so no note is read once per card; each part marks universe positions (cached while
	 * nothing is written) and the marks are intersected in memory.
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
		const joined = (list: Node[][]): Node[] => list.flatMap((part, i) => (i === 0 ? part : [and, ...part]));
		const results: PartResult[] = [];
		if (noteParts.length) results.push(this.part(universe, joined(noteParts), 'notes'));
		if (cardParts.length) results.push(this.part(universe, joined(cardParts), 'cards'));
		const ids: number[] = [];
		const [first, second] = results.map(r => r.marks);
		for (let i = 0; i < universe.ids.length; i++) {
			if (first![i] && (!second || second[i])) ids.push(universe.ids[i]!);
		}
		return {ids, unmatched: results.flatMap(r => r.unmatched)};
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
