// Which cards a note should have (rslib notetype/cardgen.rs). For a reviewer the cards table is the
// truth (Anki never deletes cards by itself); this answers "what would Anki generate".
import type {Note, Notetype} from '../model.js';
import {clozeNumbersInFields} from './cloze.js';
import {nonEmptyKeys} from './empty.js';
import {noteFieldMap} from './special-fields.js';
import {parseTemplateCached} from './template/parser.js';
import {rendersWithFields} from './template/render.js';

/** Template ordinals (standard) or cloze ordinals minus one (cloze) that would get a card. */
export function cardOrdinalsForNote(note: Note, notetype: Notetype): number[] {
	let ords: number[];
	if (notetype.kind === 'cloze') {
		ords = [...clozeNumbersInFields(note.fields)].map((n) => Math.min(n - 1, 499));
		ords = [...new Set(ords)].sort((a, b) => a - b);
	} else {
		const nonEmpty = nonEmptyKeys(noteFieldMap(note, notetype));
		// Tags count when the note has some (so `{{#Tags}}` can generate a card).
		if (note.tags.length > 0) nonEmpty.add('Tags');
		ords = [];
		for (const template of [...notetype.templates].sort((a, b) => a.ord - b.ord)) {
			try {
				if (rendersWithFields(parseTemplateCached(template.qfmt), nonEmpty)) ords.push(template.ord);
			} catch {
				// A template that does not parse never generates a card.
			}
		}
	}
	// A note always keeps at least one card.
	return ords.length > 0 ? ords : [0];
}
