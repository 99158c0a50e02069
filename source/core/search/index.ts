// Searching a collection with Anki's search language: cards or notes, in a Browse-window order.
// Other features build on compileSearch / cardSearchWhere (filtered decks add their own
// conditions, order and limit to the WHERE text and parameters given here).
import type {Collection} from '../collection/types.js';
import {loadSearchContext, type ContextOptions, type SearchContext} from './context.js';
import {notesWithFirstField} from '../notes/duplicates.js';
import type {Node} from './nodes.js';
import {orderTable, prepareOrder, type ItemType, type SortOrder} from './order.js';
import {parseSearch} from './parser.js';
import {combineTables, nodeTable, SqlWriter, type RequiredTable, type SqlParam} from './sql-writer.js';

export type {Node, Term} from './nodes.js';
export type {SearchContext} from './context.js';
export type {ItemType, SortColumn, SortOrder} from './order.js';
export type {SqlParam} from './sql-writer.js';
export {loadSearchContext} from './context.js';
export {parseSearch} from './parser.js';
export {defaultReverse, isSortable, SORT_COLUMNS, UNSORTABLE_MESSAGE} from './order.js';
export {searchErrorMessage} from './errors.js';

export interface SearchOptions extends ContextOptions {
	/** Row order; unordered when absent. */
	order?: SortOrder;
	/** A context loaded earlier (the browser reuses one while the user types). */
	context?: SearchContext;
	/**
	 * What to select instead of the ids (`c.…` and `n.…` columns; cards mode then always joins
	 * notes). Listing rows straight from the search saves a second pass over 100k ids.
	 */
	columns?: string;
}

export interface SearchWhere {
	/** A WHERE expression over `cards c` and/or `notes n` (aliases fixed). */
	where: string;
	params: SqlParam[];
	/** The tables the expression reads. */
	table: RequiredTable;
}

export interface CompiledSearch {
	/** A SELECT of card or note ids (or the columns asked for), ordered as asked. */
	sql: string;
	params: SqlParam[];
	/** Names in the search that match nothing here (`no deck matches "x"`): worth a hint when nothing is found. */
	unmatched: string[];
}

function nodesOf(query: string | readonly Node[]): readonly Node[] {
	return typeof query === 'string' ? parseSearch(query) : query;
}

function writeWhere(col: Collection, ctx: SearchContext, nodes: readonly Node[], table: Exclude<RequiredTable, 'either'>): {where: string; params: SqlParam[]; unmatched: string[]} {
	const writer = new SqlWriter(ctx, {duplicates: (ntid, text) => notesWithFirstField(col, ntid, text)}, table);
	const where = writer.write(nodes);
	return {where, params: writer.params, unmatched: writer.unmatched};
}

/**
 * The WHERE text of a card search for use inside a larger query over
 * `cards c JOIN notes n ON n.id = c.nid` (filtered decks: `(search) -is:suspended -is:buried -deck:filtered`).
 */
export function cardSearchWhere(col: Collection, query: string | readonly Node[], options: ContextOptions & {context?: SearchContext} = {}): SearchWhere {
	const nodes = nodesOf(query);
	const ctx = options.context ?? loadSearchContext(col, options);
	const table = combineTables(nodeTable({type: 'group', nodes: [...nodes]}), 'cards');
	const {where, params} = writeWhere(col, ctx, nodes, table === 'both' ? 'both' : 'cards');
	return {where, params, table};
}

/**
 * The WHERE text of a search over the given tables (`notes n`, `cards c`, or both joined), for
 * callers that build their own statement around it (the browser intersects parts this way).
 */
export function searchWhere(
	col: Collection,
	query: string | readonly Node[],
	table: 'notes' | 'cards' | 'both',
	options: ContextOptions & {context?: SearchContext} = {},
): {where: string; params: SqlParam[]; unmatched: string[]} {
	const ctx = options.context ?? loadSearchContext(col, options);
	return writeWhere(col, ctx, nodesOf(query), table);
}

/** The full SELECT for a search: card ids (cards mode) or note ids (notes mode: a note matches when any of its cards does). */
export function compileSearch(col: Collection, query: string | readonly Node[], itemType: ItemType, options: SearchOptions = {}): CompiledSearch {
	const nodes = nodesOf(query);
	const ctx = options.context ?? loadSearchContext(col, options);
	const termsTable = nodeTable({type: 'group', nodes: [...nodes]});
	let table = combineTables(termsTable, itemType);
	if (options.order) table = combineTables(table, itemType === 'notes' ? 'notes' : orderTable(options.order.column));
	if (options.columns && itemType === 'cards') table = combineTables(table, 'both');
	const {where, params, unmatched} = writeWhere(col, ctx, nodes, table === 'either' ? itemType : table);
	const selected = options.columns ?? (itemType === 'cards' ? 'c.id' : 'n.id');
	let sql: string;
	if (itemType === 'cards') {
		// Terms only on notes (words, fields, tags, note types) drive the join from the notes: the
		// cards of each matching note are then found by ix_cards_nid, where SQLite would read every card
		// by that index and look its note up to test it ("what is 42*" over 100k cards: 70 -> 40 ms).
		// Only with an order, which ends on the card id, so the rows come out in the same order.
		const fromNotes = options.order !== undefined && termsTable === 'notes';
		const join = fromNotes ? 'notes n CROSS JOIN cards c ON c.nid = n.id' : 'cards c JOIN notes n ON n.id = c.nid';
		sql = table === 'both' ? `SELECT ${selected} FROM ${join} WHERE ${where}` : `SELECT ${selected} FROM cards c WHERE ${where}`;
	} else {
		// NOT INDEXED: with the EXISTS, SQLite (3.53, better-sqlite3's) walks the notes in the order of
		// an index it has no use for (ix_notes_csum, idx_notes_mid), so each note and its cards are
		// read from pages in hash order; in rowid order the same search costs half as much on 50k
		// notes (`deck:*` 280 -> 170 ms of CPU, `is:due` 145 -> 60 ms). Rowid look-ups stay allowed.
		sql =
			table === 'both'
				? `SELECT ${selected} FROM notes n NOT INDEXED WHERE EXISTS (SELECT 1 FROM cards c WHERE c.nid = n.id AND ${where})`
				: `SELECT ${selected} FROM notes n WHERE ${where}`;
	}
	if (!options.order) return {sql, params, unmatched};
	const order = prepareOrder(col, ctx, itemType, options.order);
	return {sql: `${sql} ORDER BY ${order.orderBy}`, params: [...params, ...order.params], unmatched};
}

function run(col: Collection, compiled: CompiledSearch): number[] {
	return col.db.prepare(compiled.sql).pluck().all(...compiled.params) as number[];
}

/** Ids of the cards matching `query` (Anki's find_cards). Throws SearchError for a malformed query. */
export function searchCards(col: Collection, query: string | readonly Node[], options: SearchOptions = {}): number[] {
	return run(col, compileSearch(col, query, 'cards', options));
}

/** Ids of the notes with at least one card matching `query` (Anki's find_notes). */
export function searchNotes(col: Collection, query: string | readonly Node[], options: SearchOptions = {}): number[] {
	return run(col, compileSearch(col, query, 'notes', options));
}
