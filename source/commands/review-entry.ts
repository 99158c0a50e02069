// `anki-tui` and `anki-tui review [FILE] [--deck NAME]`. A package is imported into the local
// collection first, so progress persists from one run to the next, and its top deck is studied.
import {checkInputFile, checkNamedCollection, openInput} from './open-input.js';
import {loadDeckTree} from '../core/overview/load-deck-tree.js';
import type {CommandContext} from './flags.js';
import {printErr} from './terminal-output.js';
import {firstPaint} from './first-paint.js';

/** The package's main deck: the top-level deck holding the most cards. */
async function topDeckOf(file: string): Promise<string | undefined> {
	const input = await openInput(file, {readOnly: true});
	try {
		const roots = loadDeckTree(input.collection, new Date());
		return [...roots].sort((a, b) => (b.cards ?? 0) - (a.cards ?? 0))[0]?.name;
	} finally {
		input.close();
	}
}

export async function runReviewCommand({file, flags, color}: CommandContext): Promise<number> {
	let deck = flags.deck;
	let collection = flags.collection;
	let target = file;
	// Both checked before anything is imported or created.
	const kind = file === undefined ? undefined : checkInputFile(file);
	checkNamedCollection(flags.collection);
	if (file !== undefined && kind === 'zip') {
		deck ??= await topDeckOf(file);
		const {importIntoCollection} = await import('./import.js');
		const {summary, collectionPath} = await importIntoCollection(file, flags.collection);
		if (summary.notesAdded + summary.notesUpdated > 0) {
			printErr(`Imported ${summary.notesAdded} new and ${summary.notesUpdated} updated notes into ${collectionPath}\n`);
		}
		collection = collectionPath;
		target = undefined;
	}
	// The deck list's first frame goes up before the reviewer's code loads (commands/first-paint.ts).
	const opened = deck === undefined && kind !== 'zip' ? await firstPaint({file: target, collection, noColor: !color}) : null;
	try {
		const {runReview} = await import('./review.js');
		return await runReview({file: target, collection, deck, noColor: !color, opened: opened ?? undefined});
	} catch (error) {
		opened?.undo();
		throw error;
	}
}
