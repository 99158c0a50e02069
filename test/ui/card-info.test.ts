// The card info overlay's rows, worded and formatted as Anki's Card Info window shows them.
import {describe, expect, it} from 'vitest';
import type {CardInfo} from '../../source/core/stats/card-info.js';
import {cardInfoView, easeOrDifficulty, localDate} from '../../source/ui/card-info.js';

const base: CardInfo = {
	cardId: 1700000000000,
	noteId: 1699999999000,
	added: 1700000000,
	firstReview: 1700100000,
	latestReview: 1700900000,
	dueDate: 1702000000,
	duePosition: null,
	interval: 45,
	ease: 2500,
	memory: null,
	desiredRetention: null,
	fsrs: false,
	reviews: 7,
	lapses: 1,
	averageSecs: 8.5,
	totalSecs: 59.5,
	type: 2,
	cardType: 'Card 1',
	notetype: 'Basic',
	deck: 'Spanish::Verbs',
	originalDeck: null,
	preset: 'Default',
	customData: null,
	history: [
		{time: 1700900000, kind: 1, rating: 3, intervalSecs: 45 * 86400, ease: 2500, takenSecs: 8},
		{time: 1700100000, kind: 0, rating: 1, intervalSecs: 600, ease: 0, takenSecs: 12},
	],
};

describe('card info view', () => {
	it('lists the rows of Anki card info in its order, with SM-2 ease', () => {
		const view = cardInfoView(base);
		expect(view.title).toBe('Card Info');
		expect(view.facts.map(([label]) => label)).toEqual([
			'Added', 'First Review', 'Latest Review', 'Due', 'Interval', 'Ease', 'Reviews', 'Lapses', 'Average Time', 'Total Time',
			'Card Type', 'Note Type', 'Deck', 'Preset', 'Card ID', 'Note ID',
		]);
		const facts = Object.fromEntries(view.facts);
		expect(facts['Added']).toBe(localDate(1700000000));
		expect(facts['Interval']).toBe('1.48 months');
		expect(facts['Ease']).toBe('250%');
		expect(facts['Average Time']).toBe('8.5 seconds');
		expect(facts['Total Time']).toBe('59.5 seconds');
		expect(facts['Deck']).toBe('Spanish::Verbs');
		expect(view.history).toEqual([
			{date: expect.stringMatching(/^\d{4}-\d\d-\d\d @ \d\d:\d\d$/), type: 'Review', rating: '3', interval: '1.48 months', ease: '250%', time: '8s'},
			{date: expect.stringMatching(/ @ /), type: 'Learn', rating: '1', interval: '10 minutes', ease: '', time: '12s'},
		]);
	});

	it('shows FSRS stability, difficulty and retrievability instead of ease; a new card by position; the home deck and custom data', () => {
		const view = cardInfoView({
			...base,
			fsrs: true,
			memory: {stability: 438.2, difficulty: 5.5, retrievability: 0.913},
			desiredRetention: 0.9,
			dueDate: null,
			duePosition: 12,
			originalDeck: 'Spanish',
			deck: 'Filtered Deck 1',
			customData: '{"v":"x","n":3}',
		});
		const facts = Object.fromEntries(view.facts);
		expect(facts['Stability']).toBe('1.2 years (438 days)');
		expect(facts['Difficulty']).toBe('50%');
		expect(facts['Retrievability']).toBe('91%');
		expect(facts['Ease']).toBeUndefined();
		expect(facts['Due']).toBeUndefined();
		expect(facts['Position']).toBe('12');
		expect(facts['Deck']).toBe('Filtered Deck 1 (Spanish)');
		expect(facts['Custom Data']).toBe('v=x n=3');
	});

	it('reads an FSRS revlog factor as shifted difficulty', () => {
		expect(easeOrDifficulty(2500)).toBe('250%');
		expect(easeOrDifficulty(550)).toBe('D:45%');
		expect(easeOrDifficulty(0)).toBe('');
	});
});
