// Card info (`i` in the reviewer): the rows and the review log of Anki's Card Info window, worded
// and formatted as Anki formats them (ts/routes/card-info/lib.ts, Revlog.svelte) from the data
// core/stats/card-info.ts returns.
import {answerButtonTime} from '../core/scheduler/labels.js';
import type {CardHistoryEntry, CardInfo} from '../core/stats/card-info.js';
import {num, span} from './stats/format.js';
import type {CardInfoView} from './view-types.js';

const revlogKinds = ['Learn', 'Review', 'Relearn', 'Filtered', 'Manual', 'Rescheduled'];

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date, as Anki's card info shows dates. */
export function localDate(secs: number): string {
	const d = new Date(secs * 1000);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function localTime(secs: number): string {
	const d = new Date(secs * 1000);
	return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A revlog `factor`: SM-2 ease as a percent, or under FSRS (100-1100) the difficulty shifted by 10%: "D:45%". */
export function easeOrDifficulty(factor: number): string {
	if (factor === 0) return '';
	const percent = factor / 10;
	return percent <= 110 ? `D:${(percent - 10).toFixed(0)}%` : `${percent.toFixed(0)}%`;
}

function stability(days: number): string {
	const text = span(days * 86400, false);
	// Long stabilities also in days, as Anki shows them: "1.2 years (438 days)".
	return days > 31 ? `${text} (${num(Math.round(days))} days)` : text;
}

function customData(text: string): string {
	try {
		return Object.entries(JSON.parse(text) as Record<string, unknown>)
			.map(([k, v]) => `${k}=${String(v)}`)
			.join(' ');
	} catch {
		return text;
	}
}

export function historyRow(entry: CardHistoryEntry): CardInfoView['history'][number] {
	return {
		date: `${localDate(entry.time)} @ ${localTime(entry.time)}`,
		type: revlogKinds[entry.kind] ?? String(entry.kind),
		rating: String(entry.rating),
		interval: entry.intervalSecs ? span(entry.intervalSecs) : '0 seconds',
		ease: easeOrDifficulty(entry.ease),
		time: answerButtonTime(entry.takenSecs),
	};
}

export function cardInfoView(info: CardInfo): CardInfoView {
	const facts: Array<[string, string]> = [['Added', localDate(info.added)]];
	if (info.firstReview !== null) facts.push(['First Review', localDate(info.firstReview)]);
	if (info.latestReview !== null) facts.push(['Latest Review', localDate(info.latestReview)]);
	if (info.dueDate !== null) facts.push(['Due', localDate(info.dueDate)]);
	if (info.duePosition !== null) facts.push(['Position', String(info.duePosition)]);
	if (info.interval) facts.push(['Interval', span(info.interval * 86400)]);
	if (info.memory) {
		facts.push(['Stability', stability(info.memory.stability)]);
		facts.push(['Difficulty', `${(((info.memory.difficulty - 1) / 9) * 100).toFixed(0)}%`]);
		if (info.memory.retrievability) facts.push(['Retrievability', `${(info.memory.retrievability * 100).toFixed(0)}%`]);
	} else if (info.ease && info.desiredRetention === null) {
		// Anki hides the ease when FSRS is on but the card has no memory state yet.
		facts.push(['Ease', `${info.ease / 10}%`]);
	}
	facts.push(['Reviews', num(info.reviews)], ['Lapses', num(info.lapses)]);
	if (info.totalSecs) facts.push(['Average Time', span(info.averageSecs)], ['Total Time', span(info.totalSecs)]);
	facts.push(
		['Card Type', info.cardType],
		['Note Type', info.notetype],
		['Deck', info.originalDeck ? `${info.deck} (${info.originalDeck})` : info.deck],
		['Preset', info.preset],
		['Card ID', String(info.cardId)],
		['Note ID', String(info.noteId)],
	);
	if (info.customData) facts.push(['Custom Data', customData(info.customData)]);
	return {title: 'Card Info', facts, history: info.history.map(historyRow)};
}
