// Which cards a note should have (rslib notetype/cardgen.rs). For a reviewer the cards table is the
// truth (Anki never deletes cards by itself); this answers "what would Anki generate".
import type {Note, Notetype} from '../model.js';
import {clozeNumbersInFields} from './cloze.js';
import {nonEmptyKeys} from './empty.js';
import {noteFieldMap} from './special-fields.js';
import {parseTemplateCached} from './template/parser.js';
import {rendersWithFields} from './template/render.js';

/** Special fields that count as non-empty when generating cards, unless a real field has the name (notetype/mod.rs SPECIAL_FIELDS less FrontSide). */
const SPECIAL_NON_EMPTY = ['Card', 'CardFlag', 'Deck', 'Subdeck', 'Type', 'CardID'];

/**
 * Template ordinals (standard) or cloze ordinals minus one (cloze) whose card Anki requires for
 * this note, without the "at least one card" fallback (rslib new_cards_required_normal/_cloze).
 */
export function requiredCardOrdinals(note: Note, notetype: Notetype): number[] {
	if (notetype.kind === 'cloze') {
		const ords = [...clozeNumbersInFields(note.fields)].map((n) => Math.min(n - 1, 499));
		return [...new Set(ords)].sort((a, b) => a - b);
	}
	const nonEmpty = nonEmptyKeys(noteFieldMap(note, notetype));
	const names = new Set(notetype.fields.map((field) => field.name));
	for (const special of SPECIAL_NON_EMPTY) if (!names.has(special)) nonEmpty.add(special);
	// Tags count when the note has some (so `{{#Tags}}` can generate a card).
	if (!names.has('Tags') && note.tags.length > 0) nonEmpty.add('Tags');
	const ords: number[] = [];
	for (const template of [...notetype.templates].sort((a, b) => a.ord - b.ord)) {
		try {
			if (rendersWithFields(parseTemplateCached(template.qfmt), nonEmpty)) ords.push(template.ord);
		} catch {
			// A template that does not parse never generates a card.
		}
	}
	return ords;
}

/** Template ordinals (standard) or cloze ordinals minus one (cloze) that would get a card. */
export function cardOrdinalsForNote(note: Note, notetype: Notetype): number[] {
	const ords = requiredCardOrdinals(note, notetype);
	// A note always keeps at least one card.
	return ords.length > 0 ? ords : [0];
}
