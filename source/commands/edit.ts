// `anki-tui edit NOTE_ID [--field NAME=VALUE ...] [--tags "a b"]`: edits a note of your collection,
// in $VISUAL / $EDITOR on the editor document, or straight from the flags for scripts.
import {startEdit} from '../core/notes/edit-flow.js';
import {editWithExternalEditor} from '../core/notes/external-editor.js';
import {noteById, notetypeById, updateNote} from '../core/notes/notes.js';
import type {CommandContext} from './flags.js';
import {openOwnCollection} from './open-input.js';
import {reportEditRun} from './edit-report.js';
import {fieldsFromFlags, parseId, tagsFromFlags} from './note-input.js';
import {printOut} from './terminal-output.js';

export async function runEdit({file, flags}: CommandContext): Promise<number> {
	const noteId = parseId(file, 'note', 'anki-tui edit NOTE_ID');
	const col = openOwnCollection(flags.collection);
	try {
		const scripted = (flags.field?.length ?? 0) > 0 || flags.tags !== undefined;
		if (scripted) {
			const note = noteById(col, noteId);
			const given = fieldsFromFlags(notetypeById(col, note.mid), flags);
			const fields = note.fields.map((value, index) => given[index] ?? value);
			const result = updateNote(col, noteId, {fields, tags: tagsFromFlags(flags) ?? note.tags});
			printOut(
				result.changed
					? `Updated note ${noteId}${result.newCardIds.length ? `; new cards ${result.newCardIds.join(', ')}` : ''}.\n`
					: `Note ${noteId} unchanged.\n`,
			);
			return 0;
		}
		return reportEditRun(editWithExternalEditor(startEdit(col, {kind: 'note', noteId})), col);
	} finally {
		col.close();
	}
}
