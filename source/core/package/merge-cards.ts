// Cards and review history on import (rslib apkg/import/cards.rs): a card is added when its note
// was imported (or matched) and that note has no card with the same template ord yet; day-based
// due dates move by the difference between the two collections' day numbers; review history
// follows the added cards. All of it in SQL from the attached package (see merge-tables.ts).
import type Database from 'better-sqlite3';
import {CardQueue, CardType} from '../model.js';
import {NoteAction} from './merge-notes.js';
import {allocateIds, idMapTable, SOURCE} from './merge-tables.js';
import type {ImportSummary} from './merge-summary.js';

export interface CardMergeContext {
	/** Package deck id -> collection deck id. */
	deckMap: Map<number, number>;
	/** Days the package's collection is ahead of the target (source today - target today). */
	delta: number;
}

/** A card's deck in the collection: its mapped deck, else itself if the collection has it, else Default. */
const deckOf = (column: string, mapped: string) =>
	`coalesce(${mapped}.tid, CASE WHEN ${column} = 1 OR ${column} IN (SELECT tid FROM temp.import_deck) THEN ${column} ELSE 1 END)`;

/**
 * Chooses the cards of the notes in temp.import_note (see planNotes) to add, writing only
 * temp.import_card; returns whether there are any.
 */
export function planCards(db: Database.Database): boolean {
	// The first card (by id) for each note and template the collection does not have yet.
	db.exec(`
		CREATE TEMP TABLE import_card (sid INTEGER PRIMARY KEY, tid INTEGER);
		INSERT INTO temp.import_card (sid)
			SELECT min(c.id) FROM ${SOURCE}.cards AS c
			JOIN temp.import_note AS n ON n.sid = c.nid AND n.action IN (${NoteAction.Add}, ${NoteAction.Update}, ${NoteAction.Unchanged})
			-- the test is on the group's key, so it may drop rows before grouping (fewer to group)
			WHERE NOT EXISTS (SELECT 1 FROM main.cards AS t WHERE t.nid = n.tid AND t.ord = c.ord)
			GROUP BY n.tid, c.ord;
	`);
	allocateIds(db, 'import_card', '1', 'cards');
	return db.prepare('SELECT 1 FROM temp.import_card LIMIT 1').get() !== undefined;
}

/**
 * Adds the cards planCards chose and their history; returns the highest new-card position added
 * (-1: none).
 */
export function writeCards(db: Database.Database, ctx: CardMergeContext, summary: ImportSummary): number {
	idMapTable(db, 'import_deck', ctx.deckMap);
	const dayBased = `c.queue IN (${CardQueue.Review}, ${CardQueue.DayLearn}) OR c.type = ${CardType.Review}`;
	summary.cardsAdded += db
		.prepare(
			`INSERT INTO main.cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
			SELECT k.tid, n.tid, ${deckOf('c.did', 'd')}, c.ord, c.mod, -1, c.type, c.queue,
				CASE WHEN ${dayBased} THEN c.due - :delta ELSE c.due END,
				c.ivl, c.factor, c.reps, c.lapses, c.left,
				CASE WHEN c.type = ${CardType.Review} AND c.odue != 0 THEN c.odue - :delta ELSE c.odue END,
				CASE WHEN c.odid != 0 THEN ${deckOf('c.odid', 'od')} ELSE c.odid END,
				c.flags, c.data
			FROM temp.import_card AS k
			JOIN ${SOURCE}.cards AS c ON c.id = k.sid
			JOIN temp.import_note AS n ON n.sid = c.nid
			LEFT JOIN temp.import_deck AS d ON d.sid = c.did
			LEFT JOIN temp.import_deck AS od ON od.sid = c.odid
			ORDER BY k.sid`,
		)
		.run({delta: ctx.delta}).changes;
	summary.revlogAdded += db
		.prepare(
			`INSERT OR IGNORE INTO main.revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)
			SELECT r.id, k.tid, -1, r.ease, r.ivl, r.lastIvl, r.factor, r.time, r.type
			FROM ${SOURCE}.revlog AS r JOIN temp.import_card AS k ON k.sid = r.cid ORDER BY r.id`,
		)
		.run().changes;
	const maxNew = db
		.prepare(`SELECT max(due) FROM main.cards WHERE queue = ${CardQueue.New} AND id IN (SELECT tid FROM temp.import_card)`)
		.pluck()
		.get() as number | null;
	return Math.max(-1, maxNew ?? -1);
}
