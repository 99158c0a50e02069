// `anki-tui deck create|rename|delete [FILE] NAME ...`: decks as Anki's deck browser changes them.
import {UsageError} from '../core/errors.js';
import {createDeck, deckNamed, deckRemoval, removeDeck, renameDeck} from '../core/study/decks.js';
import type {Flags} from './flags.js';
import {printJson} from './json-output.js';
import {ask, printErr, printOut} from './terminal-output.js';
import {openForWriting} from './write-input.js';

export interface WordsCommandContext {
	/** Everything after the command name. */
	args: string[];
	flags: Flags;
	color: boolean;
}

const USAGE = 'anki-tui deck create NAME | deck rename NAME NEW-NAME | deck delete NAME [--yes]';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Asks on the terminal; false when there is none to ask on. */
async function confirm(question: string): Promise<boolean> {
	if (!process.stdin.isTTY) return false;
	return /^y(es)?$/i.test((await ask(process.stdin, process.stderr, `${question} [y/N] `)).trim());
}

export async function runDeck({args, flags}: WordsCommandContext): Promise<number> {
	const [action, ...rest] = args;
	if (action !== 'create' && action !== 'rename' && action !== 'delete') {
		throw new UsageError(`deck needs an action: ${USAGE}`);
	}
	const input = await openForWriting(rest, flags);
	try {
		const {col, words} = input;
		const want = (count: number) => {
			if (words.length !== count) throw new UsageError(`deck ${action} takes ${count === 1 ? 'a deck name' : 'a deck name and the new name'} (quote names with spaces): ${USAGE}`);
		};
		if (action === 'create') {
			want(1);
			const {id, created} = createDeck(col, words[0]!);
			const name = col.adapter.decks().find(d => d.id === id)!.name;
			if (flags.json) printJson({id, name, created});
			else printOut(created ? `Created deck "${name}".\n` : `Deck "${name}" already exists; nothing changed.\n`);
			return 0;
		}
		if (action === 'rename') {
			want(2);
			const deck = deckNamed(col, words[0]!);
			const name = renameDeck(col, deck.id, words[1]!);
			if (flags.json) printJson({id: deck.id, from: deck.name, name});
			else printOut(`Renamed "${deck.name}" to "${name}".\n`);
			return 0;
		}
		want(1);
		const deck = deckNamed(col, words[0]!);
		const removal = deckRemoval(col, deck.id);
		const what = `"${deck.name}"${removal.decks.length > 1 ? ` and its ${plural(removal.decks.length - 1, 'subdeck')}` : ''}`;
		if (removal.cards > 0 && !flags.yes) {
			// Anki 2.1 asked "Are you sure you wish to delete X? It has N cards."; scripts say --yes.
			const asked = await confirm(`Delete ${what}? It has ${plural(removal.cards, 'card')}.`);
			if (!asked) {
				if (!process.stdin.isTTY) throw new UsageError(`${what} has ${plural(removal.cards, 'card')}; add --yes to delete them with it.`);
				printErr('Nothing deleted.\n');
				return 1;
			}
		}
		const cards = removeDeck(col, deck.id);
		if (flags.json) printJson({id: deck.id, name: deck.name, decks: removal.decks.length, cardsDeleted: cards});
		else printOut(`Deleted ${what}: ${plural(cards, 'card')} deleted.${col.backupPath ? ` Backup: ${col.backupPath}` : ''}\n`);
		return 0;
	} finally {
		input.close();
	}
}
