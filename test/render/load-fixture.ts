// Reads a real Anki file for the render tests through the project's own readers: a package is
// opened with core/package (its private extracted copy), a collection read-only with
// core/collection; notetypes and decks come from the schema adapter.
import {openCollection} from '../../source/core/collection/open.js';
import {CARD_COLUMNS} from '../../source/core/collection/cards.js';
import {noteFromRow, type NoteRow} from '../../source/core/collection/notes.js';
import type {Collection} from '../../source/core/collection/types.js';
import {openPackage} from '../../source/core/package/open-package.js';
import type {Card, Note, Notetype} from '../../source/core/model.js';

export interface LoadedCollection {
	schema: number;
	notetypes: Map<number, Notetype>;
	notes: Map<number, Note>;
	cards: Card[];
	decks: Map<number, string>;
	media: Set<string>;
	deckNameFor(card: Card): string;
}

export async function loadFixture(file: string): Promise<LoadedCollection & {cleanup: () => void}> {
	let col: Collection;
	let media = new Set<string>();
	let cleanup: () => void;
	if (/\.(apkg|colpkg)$/.test(file)) {
		const pkg = await openPackage(file);
		try {
			col = openCollection(pkg.collectionPath, {readOnly: true, privateCopy: true});
		} catch (error) {
			pkg.cleanup();
			throw error;
		}
		media = new Set(pkg.media.names);
		cleanup = () => {
			col.close();
			pkg.cleanup();
		};
	} else {
		col = openCollection(file, {readOnly: true});
		cleanup = () => col.close();
	}
	try {
		const notetypes = new Map(col.adapter.notetypes().map((nt) => [nt.id, nt]));
		const decks = new Map(col.adapter.decks().map((deck) => [deck.id, deck.name]));
		const noteRows = col.db.prepare('SELECT id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data FROM notes').all() as NoteRow[];
		const notes = new Map(noteRows.map((row) => [row.id, noteFromRow(row)]));
		const cards = col.db.prepare(`SELECT ${CARD_COLUMNS} FROM cards ORDER BY id`).all() as Card[];
		return {
			schema: col.adapter.schemaVersion,
			notetypes,
			notes,
			cards,
			decks,
			media,
			deckNameFor: (card: Card) => decks.get(card.odid || card.did) ?? '(Deck)',
			cleanup,
		};
	} catch (error) {
		cleanup();
		throw error;
	}
}
