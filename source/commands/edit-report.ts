// What edit and add print once the editor round is over.
import type {Collection} from '../core/collection/types.js';
import type {EditRun} from '../core/notes/external-editor.js';
import {printErr, printOut} from './terminal-output.js';

export function reportEditRun(run: EditRun, col: Collection): number {
	switch (run.kind) {
		case 'editor-failed':
			printErr(`anki-tui: ${run.editor} exited with status ${run.status ?? 'unknown'}; nothing was written.\n`);
			return 1;
		case 'cancelled':
			printErr('anki-tui: the document was emptied; nothing was written.\n');
			return 1;
		case 'unchanged':
			printOut('Nothing changed.\n');
			return 0;
		case 'saved': {
			for (const warning of run.warnings) printErr(`anki-tui: warning: ${warning}\n`);
			const cards = run.newCardIds.length ? `; ${run.label === 'Add Note' ? 'cards' : 'new cards'} ${run.newCardIds.join(', ')}` : '';
			const deckIds = new Set(
				run.newCardIds.map(id => Number(col.db.prepare('SELECT did FROM cards WHERE id = ?').pluck().get(id))),
			);
			const decks = col.adapter.decks().filter(d => deckIds.has(d.id)).map(d => `"${d.name}"`);
			const where = run.label === 'Add Note' && decks.length ? ` in ${decks.join(', ')}` : '';
			printOut(`${run.label === 'Add Note' ? 'Added' : 'Updated'} note ${run.noteId}${cards}${where}.\n`);
			return 0;
		}
	}
}
