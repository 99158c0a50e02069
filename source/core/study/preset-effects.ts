// What saving a preset does to the cards of a deck that uses it (rslib deckconfig/update.rs):
// a changed insertion order re-sorts its new cards (scheduler/new.rs sort_deck), changed
// (re)learning steps move the cards in (re)learning onto the new steps (card/mod.rs
// adjust_remaining_steps). Cards are those of the deck itself, home deck included (Anki's
// DeckIdsWithoutChildren: `did` or `odid`), written with mod = now and usn -1.
import type {Collection} from '../collection/types.js';
import type {DeckConfig} from '../model.js';

const inDeck = '(did = ? OR (odid != 0 AND odid = ?))';

/** New cards get positions 1, 2, ... by note id (sequential) or in a shuffled note order (random). */
export function sortNewCards(col: Collection, deckId: number, random: boolean, nowSecs: number): void {
	const cards = col.db.prepare(`SELECT id, nid, odid FROM cards WHERE ${inDeck} AND type = 0`).all(deckId, deckId) as Array<{
		id: number;
		nid: number;
		odid: number;
	}>;
	const nids = [...new Set(cards.map(c => c.nid))];
	if (random) {
		// Anki shuffles with an unseeded generator.
		for (let i = nids.length - 1; i > 0; i--) {
			const j = Math.floor(Math.random() * (i + 1));
			[nids[i], nids[j]] = [nids[j]!, nids[i]!];
		}
	} else {
		nids.sort((a, b) => a - b);
	}
	const position = new Map(nids.map((nid, index) => [nid, index + 1]));
	const setDue = col.db.prepare('UPDATE cards SET due = ?, mod = ?, usn = -1 WHERE id = ?');
	const setOdue = col.db.prepare('UPDATE cards SET odue = ?, mod = ?, usn = -1 WHERE id = ?');
	for (const card of cards) (card.odid !== 0 ? setOdue : setDue).run(position.get(card.nid)!, nowSecs, card.id);
}

/** rslib Card::new_remaining_steps: where a card stands on the old steps, found on the new ones. */
export function newRemainingSteps(left: number, oldSteps: readonly number[], newSteps: readonly number[]): number | null {
	const remaining = left % 1000;
	let next = remaining;
	if (oldSteps.length > 0) {
		const lastIndex = oldSteps.length - (remaining + 1);
		let found: number | undefined;
		if (lastIndex >= 0) {
			const fromEnd = [...newSteps].reverse().findIndex(step => Math.fround(step) <= Math.fround(oldSteps[lastIndex]!));
			found = fromEnd < 0 ? undefined : fromEnd;
		}
		next = Math.max(1, found ?? newSteps.length);
	}
	return remaining !== next ? next : null;
}

export function adjustRemainingSteps(col: Collection, deckId: number, before: DeckConfig, after: DeckConfig, nowSecs: number): void {
	const groups: Array<[string, number[], number[]]> = [
		['type NOT IN (2, 3)', before.learnSteps, after.learnSteps],
		['type IN (2, 3)', before.relearnSteps, after.relearnSteps],
	];
	const update = col.db.prepare('UPDATE cards SET left = ?, mod = ?, usn = -1 WHERE id = ?');
	for (const [kind, oldSteps, newSteps] of groups) {
		if (JSON.stringify(oldSteps) === JSON.stringify(newSteps)) continue;
		const cards = col.db
			.prepare(`SELECT id, left FROM cards WHERE ${inDeck} AND queue IN (1, 3) AND ${kind}`)
			.all(deckId, deckId) as Array<{id: number; left: number}>;
		for (const card of cards) {
			const next = newRemainingSteps(card.left, oldSteps, newSteps);
			if (next !== null) update.run(next, nowSecs, card.id);
		}
	}
}
