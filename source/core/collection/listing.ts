// Bulk reads for listing cards with their notes (the `show` command), in one pass over a join so
// thousands of cards render per second.
import type {Card, Note} from '../model.js';
import type {Collection} from './types.js';

export interface CardWithNote {
	card: Card;
	note: Note;
}

/** One joined row, read as an array (no per-row object with 28 named keys): the columns of SQL below. */
type Row = [
	id: number, nid: number, did: number, ord: number, mod: number, usn: number, type: number, queue: number, due: number,
	ivl: number, factor: number, reps: number, lapses: number, left: number, odue: number, odid: number, flags: number,
	data: string, guid: string, mid: number, noteMod: number, noteUsn: number, tags: string, flds: string,
	sfld: string | number, csum: number, noteFlags: number, noteData: string,
];

/** Tags as Anki stores them: space separated (U+3000 too), with surrounding spaces. */
export function parseTags(tags: string): string[] {
	return tags.split(/[ \u3000]+/).filter((tag) => tag.length > 0);
}

/** Cards (optionally only those in the given decks, or one card) with their notes, in deck and due order. */
export function* cardsWithNotes(collection: Collection, filter: {deckIds?: number[]; cardId?: number} = {}): Generator<CardWithNote> {
	const where: string[] = [];
	const params: number[] = [];
	if (filter.cardId !== undefined) {
		where.push('c.id = ?');
		params.push(filter.cardId);
	}
	if (filter.deckIds) {
		// A card in a filtered deck belongs to its home deck too (odid), as Anki's deck search does.
		const marks = filter.deckIds.map(() => '?').join(',');
		where.push(`(c.did IN (${marks}) OR c.odid IN (${marks}))`);
		params.push(...filter.deckIds, ...filter.deckIds);
	}
	const sql = `SELECT c.id, c.nid, c.did, c.ord, c.mod, c.usn, c.type, c.queue, c.due, c.ivl, c.factor, c.reps,
		c.lapses, c.left, c.odue, c.odid, c.flags, c.data,
		n.guid, n.mid, n.mod, n.usn, n.tags, n.flds, n.sfld, n.csum, n.flags, n.data
		FROM cards c JOIN notes n ON n.id = c.nid
		${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		ORDER BY c.nid, c.ord`;
	for (const row of collection.db.prepare(sql).raw().iterate(...params) as IterableIterator<Row>) {
		const card: Card = {
			id: row[0],
			nid: row[1],
			did: row[2],
			ord: row[3],
			mod: row[4],
			usn: row[5],
			type: row[6],
			queue: row[7],
			due: row[8],
			ivl: row[9],
			factor: row[10],
			reps: row[11],
			lapses: row[12],
			left: row[13],
			odue: row[14],
			odid: row[15],
			flags: row[16],
			data: row[17],
		};
		const note: Note = {
			id: row[1],
			guid: row[18],
			mid: row[19],
			mod: row[20],
			usn: row[21],
			tags: parseTags(row[22]),
			fields: row[23].split('\x1f'),
			sfld: row[24],
			csum: row[25],
			flags: row[26],
			data: row[27],
		};
		yield {card, note};
	}
}
