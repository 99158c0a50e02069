// `anki-tui add [--deck NAME] [--notetype NAME] [--field NAME=VALUE ...] [--tags "a b"]`: adds a note
// to your collection. Without --field the editor opens on the notetype's fields; the notetype and
// deck start as Anki's Add window would pick them (the ones last used).
import {UsageError} from '../core/errors.js';
import {addingTarget, deckForCardsByName, notetypeByName} from '../core/notes/adding.js';
import {startEdit} from '../core/notes/edit-flow.js';
import {editWithExternalEditor} from '../core/notes/external-editor.js';
import {addNote, checkNoteFields, FIELDS_MESSAGES} from '../core/notes/notes.js';
import {reportEditRun} from './edit-report.js';
import type {CommandContext} from './flags.js';
import {openOwnCollection} from './open-input.js';
import {fieldsFromFlags, tagsFromFlags} from './note-input.js';
import {printErr, printOut} from './terminal-output.js';

export async function runAdd({file, flags}: CommandContext): Promise<number> {
	if (file !== undefined) throw new UsageError(`anki-tui add takes no FILE ("${file}"); use --collection PATH for another collection.`);
	const col = openOwnCollection(flags.collection);
	try {
		const {notetype, deck} = addingTarget(col, {
			notetypeId: flags.notetype === undefined ? undefined : notetypeByName(col, flags.notetype).id,
			deckId: flags.deck === undefined ? undefined : deckForCardsByName(col, flags.deck).id,
		});
		const given = fieldsFromFlags(notetype, flags);
		const tags = tagsFromFlags(flags) ?? [];
		if ((flags.field?.length ?? 0) === 0) {
			return reportEditRun(
				editWithExternalEditor(startEdit(col, {kind: 'add', notetypeId: notetype.id, deckId: deck.id, fields: given, tags})),
				col,
			);
		}
		const fields = given.map(value => value ?? '');
		const check = checkNoteFields(col, notetype, fields);
		if (check.state !== 'normal' && check.state !== 'duplicate') throw new UsageError(FIELDS_MESSAGES[check.state]);
		if (check.state === 'duplicate') {
			printErr(`anki-tui: warning: the first field is a duplicate of note ${check.duplicates.join(', ')}; added anyway, as Anki does.\n`);
		}
		const added = addNote(col, {notetypeId: notetype.id, deckId: deck.id, fields, tags});
		printOut(`Added note ${added.noteId}; cards ${added.cardIds.join(', ')} in "${deck.name}".\n`);
		return 0;
	} finally {
		col.close();
	}
}
