// The Browse window's rows (rslib browser_table.rs): for a card or a note, the text of Anki's
// columns (Sort Field, Card Type / Cards, Due, Deck, Note Type, Tags) and the row colour.
import type {Collection} from '../collection/types.js';
import type {DeckOutline, NotetypeOutline} from '../model.js';
import {htmlToTextLine} from '../render/html-text.js';
import {compileSearch, type CompiledSearch, type SearchContext, type SearchOptions} from '../search/index.js';

/** Flag colour (1 red … 7 purple) beats marked, which beats suspended, which beats buried. */
export type RowColor = 'flag1' | 'flag2' | 'flag3' | 'flag4' | 'flag5' | 'flag6' | 'flag7' | 'marked' | 'suspended' | 'buried' | null;

export interface CardRow {
	id: number;
	noteId: number;
	ord: number;
	deckId: number;
	/** Home deck while in a filtered deck, else 0. */
	originalDeckId: number;
	notetypeId: number;
	/** Column texts, as Anki shows them. */
	sortField: string;
	cardType: string;
	due: string;
	deck: string;
	notetype: string;
	tags: string[];
	flag: number;
	type: number;
	queue: number;
	interval: number;
	factor: number;
	reps: number;
	lapses: number;
	color: RowColor;
}

export interface NoteRow {
	id: number;
	notetypeId: number;
	sortField: string;
	notetype: string;
	/** Number of cards. */
	cards: number;
	tags: string[];
	due: string;
	deck: string;
	color: RowColor;
}

export interface RowLookup {
	decks: Map<number, DeckOutline>;
	notetypes: Map<number, NotetypeOutline>;
	today: number;
	/** Epoch secs. */
	now: number;
	/** The last note a card row was made for: a note's cards come one after another in most sort orders. */
	lastNote?: NoteTexts;
	/** Due dates by epoch secs: the cards due on a day share one (a Date per row costs more than the rest of the cell). */
	dates: Map<number, string>;
	/** The SQL of a note's sort field column (sortFieldColumn). */
	sortFieldSql: string;
}

/** A note's texts shared by its card rows (never changed once made). */
interface NoteTexts {
	nid: number;
	mid: number;
	rawTags: string;
	field: string;
	tags: string[];
	sortField: string;
}

/**
 * A note's sort field, raw, as a column: when its note type sorts on the first field (most do),
 * the text before the first unit separator, cut out in SQL, so that only that field crosses over
 * to JavaScript and not every field of the note; else the whole `flds`, split by sortFieldText.
 * The ids written in are the collection's own note type ids, never user input.
 */
function sortFieldColumn(notetypes: readonly NotetypeOutline[]): string {
	const first = 'CASE instr(n.flds, char(31)) WHEN 0 THEN n.flds ELSE substr(n.flds, 1, instr(n.flds, char(31)) - 1) END';
	const others = notetypes.filter(nt => nt.sortFieldIndex !== 0).map(nt => Math.trunc(nt.id));
	return others.length ? `CASE WHEN n.mid IN (${others.join(', ')}) THEN n.flds ELSE ${first} END` : first;
}

/** The note's sort field as the Sort Field column shows it, from the sortFieldColumn value. */
export function sortFieldText(field: string, notetype: NotetypeOutline | undefined): string {
	const index = notetype?.sortFieldIndex ?? 0;
	return htmlToTextLine(index === 0 ? field : (field.split('\u001f')[index] ?? ''));
}

export function rowLookup(ctx: SearchContext): RowLookup {
	return {
		decks: new Map(ctx.decks.map(deck => [deck.id, deck])),
		notetypes: new Map(ctx.notetypes.map(nt => [nt.id, nt])),
		today: ctx.today,
		now: ctx.now,
		dates: new Map(),
		sortFieldSql: sortFieldColumn(ctx.notetypes),
	};
}

/** The columns of a card row (RawCard). */
export function cardRowColumns(lookup: RowLookup): string {
	return `c.id, c.nid, c.did, c.odid, c.ord, c.type, c.queue, c.due, c.odue, c.ivl, c.factor, c.reps, c.lapses, c.flags, n.mid, n.tags, ${lookup.sortFieldSql}`;
}

/** A row of cardRowColumns as an array (statements run in raw mode: no object per row). */
export type RawCard = [
	id: number, nid: number, did: number, odid: number, ord: number, type: number, queue: number, due: number, odue: number,
	ivl: number, factor: number, reps: number, lapses: number, flags: number, mid: number, tags: string, sortField: string,
];

/** Local calendar date, as Anki's date_string. */
export function localDate(secs: number): string {
	const date = new Date(secs * 1000);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A date shown for `secs`, made once per distinct instant (a Date per row costs more than the rest of the cell). */
function dateText(lookup: RowLookup, secs: number): string {
	let date = lookup.dates.get(secs);
	if (date === undefined) lookup.dates.set(secs, (date = localDate(secs)));
	return date;
}

export const splitTags = (tags: string) => tags.split(/[ \u3000]+/u).filter(tag => tag !== '');
const isMarked = (tags: readonly string[]) => tags.some(tag => tag.toLowerCase() === 'marked');

/** The Card Type column: a cloze card's number after the one template's name, else its template's name. */
export function cardTypeName(notetype: NotetypeOutline | undefined, ord: number): string {
	if (notetype?.kind === 'cloze') return `${notetype.templates[0]?.name ?? 'Cloze'} ${ord + 1}`;
	return notetype?.templates.find(t => t.ord === ord)?.name ?? `Card ${ord + 1}`;
}

export interface DueFields {
	type: number;
	queue: number;
	due: number;
	odue: number;
	odid: number;
}

/** Card::due_time: intraday learning → its timestamp; day-based cards → now + days·86400; else none. */
function dueTime(card: DueFields, lookup: RowLookup): number | null {
	const due = card.odue !== 0 ? card.odue : card.due;
	if (card.queue === 1) return due;
	const inDays = (card.type !== 0 && due <= 365_000) || card.queue === 2 || card.queue === 3 || (card.type === 2 && card.queue < 0);
	return inDays ? lookup.now + (due - lookup.today) * 86_400 : null;
}

export function cardDue(card: DueFields, lookup: RowLookup): string {
	let text: string;
	if (card.odid !== 0) text = '(filtered)';
	else if (card.type === 0 || card.queue === 0) text = `New #${card.due}`;
	else {
		const time = dueTime(card, lookup);
		if (time === null) return '';
		text = dateText(lookup, time);
	}
	return card.queue < 0 ? `(${text})` : text;
}

function deckName(lookup: RowLookup, id: number): string {
	return lookup.decks.get(id)?.name ?? `(deck ${id})`;
}

export function deckCell(lookup: RowLookup, did: number, odid: number): string {
	return odid !== 0 ? `${deckName(lookup, did)} (${deckName(lookup, odid)})` : deckName(lookup, did);
}

function cardColor(flags: number, tags: readonly string[], queue: number): RowColor {
	const flag = flags & 7;
	if (flag > 0) return `flag${flag}` as RowColor;
	if (isMarked(tags)) return 'marked';
	if (queue === -1) return 'suspended';
	if (queue === -2 || queue === -3) return 'buried';
	return null;
}

function noteTexts(lookup: RowLookup, nid: number, mid: number, rawTags: string, field: string, notetype: NotetypeOutline | undefined): NoteTexts {
	const last = lookup.lastNote;
	if (last && last.nid === nid && last.mid === mid && last.rawTags === rawTags && last.field === field) return last;
	return (lookup.lastNote = {nid, mid, rawTags, field, tags: splitTags(rawTags), sortField: sortFieldText(field, notetype)});
}

export function cardRowFrom(raw: RawCard, lookup: RowLookup): CardRow {
	const [id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, reps, lapses, flags, mid, rawTags, field] = raw;
	const notetype = lookup.notetypes.get(mid);
	const {tags, sortField} = noteTexts(lookup, nid, mid, rawTags, field, notetype);
	return {
		id,
		noteId: nid,
		ord,
		deckId: did,
		originalDeckId: odid,
		notetypeId: mid,
		sortField,
		cardType: cardTypeName(notetype, ord),
		due: cardDue({type, queue, due, odue, odid}, lookup),
		deck: deckCell(lookup, did, odid),
		notetype: notetype?.name ?? '',
		tags,
		flag: flags & 7,
		type,
		queue,
		interval: ivl,
		factor,
		reps,
		lapses,
		color: cardColor(flags, tags, queue),
	};
}

/**
 * Column list for notes: the note, then what Anki's notes mode shows of its cards as one text
 * (NoteCardFacts), read in one look-up of the note's cards (five correlated subqueries cost 0.4 s
 * over the 50k notes of the bench, this one 0.1 s). The deck count and the first card's home deck
 * are looked up again only when the cards disagree (a note in several decks, a filtered deck holding
 * cards from several home decks). The two numbers written into the text are our own clock values,
 * never user input.
 */
function noteRowColumns(lookup: RowLookup): string {
	const now = Math.trunc(lookup.now);
	const today = Math.trunc(lookup.today);
	// note_due_str: the earliest due of the cards that are not filtered, not new, not suspended or buried.
	const due = `min(CASE WHEN odid = 0 AND type != 0 AND queue > 0 THEN CASE WHEN queue = 1 THEN due ELSE ${now} + (due - ${today}) * 86400 END END)`;
	const decks = 'CASE WHEN min(did) = max(did) THEN 1 ELSE (SELECT count(DISTINCT did) FROM cards WHERE nid = n.id) END';
	// One deck: the first card's (by ord) home deck is the one all its cards share, unless they differ.
	const odid = 'CASE WHEN min(odid) = max(odid) THEN min(odid) ELSE (SELECT odid FROM cards WHERE nid = n.id ORDER BY ord LIMIT 1) END';
	return `n.id, n.mid, n.tags, ${lookup.sortFieldSql},
			(SELECT count(*) || ' ' || ${decks} || ' ' || min(did) || ' ' || ${odid} || ' ' || ifnull(${due}, '') FROM cards WHERE nid = n.id) AS cards`;
}

/** A note's cards as noteRowColumns gives them: `count decks did odid due`, NULL when it has none; due is blank when no card has one. */
export type NoteCardFacts = string | null;

export type RawNote = [id: number, mid: number, tags: string, sortField: string, cards: NoteCardFacts];

/** The Deck cell of a note: `(N)` when its cards are in N > 1 decks, else the first card's deck as in cards mode. */
export function noteDeckCell(lookup: RowLookup, decks: number, did: number, odid: number): string {
	return decks > 1 ? `(${decks})` : deckCell(lookup, did, odid);
}

/** The Due cell of a note from the facts' due (epoch secs, or blank). */
export function noteDueCell(lookup: RowLookup, due: string): string {
	return due === '' ? '' : dateText(lookup, Number(due));
}

export function noteRowFrom(raw: RawNote, lookup: RowLookup): NoteRow {
	const [id, mid, rawTags, field, facts] = raw;
	const notetype = lookup.notetypes.get(mid);
	const tags = splitTags(rawTags);
	const [cards = '0', decks = '0', did = '', odid = '', due = ''] = facts === null ? [] : facts.split(' ');
	return {
		id,
		notetypeId: mid,
		sortField: sortFieldText(field, notetype),
		notetype: notetype?.name ?? '',
		cards: Number(cards),
		tags,
		due: noteDueCell(lookup, due),
		deck: facts === null ? '' : noteDeckCell(lookup, Number(decks), Number(did), Number(odid)),
		color: isMarked(tags) ? 'marked' : null,
	};
}

function byIds<T extends {id: number}>(col: Collection, ids: readonly number[], select: (marks: string) => string, map: (raw: never) => T): T[] {
	const found = new Map<number, T>();
	for (let start = 0; start < ids.length; start += 500) {
		const chunk = ids.slice(start, start + 500);
		const rows = col.db.prepare(select(chunk.map(() => '?').join(','))).raw(true).all(...chunk) as never[];
		for (const raw of rows) {
			const row = map(raw);
			found.set(row.id, row);
		}
	}
	return ids.map(id => found.get(id)).filter((row): row is T => row !== undefined);
}

/** Rows for these card ids, in the order given (ids that no longer exist are left out). */
export function cardRows(col: Collection, ids: readonly number[], lookup: RowLookup): CardRow[] {
	return byIds(col, ids, marks => `SELECT ${cardRowColumns(lookup)} FROM cards c JOIN notes n ON n.id = c.nid WHERE c.id IN (${marks})`, (raw: RawCard) => cardRowFrom(raw, lookup));
}

/** Rows for these note ids, in the order given. */
export function noteRows(col: Collection, ids: readonly number[], lookup: RowLookup): NoteRow[] {
	const columns = noteRowColumns(lookup);
	return byIds(col, ids, marks => `SELECT ${columns} FROM notes n WHERE n.id IN (${marks})`, (raw: RawNote) => noteRowFrom(raw, lookup));
}

/** The SELECT behind searchCardRows / searchNoteRows (the bench runs the very same one in the sqlite3 CLI); `lookup`: the caller's own, when it makes its rows with one. */
export function compileRowSearch(col: Collection, query: string, itemType: 'cards' | 'notes', options: SearchOptions & {context: SearchContext}, lookup = rowLookup(options.context)): CompiledSearch {
	const columns = itemType === 'cards' ? cardRowColumns(lookup) : noteRowColumns(lookup);
	return compileSearch(col, query, itemType, {...options, columns});
}

/** The rows of a card search, straight from one query (no second pass over the ids). */
export function* searchCardRows(col: Collection, query: string, options: SearchOptions & {context: SearchContext}): Generator<CardRow, {unmatched: string[]}> {
	const lookup = rowLookup(options.context);
	const compiled = compileRowSearch(col, query, 'cards', options, lookup);
	for (const raw of col.db.prepare(compiled.sql).raw(true).iterate(...compiled.params) as IterableIterator<RawCard>) yield cardRowFrom(raw, lookup);
	return {unmatched: compiled.unmatched};
}

/** The rows of a note search. */
export function* searchNoteRows(col: Collection, query: string, options: SearchOptions & {context: SearchContext}): Generator<NoteRow, {unmatched: string[]}> {
	const lookup = rowLookup(options.context);
	const compiled = compileRowSearch(col, query, 'notes', options, lookup);
	for (const raw of col.db.prepare(compiled.sql).raw(true).iterate(...compiled.params) as IterableIterator<RawNote>) yield noteRowFrom(raw, lookup);
	return {unmatched: compiled.unmatched};
}
