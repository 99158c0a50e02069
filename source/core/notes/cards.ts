// Cards Anki generates for a note that was added or edited (rslib notetype/cardgen.rs): one per
// template whose front is no longer empty, or per new cloze number, none ever removed; placed in the
// template's deck override, else the deck the note's other cards share, else the target deck, and
// at the end of the new queue (`nextPos`), siblings sharing one position.
import type {Collection} from '../collection/types.js';
import type {Deck, Note, Notetype} from '../model.js';
import {requiredCardOrdinals} from '../render/cardgen.js';
import {randomNewPosition} from './random-position.js';

const DEFAULT_DECK_ID = 1;

interface ExistingCard {
	ord: number;
	/** The deck the card lives in outside a filtered deck. */
	homeDeckId: number;
	/** A new card's position (odue inside a filtered deck), else null. */
	positionIfNew: number | null;
}

export interface CardToGenerate {
	ord: number;
	/** Deck override of the template, or the deck the existing cards share; null = the target deck. */
	deckId: number | null;
	/** The position of an existing new sibling, or null = the next position. */
	due: number | null;
}

function existingCards(col: Collection, nid: number): ExistingCard[] {
	const rows = col.db
		.prepare(
			`SELECT ord, CASE odid WHEN 0 THEN did ELSE odid END AS home,
			 CASE type WHEN 0 THEN (CASE odue WHEN 0 THEN max(0, due) ELSE max(odue, 0) END) ELSE NULL END AS pos
			 FROM cards WHERE nid = ? ORDER BY id`,
		)
		.all(nid) as Array<{ord: number; home: number; pos: number | null}>;
	return rows.map(r => ({ord: Number(r.ord), homeDeckId: Number(r.home), positionIfNew: r.pos === null ? null : Number(r.pos)}));
}

/** Anki's new_cards_required: what the note lacks; card 0 when it would have no card at all. */
export function cardsToGenerate(note: Note, notetype: Notetype, existing: readonly ExistingCard[]): CardToGenerate[] {
	const present = new Set(existing.map(c => c.ord));
	const homes = new Set(existing.map(c => c.homeDeckId));
	const sharedDeck = homes.size === 1 ? [...homes][0]! : null;
	const due = existing.find(c => c.positionIfNew !== null)?.positionIfNew ?? null;
	const wanted = requiredCardOrdinals(note, notetype).filter(ord => !present.has(ord));
	const cards = wanted.map(ord => {
		const override = notetype.kind === 'standard' ? (notetype.templates.find(t => t.ord === ord)?.targetDeckId ?? 0) : 0;
		return {ord, deckId: override > 0 ? override : sharedDeck, due};
	});
	if (cards.length === 0 && existing.length === 0) return [{ord: 0, deckId: sharedDeck, due}];
	return cards;
}

export interface PlacementContext {
	decks: Map<number, Deck>;
	/** newCardInsertOrder of each deck options preset (0 due, 1 random). */
	insertOrder: (configId: number) => number;
	nowMs: number;
	/** nextPos read for this note, once (Anki's CardGenCache). */
	nextPosition?: number;
}

export function placementContext(col: Collection, nowMs: number): PlacementContext {
	const decks = new Map(col.adapter.decks().map(d => [d.id, d]));
	const configs = new Map(col.adapter.deckConfigs().map(c => [c.id, c]));
	return {decks, insertOrder: id => configs.get(id)?.newCardInsertOrder ?? 0, nowMs};
}

/** Anki's deck_for_adding: the deck if it is a normal deck, else Default. */
function deckForAdding(context: PlacementContext, deckId: number | null): {id: number; configId: number} {
	const wanted = deckId === null ? undefined : context.decks.get(deckId);
	if (wanted?.normal) return {id: wanted.id, configId: wanted.normal.configId};
	const fallback = context.decks.get(DEFAULT_DECK_ID);
	if (!fallback?.normal) throw new Error('the collection has no Default deck (id 1); open it in Anki and use Check Database');
	return {id: fallback.id, configId: fallback.normal.configId};
}

function nextPosition(col: Collection, context: PlacementContext): number {
	if (context.nextPosition === undefined) {
		const stored = col.adapter.getConfig('nextPos');
		const pos = typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 && stored <= 0xffffffff ? stored : 0;
		col.adapter.setConfig('nextPos', (pos + 1) >>> 0, Math.floor(context.nowMs / 1000));
		context.nextPosition = pos;
	}
	return context.nextPosition;
}

/** Inserts the cards (Anki's add_generated_cards); returns their ids. */
export function addGeneratedCards(
	col: Collection,
	nid: number,
	cards: readonly CardToGenerate[],
	targetDeckId: number | null,
	context: PlacementContext,
): number[] {
	const nowSecs = Math.floor(context.nowMs / 1000);
	const insert = col.db.prepare(
		`INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
		 VALUES (CASE WHEN @now IN (SELECT id FROM cards) THEN (SELECT max(id) + 1 FROM cards) ELSE @now END,
		 @nid, @did, @ord, @mod, -1, 0, 0, @due, 0, 0, 0, 0, 0, 0, 0, 0, '{}')`,
	);
	const ids: number[] = [];
	for (const card of cards) {
		const deck = deckForAdding(context, card.deckId ?? targetDeckId);
		let due = card.due;
		if (due === null) {
			const next = nextPosition(col, context);
			due = context.insertOrder(deck.configId) === 1 ? randomNewPosition(next) : next;
		}
		// Card ids are creation times in ms, bumped past the highest id on a collision, as Anki does.
		const result = insert.run({now: context.nowMs, nid, did: deck.id, ord: card.ord, mod: nowSecs, due});
		ids.push(Number(result.lastInsertRowid));
	}
	return ids;
}

/** Generates what an existing note lacks, into the notetype's last deck as Anki does when editing. */
export function generateCardsForNote(col: Collection, note: Note, notetype: Notetype, nowMs: number, targetDeckId: number | null): number[] {
	const cards = cardsToGenerate(note, notetype, existingCards(col, note.id));
	if (cards.length === 0) return [];
	return addGeneratedCards(col, note.id, cards, targetDeckId, placementContext(col, nowMs));
}
