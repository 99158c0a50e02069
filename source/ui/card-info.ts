// Card info (`i` in the reviewer): the card's facts and review history as the overlay shows them.
// Moved as it was from the review command; a core function returning the data (core/stats) with
// the formatting here is to replace it.
import type {Collection} from '../core/collection/types.js';
import type {Card, Note, Notetype} from '../core/model.js';
import {cardHistory} from '../core/collection/revlog.js';
import type {CardInfoView} from './view-types.js';

const cardTypes = ['New', 'Learning', 'Review', 'Relearning'];
const revlogTypes = ['Learn', 'Review', 'Relearn', 'Filtered', 'Manual', 'Rescheduled'];

function day(secs: number): string {
	return new Date(secs * 1000).toISOString().slice(0, 10);
}

function interval(days: number): string {
	// Negative revlog intervals are seconds (learning steps), as Anki stores them.
	if (days < 0) return `${Math.round(-days / 60)}m`;
	if (days < 30) return `${days}d`;
	if (days < 365) return `${(days / 30).toFixed(1)}mo`;
	return `${(days / 365).toFixed(1)}y`;
}

export function cardInfo(col: Collection, card: Card, note: Note | null, deckName: (id: number) => string, notetypes: Map<number, Notetype>): CardInfoView {
	const history = cardHistory(col.db, card.id);
	const facts: Array<[string, string]> = [
		['Added', day(Math.floor(card.id / 1000))],
		['Deck', deckName(card.odid || card.did)],
		['Note type', note ? (notetypes.get(note.mid)?.name ?? '?') : '?'],
		['Card type', cardTypes[card.type] ?? String(card.type)],
	];
	if (history.length > 0) {
		facts.push(['First review', day(Math.floor(history.at(-1)!.id / 1000))]);
		facts.push(['Latest review', day(Math.floor(history[0]!.id / 1000))]);
	}
	if (card.type === 2 || card.type === 3) {
		facts.push(['Interval', interval(card.ivl)]);
		if (card.factor > 0) facts.push(['Ease', `${card.factor / 10}%`]);
	}
	facts.push(['Reviews', String(card.reps)], ['Lapses', String(card.lapses)]);
	const totalMs = history.reduce((sum, r) => sum + r.time, 0);
	if (history.length > 0) facts.push(['Total time', `${Math.round(totalMs / 1000)}s`]);
	facts.push(['Card ID', String(card.id)], ['Note ID', String(card.nid)]);
	return {
		title: 'Card info',
		facts,
		history: history.map((r) => ({
			date: new Date(r.id).toISOString().slice(0, 16).replace('T', ' '),
			type: revlogTypes[r.type] ?? String(r.type),
			rating: String(r.ease),
			interval: interval(r.ivl),
			ease: r.factor > 0 ? `${r.factor / 10}%` : '',
			time: `${Math.round(r.time / 1000)}s`,
		})),
	};
}
