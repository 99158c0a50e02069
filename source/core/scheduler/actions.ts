// Bury, suspend, flag and mark (rslib card/mod.rs set_flag, scheduler/bury_and_suspend.rs,
// tags for `marked`/`leech`): each change sets the row's mod (secs) and usn -1, as Anki does.
import type Database from 'better-sqlite3';
import {cardsOfNote, getCard, updateCard} from '../collection/cards.js';
import {hasNoteTag, noteTagState, noteTags, setNoteTags} from '../collection/note-tags.js';
import type {Collection} from '../collection/types.js';
import {CardQueue, type Card} from '../model.js';
import {canonifyTags, dedupeAndSortTags} from '../notes/tags.js';

export const MARKED_TAG = 'marked';

export interface NoteTagSnapshot {
	nid: number;
	state: {tags: string; mod: number; usn: number};
}

/** Changes made by one action: the rows as they were, to undo it. */
export interface ChangeSet {
	cards: Card[];
	notes: NoteTagSnapshot[];
}

function changed(card: Card, nowSecs: number): Card {
	return {...card, mod: nowSecs, usn: -1};
}

/** Moves cards to a queue (buried or suspended); cards already there, or suspended when burying, stay. */
export function setQueue(db: Database.Database, cards: Card[], queue: number, nowSecs: number): ChangeSet {
	const before: Card[] = [];
	for (const card of cards) {
		if (card.queue === queue) continue;
		if (queue !== CardQueue.Suspended && card.queue === CardQueue.Suspended) continue;
		before.push(card);
		updateCard(db, {...changed(card, nowSecs), queue});
	}
	return {cards: before, notes: []};
}

export function buryCards(db: Database.Database, cards: Card[], nowSecs: number): ChangeSet {
	return setQueue(db, cards, CardQueue.UserBuried, nowSecs);
}

export function suspendCards(db: Database.Database, cards: Card[], nowSecs: number): ChangeSet {
	return setQueue(db, cards, CardQueue.Suspended, nowSecs);
}

export function noteCards(db: Database.Database, nid: number): Card[] {
	return cardsOfNote(db, nid);
}

/** Sets the user flag (low 3 bits), keeping the other bits; the same flag again clears it. */
export function flagCard(db: Database.Database, cardId: number, flag: number, nowSecs: number): ChangeSet {
	const card = getCard(db, cardId);
	if (!card) return {cards: [], notes: []};
	const current = card.flags & 0b111;
	const next = flag === current ? 0 : flag & 0b111;
	updateCard(db, {...changed(card, nowSecs), flags: (card.flags & ~0b111) | next});
	return {cards: [card], notes: []};
}

/** Adds or removes one tag on a note, registering a new tag with the collection. */
export function setNoteTag(col: Collection, nid: number, tag: string, present: boolean, nowSecs: number): NoteTagSnapshot | null {
	const state = noteTagState(col.db, nid);
	const tags = noteTags(col.db, nid);
	if (!state || !tags) return null;
	const has = hasNoteTag(tags, tag);
	if (has === present) return null;
	// Anki adds the tag and saves the note through update_note, which canonifies its tags: the
	// registry's spelling (new ones registered) and unicase order.
	const next = present ? dedupeAndSortTags(col.db, [...tags, ...canonifyTags(col, [tag])]) : tags.filter(t => t.toLowerCase() !== tag.toLowerCase());
	setNoteTags(col.db, nid, next, nowSecs);
	return {nid, state};
}

export function toggleNoteTag(col: Collection, nid: number, tag: string, nowSecs: number): NoteTagSnapshot | null {
	const tags = noteTags(col.db, nid) ?? [];
	return setNoteTag(col, nid, tag, !hasNoteTag(tags, tag), nowSecs);
}
