// Editing a note, or adding one, through the editor document (editor-document.ts): the document to
// open, and what to do with the text the user saved: write it (one undoable step), report that
// nothing changed, cancel, or reopen the editor with the problem on top.
import {getCard} from '../collection/cards.js';
import type {Collection} from '../collection/types.js';
import {unicaseEqual} from '../collection/unicase-fold.js';
import {AnkiTuiError} from '../errors.js';
import type {Notetype} from '../model.js';
import {deckForCardsByName} from './adding.js';
import {parseDocument, renderDocument, standardComments, withProblems, type DocumentLayout} from './editor-document.js';
import {addNote, checkNoteFields, FIELDS_MESSAGES, noteById, notetypeById, updateNote, type WriteOptions} from './notes.js';

export type EditTarget =
	/** An existing note; with a card, the document shows the card's deck. */
	| {kind: 'note'; noteId: number; cardId?: number}
	/** A new note of this notetype in this deck, optionally prefilled (by field index). */
	| {kind: 'add'; notetypeId: number; deckId: number; fields?: ReadonlyArray<string | undefined>; tags?: readonly string[]};

export type EditOutcome =
	| {kind: 'cancelled'}
	| {kind: 'unchanged'}
	| {kind: 'saved'; label: 'Update Note' | 'Add Note'; noteId: number; newCardIds: number[]; warnings: string[]}
	| {kind: 'reopen'; text: string};

export interface EditSession {
	/** The document to open first. */
	readonly text: string;
	/** A file name for the temp file (editors pick a mode from it). */
	readonly fileName: string;
	apply(edited: string, options?: WriteOptions): EditOutcome;
}

function deckName(col: Collection, id: number): string {
	return col.adapter.decks().find(d => d.id === id)?.name ?? String(id);
}

/** The duplicate warning in Anki's words ("Show Duplicates" is how its editor offers them). */
function duplicateWarning(notetype: Notetype, ids: number[]): string {
	return `the first field is a duplicate of note ${ids.join(', ')} (Show Duplicates: anki-tui search "nid:${ids.join(',')}"); notetype ${notetype.name}.`;
}

export function startEdit(col: Collection, target: EditTarget): EditSession {
	return target.kind === 'note' ? editExisting(col, target) : editNew(col, target);
}

function editExisting(col: Collection, target: Extract<EditTarget, {kind: 'note'}>): EditSession {
	const note = noteById(col, target.noteId);
	const notetype = notetypeById(col, note.mid);
	const card = target.cardId === undefined ? null : getCard(col.db, target.cardId);
	if (target.cardId !== undefined && (!card || card.nid !== note.id)) {
		throw new AnkiTuiError(`card ${target.cardId} is not a card of note ${note.id}.`, 64);
	}
	const layout: DocumentLayout = {fieldNames: notetype.fields.map(f => f.name), deck: card !== null};
	const shownDeck = card ? deckName(col, card.did) : undefined;
	const title = `Editing note ${note.id} (${notetype.name})${card ? `, card in deck "${shownDeck}"` : ''}.`;
	const text = renderDocument(layout, {comments: standardComments(title), fields: note.fields, tags: note.tags, ...(shownDeck === undefined ? {} : {deck: shownDeck})});
	return {
		text,
		fileName: `anki-note-${note.id}.txt`,
		apply(edited, options = {}) {
			const parsed = parseDocument(layout, edited, text);
			if (parsed.kind === 'cancelled') return {kind: 'cancelled'};
			if (parsed.kind === 'invalid') return {kind: 'reopen', text: withProblems(edited, [parsed.problem])};
			if (shownDeck !== undefined && parsed.content.deck !== shownDeck) {
				return {
					kind: 'reopen',
					text: withProblems(edited, [`this editor does not move cards between decks; put "${shownDeck}" back under "## Deck" (the browser's Change Deck moves cards).`]),
				};
			}
			// Untouched sections keep the stored value byte for byte.
			const fields = parsed.content.fields.map((value, index) => (parsed.untouched[index] ? note.fields[index]! : value));
			const tagsUntouched = parsed.content.tags.join(' ') === note.tags.join(' ');
			const result = updateNote(col, note.id, {fields, tags: tagsUntouched ? note.tags : parsed.content.tags}, options);
			if (!result.changed) return {kind: 'unchanged'};
			return {kind: 'saved', label: 'Update Note', noteId: note.id, newCardIds: result.newCardIds, warnings: []};
		},
	};
}

function editNew(col: Collection, target: Extract<EditTarget, {kind: 'add'}>): EditSession {
	const notetype = notetypeById(col, target.notetypeId);
	const layout: DocumentLayout = {fieldNames: notetype.fields.map(f => f.name), deck: true};
	const deck = deckName(col, target.deckId);
	const title = `Adding a note of type "${notetype.name}" (--notetype picks another).`;
	const text = renderDocument(layout, {
		comments: standardComments(title),
		fields: notetype.fields.map((_, index) => target.fields?.[index] ?? ''),
		tags: target.tags ?? [],
		deck,
	});
	// Anki asks before adding a cloze note without clozes; saving the same text again answers yes.
	let confirmedWithoutCloze: string | null = null;
	return {
		text,
		fileName: `anki-new-note.txt`,
		apply(edited, options = {}) {
			const parsed = parseDocument(layout, edited, text);
			if (parsed.kind === 'cancelled') return {kind: 'cancelled'};
			if (parsed.kind === 'invalid') return {kind: 'reopen', text: withProblems(edited, [parsed.problem])};
			const {fields, tags} = parsed.content;
			let deckId = target.deckId;
			if (!unicaseEqual(parsed.content.deck ?? deck, deck)) {
				try {
					deckId = deckForCardsByName(col, parsed.content.deck!).id;
				} catch (error) {
					if (!(error instanceof AnkiTuiError)) throw error;
					return {kind: 'reopen', text: withProblems(edited, [error.message])};
				}
			}
			const check = checkNoteFields(col, notetype, fields);
			const warnings: string[] = [];
			switch (check.state) {
				case 'empty':
				case 'notetypeNotCloze':
				case 'fieldNotCloze':
					return {kind: 'reopen', text: withProblems(edited, [FIELDS_MESSAGES[check.state]])};
				case 'missingCloze': {
					const key = JSON.stringify(parsed.content);
					if (confirmedWithoutCloze !== key) {
						confirmedWithoutCloze = key;
						return {kind: 'reopen', text: withProblems(edited, [`${FIELDS_MESSAGES.missingCloze} Save again without changes to add it anyway.`])};
					}
					break;
				}
				case 'duplicate':
					warnings.push(duplicateWarning(notetype, check.duplicates));
					break;
				case 'normal':
					break;
			}
			const added = addNote(col, {notetypeId: notetype.id, deckId, fields, tags}, options);
			return {kind: 'saved', label: 'Add Note', noteId: added.noteId, newCardIds: added.cardIds, warnings};
		},
	};
}
