// Deck names as Anki normalizes and compares them (rslib decks/name.rs): `::` between levels, each
// level NFC with ASCII control characters removed and outer whitespace and colons trimmed, an
// empty level becoming "blank"; two names are the same deck when they match case-insensitively
// (the unicase collation of `decks.name`).
import type {Deck} from '../model.js';

const CONTROL = /[\u0000-\u001F\u007F]/g;
const OUTER = /^[\p{White_Space}:]+|[\p{White_Space}:]+$/gu;

/** One level of a name, normalized (normalized_deck_name_component). */
function normalizeComponent(component: string): string {
	const trimmed = component.normalize('NFC').replace(CONTROL, '').replace(OUTER, '');
	return trimmed === '' ? 'blank' : trimmed;
}

/** A name as the user typed it, as Anki stores it (NativeDeckName::from_human_name). */
export function normalizeDeckName(name: string): string {
	return name.split('::').map(normalizeComponent).join('::');
}

/** The key two deck names compare equal by. */
export function deckNameKey(name: string): string {
	return name.toLowerCase();
}

/** The deck with exactly this (normalized) name, compared as Anki does. */
export function deckWithName(decks: readonly Deck[], name: string): Deck | undefined {
	const key = deckNameKey(name);
	return decks.find(deck => deckNameKey(deck.name) === key);
}

/** The name of the deck's parent, or null for a top-level deck. */
export function parentName(name: string): string | null {
	const cut = name.lastIndexOf('::');
	return cut < 0 ? null : name.slice(0, cut);
}

/** The deck's descendants (not itself), in name order as Anki lists them (child_decks). */
export function descendantsOf(decks: readonly Deck[], deck: Deck): Deck[] {
	const prefix = deckNameKey(`${deck.name}::`);
	return decks.filter(d => d.id !== deck.id && deckNameKey(d.name).startsWith(prefix)).sort((a, b) => compareNative(a.name, b.name));
}

/**
 * Anki orders names as stored, levels separated by \x1f (which sorts before every printable
 * character), compared by the unicase collation.
 */
function compareNative(a: string, b: string): number {
	const x = deckNameKey(a).replaceAll('::', '\u001F');
	const y = deckNameKey(b).replaceAll('::', '\u001F');
	return x < y ? -1 : x > y ? 1 : 0;
}
