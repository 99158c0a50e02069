// Editing, adding and deleting notes, writing what Anki writes (rslib notes/mod.rs, adding.rs,
// tags/bulkadd.rs, tags/remove.rs); search-and-notes.md §2. Each function is one undoable operation
// (one transaction, Anki's undo label); `col.mod` is set by the undo queue when something changed.
import {getNote, getNotes} from '../collection/notes.js';
import {joinTags, splitTags} from '../collection/tag-names.js';
import type {Collection} from '../collection/types.js';
import {UndoLabel} from '../collection/undo.js';
import {unicaseEqual} from '../collection/unicase-fold.js';
import {UsageError} from '../errors.js';
import type {Note, Notetype} from '../model.js';
import {clozeNumbersInString} from '../render/cloze.js';
import {parseTemplateCached, type TemplateNode} from '../render/template/parser.js';
import {addGeneratedCards, cardsToGenerate, generateCardsForNote, placementContext} from './cards.js';
import {stripHtmlPreservingMediaFilenames} from '../render/html-text.js';
import {notesWithFirstField} from './duplicates.js';
import {derivedColumns, normalizeField} from './fields.js';
import {newGuid} from './ids.js';
import {canonifyTags, tagMatcher, withTagsAdded, withTagsRemoved} from './tags.js';

export interface WriteOptions {
	/** Clock in ms (tests pass a fixed one); default now. */
	nowMs?: number;
}

export interface NoteChange {
	/** Every field, in the notetype's field order. */
	fields?: readonly string[];
	tags?: readonly string[];
}

const secs = (ms: number) => Math.floor(ms / 1000);

/** Anki's normalize_note_text (default on): fields are stored in NFC. */
function normalizesText(col: Collection): boolean {
	return col.adapter.getConfig('normalize_note_text') !== false;
}

/** Writes a config value only when it differs, as Anki's set_config does. */
function setConfigIfChanged(col: Collection, key: string, value: unknown, nowMs: number): void {
	if (JSON.stringify(col.adapter.getConfig(key)) !== JSON.stringify(value)) col.adapter.setConfig(key, value, secs(nowMs));
}

export function notetypeById(col: Collection, id: number): Notetype {
	const notetype = col.adapter.notetypes().find(n => n.id === id);
	if (!notetype) throw new UsageError(`notetype ${id} does not exist in ${col.path}; open the collection in Anki and use Check Database.`);
	return notetype;
}

export function noteById(col: Collection, id: number): Note {
	const note = getNote(col, id);
	if (!note) throw new UsageError(`no note with id ${id} in ${col.path}; find ids with anki-tui search.`);
	return note;
}

function checkFieldCount(notetype: Notetype, fields: readonly string[]): void {
	const expected = Math.max(notetype.fields.length, 1);
	if (fields.length !== expected) {
		throw new UsageError(`notetype "${notetype.name}" has ${expected} fields, but ${fields.length} were given.`);
	}
}

/** Fields as Anki stores them: normalized, joined by U+001F, with sfld and csum. */
function prepareFields(col: Collection, notetype: Notetype, fields: readonly string[]) {
	const normalized = fields.map(f => normalizeField(f, normalizesText(col)));
	return {fields: normalized, flds: normalized.join('\u001f'), ...derivedColumns(normalized, notetype.sortFieldIndex)};
}

/** The deck Anki adds generated cards of this notetype to when a note is edited (`_nt_<id>_lastDeck`). */
function lastDeckForNotetype(col: Collection, ntid: number): number | null {
	const value = col.adapter.getConfig(`_nt_${ntid}_lastDeck`);
	return typeof value === 'number' ? value : null;
}

export interface UpdateResult {
	/** False when the note already was exactly this (nothing written, nothing to undo). */
	changed: boolean;
	/** Cards generated for templates or cloze numbers that became non-empty. */
	newCardIds: number[];
}

/** Anki's update_note: nothing is written when the note does not differ from the stored one. */
export function updateNote(col: Collection, nid: number, change: NoteChange, options: WriteOptions = {}): UpdateResult {
	const nowMs = options.nowMs ?? Date.now();
	const stored = noteById(col, nid);
	const notetype = notetypeById(col, stored.mid);
	const fields = change.fields ?? stored.fields;
	const tags = change.tags ?? stored.tags;
	checkFieldCount(notetype, fields);
	const same = fields.length === stored.fields.length && fields.every((f, i) => f === stored.fields[i]) && tags.length === stored.tags.length && tags.every((t, i) => t === stored.tags[i]);
	if (same) return {changed: false, newCardIds: []};
	let newCardIds: number[] = [];
	col.undo.run(
		UndoLabel.UpdateNote,
		() => {
			const canonical = canonifyTags(col, tags);
			const prepared = prepareFields(col, notetype, fields);
			col.db
				.prepare('UPDATE notes SET guid = ?, mid = ?, mod = ?, usn = -1, tags = ?, flds = ?, sfld = ?, csum = ? WHERE id = ?')
				.run(stored.guid, stored.mid, secs(nowMs), joinTags(canonical), prepared.flds, prepared.sfld, prepared.csum, nid);
			const note: Note = {...stored, fields: prepared.fields, tags: canonical};
			newCardIds = generateCardsForNote(col, note, notetype, nowMs, lastDeckForNotetype(col, notetype.id));
		},
		{nowMs},
	);
	return {changed: true, newCardIds};
}

export interface NewNote {
	notetypeId: number;
	deckId: number;
	fields: readonly string[];
	tags?: readonly string[];
}

export interface AddResult {
	noteId: number;
	cardIds: number[];
}

/** Anki's add_note: note and cards in one step; the notetype and deck are remembered for next time. */
export function addNote(col: Collection, input: NewNote, options: WriteOptions = {}): AddResult {
	const nowMs = options.nowMs ?? Date.now();
	const notetype = notetypeById(col, input.notetypeId);
	checkFieldCount(notetype, input.fields);
	let result: AddResult = {noteId: 0, cardIds: []};
	col.undo.run(
		UndoLabel.AddNote,
		() => {
			const tags = canonifyTags(col, input.tags ?? []);
			const prepared = prepareFields(col, notetype, input.fields);
			// The id is the creation time in ms, bumped past the highest id on a collision (storage/note/add.sql).
			const inserted = col.db
				.prepare(
					`INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data)
					 VALUES (CASE WHEN @now IN (SELECT id FROM notes) THEN (SELECT max(id) + 1 FROM notes) ELSE @now END,
					 @guid, @mid, @mod, -1, @tags, @flds, @sfld, @csum, 0, '')`,
				)
				.run({now: nowMs, guid: newGuid(), mid: notetype.id, mod: secs(nowMs), tags: joinTags(tags), flds: prepared.flds, sfld: prepared.sfld, csum: prepared.csum});
			const noteId = Number(inserted.lastInsertRowid);
			const note: Note = {id: noteId, guid: '', mid: notetype.id, mod: secs(nowMs), usn: -1, tags, fields: prepared.fields, sfld: prepared.sfld, csum: prepared.csum, flags: 0, data: ''};
			const cardIds = addGeneratedCards(col, noteId, cardsToGenerate(note, notetype, []), input.deckId, placementContext(col, nowMs));
			setConfigIfChanged(col, `_nt_${notetype.id}_lastDeck`, input.deckId, nowMs);
			setConfigIfChanged(col, `_deck_${input.deckId}_lastNotetype`, notetype.id, nowMs);
			setConfigIfChanged(col, 'curModel', notetype.id, nowMs);
			result = {noteId, cardIds};
		},
		{nowMs},
	);
	return result;
}

/** How many cards deleting these notes takes with them (for the confirmation). */
export function cardCountOfNotes(col: Collection, nids: readonly number[]): number {
	let count = 0;
	const statement = col.db.prepare('SELECT count(*) FROM cards WHERE nid = ?').pluck();
	for (const nid of new Set(nids)) count += Number(statement.get(nid));
	return count;
}

/** Anki's remove_notes: each card and then the note go, each leaving a grave; revlog rows stay. */
export function removeNotes(col: Collection, nids: readonly number[], options: WriteOptions = {}): {notes: number; cards: number} {
	const nowMs = options.nowMs ?? Date.now();
	let notes = 0;
	let cards = 0;
	col.undo.run(
		UndoLabel.RemoveNote,
		() => {
			const cardIds = col.db.prepare('SELECT id FROM cards WHERE nid = ? ORDER BY id').pluck();
			const exists = col.db.prepare('SELECT 1 FROM notes WHERE id = ?');
			for (const nid of new Set(nids)) {
				if (!exists.get(nid)) continue;
				for (const cid of cardIds.all(nid) as number[]) {
					col.adapter.addGrave(cid, 0);
					col.db.prepare('DELETE FROM cards WHERE id = ?').run(cid);
					cards++;
				}
				col.adapter.addGrave(nid, 1);
				col.db.prepare('DELETE FROM notes WHERE id = ?').run(nid);
				notes++;
			}
		},
		{nowMs},
	);
	return {notes, cards};
}

function setNoteTags(col: Collection, nid: number, tags: string, nowMs: number): void {
	col.db.prepare('UPDATE notes SET mod = ?, usn = -1, tags = ? WHERE id = ?').run(secs(nowMs), tags, nid);
}

/** Anki's add_tags_to_notes: only tags, mod and usn change; returns how many notes changed. */
export function addTagsToNotes(col: Collection, nids: readonly number[], tags: string, options: WriteOptions = {}): number {
	const nowMs = options.nowMs ?? Date.now();
	let changed = 0;
	col.undo.run(
		UndoLabel.UpdateTag,
		() => {
			const add = canonifyTags(col, splitTags(tags));
			for (const note of getNotes(col, [...new Set(nids)])) {
				const updated = withTagsAdded(col.db, joinTags(note.tags), add);
				if (updated === null) continue;
				setNoteTags(col, note.id, updated, nowMs);
				changed++;
			}
		},
		{nowMs},
	);
	return changed;
}

/** Anki's remove_tags_from_notes: each tag and its children, any case; the registry stays. */
export function removeTagsFromNotes(col: Collection, nids: readonly number[], tags: string, options: WriteOptions = {}): number {
	const nowMs = options.nowMs ?? Date.now();
	const matches = tagMatcher(tags);
	let changed = 0;
	col.undo.run(
		UndoLabel.RemoveTag,
		() => {
			for (const note of getNotes(col, [...new Set(nids)])) {
				const updated = withTagsRemoved(joinTags(note.tags), matches);
				if (updated === null) continue;
				setNoteTags(col, note.id, updated, nowMs);
				changed++;
			}
		},
		{nowMs},
	);
	return changed;
}

/** The tag Anki's Mark Note adds and removes. */
export const MARKED_TAG = 'marked';

/**
 * Anki's browser Toggle Mark: the state follows the current note (marked: every chosen note loses
 * `marked`, else every one gets it), written as add_tags_to_notes / remove_tags_from_notes do.
 */
export function toggleMarkOfNotes(col: Collection, nids: readonly number[], currentNid: number, options: WriteOptions = {}): {marked: boolean; changed: number} {
	const current = noteById(col, currentNid);
	const marked = !current.tags.some(tag => unicaseEqual(tag, MARKED_TAG));
	const changed = marked ? addTagsToNotes(col, nids, MARKED_TAG, options) : removeTagsFromNotes(col, nids, MARKED_TAG, options);
	return {marked, changed};
}

export type FieldsState = 'normal' | 'empty' | 'duplicate' | 'missingCloze' | 'notetypeNotCloze' | 'fieldNotCloze';

/** Anki's messages for the states the Add window refuses or asks about (ftl adding-*). */
export const FIELDS_MESSAGES: Record<Exclude<FieldsState, 'normal' | 'duplicate'>, string> = {
	empty: 'The first field is empty.',
	missingCloze: 'You have a cloze note type but have not made any cloze deletions.',
	notetypeNotCloze: 'Cloze deletion can only be used on cloze note types.',
	fieldNotCloze: "Cloze deletion can only be used in fields which use the 'cloze:' filter. This is typically the first field.",
};

function clozeFieldNames(nodes: readonly TemplateNode[], out: Set<string>): Set<string> {
	for (const node of nodes) {
		if (node.kind === 'replacement' && node.filters.includes('cloze')) out.add(node.key);
		else if (node.kind === 'conditional') clozeFieldNames(node.children, out);
	}
	return out;
}

/** Fields a cloze notetype's front template uses with `cloze:` (Notetype::cloze_fields). */
function clozeFieldOrds(notetype: Notetype): Set<number> {
	const front = notetype.templates[0]?.qfmt;
	if (notetype.kind !== 'cloze' || front === undefined) return new Set();
	let names: Set<string>;
	try {
		names = clozeFieldNames(parseTemplateCached(front), new Set());
	} catch {
		return new Set();
	}
	return new Set(notetype.fields.filter(f => names.has(f.name)).map(f => f.ord));
}

export interface FieldsCheck {
	state: FieldsState;
	/** Notes of the same notetype whose first field is the same (state 'duplicate'). */
	duplicates: number[];
}

/** Anki's note_fields_check: cloze use, an empty first field, a duplicate first field. */
export function checkNoteFields(col: Collection, notetype: Notetype, fields: readonly string[], noteId = 0): FieldsCheck {
	const clozeOrds = clozeFieldOrds(notetype);
	let clozeState: FieldsState = 'normal';
	let hasCloze = false;
	for (const [ord, field] of fields.entries()) {
		if (clozeNumbersInString(field).size === 0) continue;
		if (notetype.kind !== 'cloze') {
			clozeState = 'notetypeNotCloze';
			break;
		}
		if (!clozeOrds.has(ord)) {
			clozeState = 'fieldNotCloze';
			break;
		}
		hasCloze = true;
	}
	if (clozeState === 'normal' && notetype.kind === 'cloze' && !hasCloze) clozeState = 'missingCloze';
	if (clozeState === 'fieldNotCloze') return {state: clozeState, duplicates: []};
	const first = normalizesText(col) ? (fields[0] ?? '').normalize('NFC') : (fields[0] ?? '');
	const stripped = stripHtmlPreservingMediaFilenames(first);
	if (stripped.trim() === '') return {state: 'empty', duplicates: []};
	if (clozeState !== 'normal') return {state: clozeState, duplicates: []};
	const duplicates = notesWithFirstField(col, notetype.id, first).filter(id => id !== noteId);
	return {state: duplicates.length > 0 ? 'duplicate' : 'normal', duplicates};
}
