// A card moving into and out of a filtered deck, as Anki changes the row (rslib
// scheduler/filtered/card.rs). Pure functions over a card row; callers set mod and usn and write it.
import {CardQueue, CardType, type Card} from '../model.js';

/** Anki reads a `due` above this as a unix timestamp, else as a day number (timing.rs is_unix_epoch_timestamp). */
const TIMESTAMP_DUE = 1_000_000_000;

/** The first position given to a card moved into a filtered deck (then +1 per card, across both filters). */
export const FILTERED_START_POSITION = -100_000;

/** The queue a card's type implies: learning cards by whether their due is a timestamp or a day. */
export function queueFromType(card: Pick<Card, 'type' | 'due'>): number {
	switch (card.type) {
		case CardType.New:
			return CardQueue.New;
		case CardType.Review:
			return CardQueue.Review;
		default:
			return card.due > TIMESTAMP_DUE ? CardQueue.Learn : CardQueue.DayLearn;
	}
}

/**
 * Anki's move_into_filtered_deck: the home deck goes to `odid` and `due` to `odue`; a positive due
 * becomes the build position; without rescheduling every card waits in the review queue. Returns
 * null for a card whose `odue` is already set (Anki skips it as a bug, leaving it as it is).
 */
export function movedIntoFilteredDeck(card: Card, deckId: number, reschedule: boolean, position: number): Card | null {
	if (card.odue !== 0) return null;
	const moved: Card = {...card, odid: card.did, did: deckId, odue: card.due};
	if (!reschedule) moved.queue = CardQueue.Review;
	if (card.due > 0) moved.due = position;
	return moved;
}

/**
 * Anki's remove_from_filtered_deck_restoring_queue: home deck and due back, the queue rebuilt from
 * the type unless the card was suspended or buried inside. A card in no filtered deck is unchanged.
 */
export function returnedHome(card: Card): Card {
	if (card.odid === 0) return card;
	const home: Card = {...card, did: card.odid, odid: 0, odue: 0};
	if (card.odue !== 0) home.due = card.odue;
	if (home.queue >= 0) home.queue = queueFromType(home);
	return home;
}
