// Bulk reads for listing cards with their notes (the `show` command), in one pass over a join so
// thousands of cards render per second.
import type {Card, Note} from '../model.js';
import type {Collection} from './types.js';

export interface CardWithNote {
	card: Card;
	note: Note;
}

interface Row extends Card {
	n_guid: string;
	n_mid: number;
	n_mod: number;
	n_usn: number;
	n_tags: string;
	n_flds: string;
	n_sfld: string | number;
	n_csum: number;
	n_flags: number;
	n_data: string;
}

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
		n.guid AS n_guid, n.mid AS n_mid, n.mod AS n_mod, n.usn AS n_usn, n.tags AS n_tags, n.flds AS n_flds,
		n.sfld AS n_sfld, n.csum AS n_csum, n.flags AS n_flags, n.data AS n_data
		FROM cards c JOIN notes n ON n.id = c.nid
		${where.length ? `WHERE ${where.join(' AND ')}` : ''}
		ORDER BY c.nid, c.ord`;
	for (const row of collection.db.prepare(sql).iterate(...params) as IterableIterator<Row>) {
		const card: Card = {
			id: row.id,
			nid: row.nid,
			did: row.did,
			ord: row.ord,
			mod: row.mod,
			usn: row.usn,
			type: row.type,
			queue: row.queue,
			due: row.due,
			ivl: row.ivl,
			factor: row.factor,
			reps: row.reps,
			lapses: row.lapses,
			left: row.left,
			odue: row.odue,
			odid: row.odid,
			flags: row.flags,
			data: row.data,
		};
		const note: Note = {
			id: row.nid,
			guid: row.n_guid,
			mid: row.n_mid,
			mod: row.n_mod,
			usn: row.n_usn,
			tags: parseTags(row.n_tags),
			fields: row.n_flds.split('\x1f'),
			sfld: row.n_sfld,
			csum: row.n_csum,
			flags: row.n_flags,
			data: row.n_data,
		};
		yield {card, note};
	}
}
