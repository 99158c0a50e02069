// Collections still on Anki's v1 scheduler (schedVer 1 or missing). Current Anki upgrades them on
// open, refuses to import into them until they are upgraded, and upgrades a package's own v1
// collection before reading it (rslib scheduler/upgrade.rs upgrade_to_v2_scheduler). The same
// steps here, on the raw tables.
import type Database from 'better-sqlite3';
import type {Collection, SchemaAdapter} from '../collection/types.js';
import {CardQueue, CardType} from '../model.js';

function configNumber(adapter: SchemaAdapter, key: string): number | null {
	const value = adapter.getConfig(key);
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function isV1(adapter: SchemaAdapter): boolean {
	const ver = configNumber(adapter, 'schedVer');
	return ver === null || ver < 2;
}

/**
 * The one v1 policy, for every command that studies or writes into a collection (review, import):
 * a writable collection still on v1 is upgraded to v2 first, in a transaction of its own (a
 * savepoint inside the caller's), as current Anki does on open: v3 answers and merged cards are not
 * valid v1 states. A read-only open is left as it is. Returns true when it upgraded.
 */
export function upgradeV1SchedulerIfNeeded(col: Collection, nowMs: number): boolean {
	if (col.readOnly || !isV1(col.adapter)) return false;
	return col.transaction(() => upgradeToV2(col.db, col.adapter, nowMs));
}

/**
 * Upgrades a v1 collection to v2 in place (inside the caller's transaction): revlog eases, relearning
 * card types, filtered-deck preview cards, schedVer, creationOffset, and scm (a full sync is then
 * required, exactly as after Anki's own upgrade). Returns true if anything was upgraded.
 */
export function upgradeToV2(db: Database.Database, adapter: SchemaAdapter, nowMs: number): boolean {
	if (!isV1(adapter)) return false;
	const nowSecs = Math.floor(nowMs / 1000);
	// v1 had three answer buttons while learning: Good/Easy become 3/4 (v2_upgrade.sql)
	db.prepare('UPDATE revlog SET ease = ease + 1 WHERE ease IN (2, 3) AND type IN (0, 2)').run();
	// relearning cards get their own type
	db.prepare('UPDATE cards SET type = ? WHERE type = ? AND queue IN (?, ?)').run(
		CardType.Relearn,
		CardType.Review,
		CardQueue.Learn,
		CardQueue.DayLearn,
	);
	const filtered = new Map(adapter.decks().filter(d => d.filtered).map(d => [d.id, d.filtered!]));
	if (filtered.size) {
		const cards = db.prepare('SELECT id, did, type, queue FROM cards WHERE odid != 0').all() as Array<{id: number; did: number; type: number; queue: number}>;
		const set = db.prepare('UPDATE cards SET type = ?, queue = ? WHERE id = ?');
		for (const c of cards) {
			const deck = filtered.get(c.did);
			if (!deck) continue;
			let {type, queue} = c;
			if (deck.reschedule) {
				// only new cards belong in the new queue
				if (queue === CardQueue.New && type !== CardType.New) queue = queueForType(type);
			} else {
				// preview cards start in the review queue in v2; learning ones become new on exit
				if (queue === CardQueue.New) queue = CardQueue.Review;
				if (type === CardType.Learn) {
					queue = CardQueue.PreviewRepeat;
					type = CardType.New;
				}
			}
			if (type !== c.type || queue !== c.queue) set.run(type, queue, c.id);
		}
	}
	adapter.setConfig('schedVer', 2, nowSecs);
	if (configNumber(adapter, 'creationOffset') === null) {
		const crt = db.prepare('SELECT crt FROM col').pluck().get() as number;
		adapter.setConfig('creationOffset', new Date(crt * 1000).getTimezoneOffset(), nowSecs);
	}
	// a scheduler change is a schema change in Anki: the next sync must be a full one
	db.prepare('UPDATE col SET scm = ?, mod = ?').run(nowMs, nowMs);
	return true;
}

function queueForType(type: number): number {
	if (type === CardType.Learn || type === CardType.Relearn) return CardQueue.Learn;
	if (type === CardType.Review) return CardQueue.Review;
	return CardQueue.New;
}
