// The Browse window's rows (rslib browser_table.rs): for a card or a note, the text of Anki's
// columns (Sort Field, Card Type / Cards, Due, Deck, Note Type, Tags) and the row colour.
import type {Collection} from '../collection/types.js';
import type {Deck, Notetype} from '../model.js';
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
	decks: Map<number, Deck>;
	notetypes: Map<number, Notetype>;
	today: number;
	/** Epoch secs. */
	now: number;
	/** The last note a card row was made for: a note's cards come one after another in most sort orders. */
	lastNote?: NoteTexts;
}

/** A note's texts shared by its card rows (never changed once made). */
interface NoteTexts {
	nid: number;
	mid: number;
	rawTags: string;
	flds: string;
	tags: string[];
	sortField: string;
}

export function rowLookup(ctx: SearchContext): RowLookup {
	return {
		decks: new Map(ctx.decks.map(deck => [deck.id, deck])),
		notetypes: new Map(ctx.notetypes.map(nt => [nt.id, nt])),
		today: ctx.today,
		now: ctx.now,
	};
}

export const CARD_ROW_COLUMNS =
	'c.id, c.nid, c.did, c.odid, c.ord, c.type, c.queue, c.due, c.odue, c.ivl, c.factor, c.reps, c.lapses, c.flags, n.mid, n.tags, n.flds';

/** A row of CARD_ROW_COLUMNS as an array (statements run in raw mode: no object per row). */
type RawCard = [
	id: number, nid: number, did: number, odid: number, ord: number, type: number, queue: number, due: number, odue: number,
	ivl: number, factor: number, reps: number, lapses: number, flags: number, mid: number, tags: string, flds: string,
];

/** Local calendar date, as Anki's date_string. */
export function localDate(secs: number): string {
	const date = new Date(secs * 1000);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const splitTags = (tags: string) => tags.split(/[ \u3000]+/u).filter(tag => tag !== '');
const isMarked = (tags: readonly string[]) => tags.some(tag => tag.toLowerCase() === 'marked');

function sortFieldText(flds: string, notetype: Notetype | undefined): string {
	const fields = flds.split('\u001f');
	return htmlToTextLine(fields[notetype?.sortFieldIndex ?? 0] ?? '');
}

interface DueFields {
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

function cardDue(card: DueFields, lookup: RowLookup): string {
	let text: string;
	if (card.odid !== 0) text = '(filtered)';
	else if (card.type === 0 || card.queue === 0) text = `New #${card.due}`;
	else {
		const time = dueTime(card, lookup);
		if (time === null) return '';
		text = localDate(time);
	}
	return card.queue < 0 ? `(${text})` : text;
}

function deckName(lookup: RowLookup, id: number): string {
	return lookup.decks.get(id)?.name ?? `(deck ${id})`;
}

function deckCell(lookup: RowLookup, did: number, odid: number): string {
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

function noteTexts(lookup: RowLookup, nid: number, mid: number, rawTags: string, flds: string, notetype: Notetype | undefined): NoteTexts {
	const last = lookup.lastNote;
	if (last && last.nid === nid && last.mid === mid && last.rawTags === rawTags && last.flds === flds) return last;
	return (lookup.lastNote = {nid, mid, rawTags, flds, tags: splitTags(rawTags), sortField: sortFieldText(flds, notetype)});
}

export function cardRowFrom(raw: RawCard, lookup: RowLookup): CardRow {
	const [id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, reps, lapses, flags, mid, rawTags, flds] = raw;
	const notetype = lookup.notetypes.get(mid);
	const template = notetype?.kind === 'cloze' ? notetype.templates[0] : notetype?.templates.find(t => t.ord === ord);
	const {tags, sortField} = noteTexts(lookup, nid, mid, rawTags, flds, notetype);
	return {
		id,
		noteId: nid,
		ord,
		deckId: did,
		originalDeckId: odid,
		notetypeId: mid,
		sortField,
		cardType: notetype?.kind === 'cloze' ? `${template?.name ?? 'Cloze'} ${ord + 1}` : (template?.name ?? `Card ${ord + 1}`),
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
 * Column list for notes: the note, its card count, its decks, its first card's deck and its
 * earliest due date (Anki's note_due_str: unfiltered, not new, not suspended or buried).
 * The two numbers written into the text are our own clock values, never user input.
 */
function noteRowColumns(lookup: RowLookup): string {
	const now = Math.trunc(lookup.now);
	const today = Math.trunc(lookup.today);
	return `n.id, n.mid, n.tags, n.flds,
			(SELECT count(*) FROM cards WHERE nid = n.id) AS cards,
			(SELECT count(DISTINCT did) FROM cards WHERE nid = n.id) AS decks,
			(SELECT did FROM cards WHERE nid = n.id ORDER BY ord LIMIT 1) AS did,
			(SELECT odid FROM cards WHERE nid = n.id ORDER BY ord LIMIT 1) AS odid,
			(SELECT min(CASE WHEN queue = 1 THEN due ELSE ${now} + (due - ${today}) * 86400 END)
				FROM cards WHERE nid = n.id AND odid = 0 AND type != 0 AND queue > 0) AS due`;
}

type RawNote = [id: number, mid: number, tags: string, flds: string, cards: number, decks: number, did: number | null, odid: number | null, due: number | null];

export function noteRowFrom(raw: RawNote, lookup: RowLookup): NoteRow {
	const [id, mid, rawTags, flds, cards, decks, did, odid, due] = raw;
	const notetype = lookup.notetypes.get(mid);
	const tags = splitTags(rawTags);
	return {
		id,
		notetypeId: mid,
		sortField: sortFieldText(flds, notetype),
		notetype: notetype?.name ?? '',
		cards,
		tags,
		due: due === null ? '' : localDate(due),
		deck: decks > 1 ? `(${decks})` : did === null ? '' : deckCell(lookup, did, odid ?? 0),
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
	return byIds(col, ids, marks => `SELECT ${CARD_ROW_COLUMNS} FROM cards c JOIN notes n ON n.id = c.nid WHERE c.id IN (${marks})`, (raw: RawCard) => cardRowFrom(raw, lookup));
}

/** Rows for these note ids, in the order given. */
export function noteRows(col: Collection, ids: readonly number[], lookup: RowLookup): NoteRow[] {
	const columns = noteRowColumns(lookup);
	return byIds(col, ids, marks => `SELECT ${columns} FROM notes n WHERE n.id IN (${marks})`, (raw: RawNote) => noteRowFrom(raw, lookup));
}

/** The SELECT behind searchCardRows / searchNoteRows (the bench runs the very same one in the sqlite3 CLI). */
export function compileRowSearch(col: Collection, query: string, itemType: 'cards' | 'notes', options: SearchOptions & {context: SearchContext}): CompiledSearch {
	const columns = itemType === 'cards' ? CARD_ROW_COLUMNS : noteRowColumns(rowLookup(options.context));
	return compileSearch(col, query, itemType, {...options, columns});
}

/** The rows of a card search, straight from one query (no second pass over the ids). */
export function* searchCardRows(col: Collection, query: string, options: SearchOptions & {context: SearchContext}): Generator<CardRow, {unmatched: string[]}> {
	const lookup = rowLookup(options.context);
	const compiled = compileRowSearch(col, query, 'cards', options);
	for (const raw of col.db.prepare(compiled.sql).raw(true).iterate(...compiled.params) as IterableIterator<RawCard>) yield cardRowFrom(raw, lookup);
	return {unmatched: compiled.unmatched};
}

/** The rows of a note search. */
export function* searchNoteRows(col: Collection, query: string, options: SearchOptions & {context: SearchContext}): Generator<NoteRow, {unmatched: string[]}> {
	const lookup = rowLookup(options.context);
	const compiled = compileRowSearch(col, query, 'notes', options);
	for (const raw of col.db.prepare(compiled.sql).raw(true).iterate(...compiled.params) as IterableIterator<RawNote>) yield noteRowFrom(raw, lookup);
	return {unmatched: compiled.unmatched};
}
