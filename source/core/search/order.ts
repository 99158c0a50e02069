// The Browse window's sort orders (rslib search/mod.rs card_order_from_sort_column,
// note_order_from_sort_column, search/*_order.sql). Orders by name (deck, notetype, card type) and
// the notes-mode aggregates rank rows in a TEMP `sort_order` table first, as Anki does; names are
// ranked in JS so schema 11 (names in JSON) and 18 (tables) rank alike.
import type {Collection} from '../collection/types.js';
import type {NotetypeOutline} from '../model.js';
import {foldCase} from '../text/search-text.js';
import type {SearchContext} from './context.js';
import type {RequiredTable, SqlParam} from './sql-writer.js';

/** Anki's column keys (browser_table.rs Column, as stored in `activeCols` and `sortType`). */
export type SortColumn =
	| 'noteFld'
	| 'template'
	| 'cardDue'
	| 'deck'
	| 'note'
	| 'noteTags'
	| 'noteCrt'
	| 'noteMod'
	| 'cardMod'
	| 'cardIvl'
	| 'cardEase'
	| 'cardReps'
	| 'cardLapses'
	| 'originalPosition'
	| 'stability'
	| 'difficulty'
	| 'retrievability'
	| 'question'
	| 'answer';

export const SORT_COLUMNS: readonly SortColumn[] = [
	'noteFld', 'template', 'cardDue', 'deck', 'note', 'noteTags', 'noteCrt', 'noteMod', 'cardMod', 'cardIvl',
	'cardEase', 'cardReps', 'cardLapses', 'originalPosition', 'stability', 'difficulty', 'retrievability', 'question', 'answer',
];

export interface SortOrder {
	column: SortColumn;
	/** Every `asc` becomes `desc` (secondary keys too), as Anki reverses. */
	reverse?: boolean;
}

export type ItemType = 'cards' | 'notes';

/** Anki's message when a column cannot be sorted on. */
export const UNSORTABLE_MESSAGE = 'Sorting on this column is not supported. Please choose another.';

/** Whether a column can be sorted in this mode (Question/Answer never; the FSRS columns only in cards mode). */
export function isSortable(column: SortColumn, itemType: ItemType): boolean {
	if (column === 'question' || column === 'answer') return false;
	if (itemType === 'notes' && (column === 'stability' || column === 'difficulty' || column === 'retrievability')) return false;
	return true;
}

/** The direction a column sorts in when first chosen (Column::default_order): names ascending, numbers and dates descending. */
export function defaultReverse(column: SortColumn): boolean {
	return !['noteFld', 'noteTags', 'note', 'deck'].includes(column);
}

/** Tables the order reads (sort field, tags, notetype... are note columns). */
export function orderTable(column: SortColumn): RequiredTable {
	return ['template', 'noteCrt', 'noteMod', 'note', 'noteFld', 'noteTags'].includes(column) ? 'notes' : 'either';
}

export interface PreparedOrder {
	orderBy: string;
	params: SqlParam[];
}

/** Compares names the way a unicase column orders them (folded, by code point). */
export function compareUnicase(a: string, b: string): number {
	const x = foldCase(a);
	const y = foldCase(b);
	if (x === y) return 0;
	const xs = [...x];
	const ys = [...y];
	for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
		if (xs[i] !== ys[i]) return xs[i]!.codePointAt(0)! - ys[i]!.codePointAt(0)!;
	}
	return xs.length - ys.length;
}

type RankTable = 'sort_order' | 'deck_rank';

/** (Re)creates a TEMP rank table (pos = insertion order) keyed by `keys`, filled by `select`. */
function fillRanks(col: Collection, table: RankTable, keys: readonly string[], select: string, params: SqlParam[] = []): void {
	col.scratch(() => {
		col.db.exec(`DROP TABLE IF EXISTS temp.${table}`);
		const keyColumns = keys.map(key => `${key} integer NOT NULL`).join(', ');
		col.db.exec(`CREATE TEMP TABLE ${table} (pos integer PRIMARY KEY, ${keyColumns}, UNIQUE(${keys.join(', ')}))`);
		col.db.prepare(`INSERT INTO temp.${table} (${keys.join(', ')}) ${select}`).run(...params);
	});
}

/** A JSON array in the order given, for `json_each` (its `key` is the position). */
function jsonList(values: readonly unknown[]): string {
	return JSON.stringify(values);
}

function rankDecks(col: Collection, ctx: SearchContext, table: RankTable = 'sort_order'): void {
	// Anki orders `decks` by native name (U+001F between levels), so `A␟B` sorts before `A B`.
	const decks = [...ctx.decks].sort((a, b) => compareUnicase(a.name.replaceAll('::', '\u001f'), b.name.replaceAll('::', '\u001f')));
	fillRanks(col, table, ['did'], 'SELECT value FROM json_each(?) ORDER BY key', [jsonList(decks.map(d => d.id))]);
}

function rankNotetypes(col: Collection, ctx: SearchContext): void {
	const notetypes = [...ctx.notetypes].sort((a, b) => compareUnicase(a.name, b.name));
	fillRanks(col, 'sort_order', ['ntid'], 'SELECT value FROM json_each(?) ORDER BY key', [jsonList(notetypes.map(nt => nt.id))]);
}

function rankTemplates(col: Collection, notetypes: readonly NotetypeOutline[]): void {
	const templates = notetypes.flatMap(nt => nt.templates.map(t => ({ntid: nt.id, ord: t.ord, name: t.name})));
	templates.sort((a, b) => compareUnicase(a.name, b.name));
	fillRanks(
		col,
		'sort_order',
		['ntid', 'ord'],
		"SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) ORDER BY key",
		[jsonList(templates.map(t => [t.ntid, t.ord]))],
	);
}

/** Ranks notes by an aggregate over their cards (Anki's note_*_order.sql); notes without cards rank NULL (first). */
function rankNotesBy(col: Collection, aggregate: string, where = '', params: SqlParam[] = []): void {
	fillRanks(col, 'sort_order', ['nid'], `SELECT nid FROM cards ${where} GROUP BY nid ORDER BY ${aggregate}, nid`, params);
}

/** Due as one comparable number: new → position, intraday learning → timestamp, else now + days·86400. */
function dueKey(prefix: string, today: number, now: number): {sql: string; params: SqlParam[]} {
	return {
		sql: `(CASE WHEN ${prefix}due > 1000000000 OR ${prefix}type = 0 THEN ${prefix}due ELSE (${prefix}due - ?) * 86400 + ? END)`,
		params: [BigInt(today), BigInt(now)],
	};
}

/**
 * Prepares the ORDER BY for a column (filling temp.sort_order when the order needs ranks) and
 * returns its text and parameters.
 */
export function prepareOrder(col: Collection, ctx: SearchContext, itemType: ItemType, order: SortOrder): PreparedOrder {
	const {column} = order;
	if (!isSortable(column, itemType)) throw new Error(UNSORTABLE_MESSAGE);
	const prepared = itemType === 'cards' ? cardOrder(col, ctx, column) : noteOrder(col, ctx, column);
	// Ties (same sort field, same deck...) in id order, so the same search always lists rows alike
	// (Anki leaves their order to SQLite's plan).
	prepared.orderBy += itemType === 'cards' ? ', c.id asc' : ', n.id asc';
	if (order.reverse) prepared.orderBy = prepared.orderBy.replace(/ asc\b/gi, ' DESC');
	return prepared;
}

function cardOrder(col: Collection, ctx: SearchContext, column: SortColumn): PreparedOrder {
	switch (column) {
		case 'cardMod':
			return {orderBy: 'c.mod asc', params: []};
		case 'template':
			rankTemplates(col, ctx.notetypes);
			// Cloze cards have no template of their own ord: they rank with ord 0.
			return {
				orderBy:
					'coalesce((SELECT pos FROM temp.sort_order WHERE ntid = n.mid AND ord = c.ord), (SELECT pos FROM temp.sort_order WHERE ntid = n.mid AND ord = 0)) asc, c.ord asc',
				params: [],
			};
		case 'deck':
			rankDecks(col, ctx);
			return {orderBy: '(SELECT pos FROM temp.sort_order WHERE did = c.did) asc', params: []};
		case 'cardDue': {
			const key = dueKey('c.', ctx.today, ctx.now);
			return {orderBy: `${key.sql} asc`, params: key.params};
		}
		case 'cardEase':
			return {orderBy: 'c.type = 0 asc, c.factor asc', params: []};
		case 'cardIvl':
			return {orderBy: 'c.ivl asc', params: []};
		case 'cardLapses':
			return {orderBy: 'c.lapses asc', params: []};
		case 'cardReps':
			return {orderBy: 'c.reps asc', params: []};
		case 'noteCrt':
			return {orderBy: 'n.id asc, c.ord asc', params: []};
		case 'noteMod':
			return {orderBy: 'n.mod asc, c.ord asc', params: []};
		case 'note':
			rankNotetypes(col, ctx);
			return {orderBy: '(SELECT pos FROM temp.sort_order WHERE ntid = n.mid) asc', params: []};
		case 'originalPosition':
			rankNotesBy(col, 'coalesce(min(extract_original_position(data)), min(CASE WHEN type = 0 THEN due ELSE 0 END))');
			return {orderBy: '(SELECT pos FROM temp.sort_order WHERE nid = c.nid) asc', params: []};
		case 'noteFld':
			return {orderBy: 'n.sfld COLLATE NOCASE asc, c.ord asc', params: []};
		case 'noteTags':
			return {orderBy: 'n.tags asc', params: []};
		case 'stability':
			return {orderBy: "extract_fsrs_variable(c.data, 's') asc", params: []};
		case 'difficulty':
			return {orderBy: "extract_fsrs_variable(c.data, 'd') asc", params: []};
		case 'retrievability':
			return {
				orderBy: 'extract_fsrs_retrievability(c.data, CASE WHEN c.odue != 0 THEN c.odue ELSE c.due END, c.ivl, ?, ?, ?) asc',
				params: [BigInt(ctx.today), BigInt(ctx.nextDayAt), BigInt(ctx.now)],
			};
		default:
			throw new Error(UNSORTABLE_MESSAGE);
	}
}

const BY_NOTE_RANK = '(SELECT pos FROM temp.sort_order WHERE nid = n.id) asc';

function noteOrder(col: Collection, ctx: SearchContext, column: SortColumn): PreparedOrder {
	switch (column) {
		case 'template':
			rankNotesBy(col, 'count(*)');
			break;
		case 'cardMod':
			rankNotesBy(col, 'max(mod)');
			break;
		case 'deck':
			// Notes spanning fewer decks first, then by the first of their decks.
			rankDecks(col, ctx, 'deck_rank');
			rankNotesBy(col, 'count(DISTINCT did), min((SELECT pos FROM temp.deck_rank WHERE deck_rank.did = cards.did))');
			break;
		case 'cardDue': {
			const key = dueKey('', ctx.today, ctx.now);
			rankNotesBy(col, `min(${key.sql})`, 'WHERE odid = 0 AND type != 0 AND queue > 0', key.params);
			break;
		}
		case 'cardEase':
			rankNotesBy(col, 'avg(factor)', 'WHERE type != 0');
			break;
		case 'cardIvl':
			rankNotesBy(col, 'avg(ivl)', 'WHERE type IN (2, 3)');
			break;
		case 'cardLapses':
			rankNotesBy(col, 'sum(lapses)');
			break;
		case 'cardReps':
			rankNotesBy(col, 'sum(reps)');
			break;
		case 'originalPosition':
			rankNotesBy(col, 'coalesce(min(extract_original_position(data)), min(CASE WHEN type = 0 THEN due ELSE 0 END))');
			break;
		case 'noteCrt':
			return {orderBy: 'n.id asc', params: []};
		case 'noteMod':
			return {orderBy: 'n.mod asc', params: []};
		case 'note':
			rankNotetypes(col, ctx);
			return {orderBy: '(SELECT pos FROM temp.sort_order WHERE ntid = n.mid) asc', params: []};
		case 'noteFld':
			return {orderBy: 'n.sfld COLLATE NOCASE asc', params: []};
		case 'noteTags':
			return {orderBy: 'n.tags asc', params: []};
		default:
			throw new Error(UNSORTABLE_MESSAGE);
	}
	return {orderBy: BY_NOTE_RANK, params: []};
}
