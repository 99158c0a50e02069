// Resolving a --deck NAME to the deck and its subdecks, with Anki's case-insensitive names.
import {UsageError} from '../errors.js';
import type {Deck} from '../model.js';

export function findDeck(decks: Deck[], name: string): Deck | undefined {
	const wanted = name.trim().toLowerCase();
	return decks.find((deck) => deck.name.toLowerCase() === wanted);
}

/** The deck named NAME and all its subdecks; a clear error listing choices when it does not exist. */
export function deckIdsForName(decks: Deck[], name: string): number[] {
	const deck = findDeck(decks, name);
	if (!deck) throw unknownDeckError(decks, name);
	const prefix = `${deck.name.toLowerCase()}::`;
	return decks.filter((d) => d.id === deck.id || d.name.toLowerCase().startsWith(prefix)).map((d) => d.id);
}

/** "No deck named X", with the first few decks to choose from. */
export function unknownDeckError(decks: Deck[], name: string): UsageError {
	const names = decks.map((d) => d.name).sort();
	const shown = names.slice(0, 8).join(', ') + (names.length > 8 ? ', ...' : '');
	return new UsageError(`No deck named "${name}". Decks: ${shown}. Run anki-tui decks to see them all.`);
}
