import {describe, expect, it} from 'vitest';
import {answerButtonTime, answerButtonTimeCollapsible, buttonLabels} from '../../source/core/scheduler/labels.js';
import {previewAnswers} from '../../source/core/scheduler/answer.js';
import {defaultConfig, newCard} from './helpers.js';

describe('interval labels', () => {
	it('formats like Anki answer buttons', () => {
		expect(answerButtonTime(30)).toBe('30s');
		expect(answerButtonTime(60)).toBe('1m');
		expect(answerButtonTime(330)).toBe('6m');
		expect(answerButtonTime(600)).toBe('10m');
		expect(answerButtonTime(3 * 3600)).toBe('3h');
		expect(answerButtonTime(5400)).toBe('1.5h');
		expect(answerButtonTime(70)).toBe('1m');
		expect(answerButtonTime(1.1 * (365 / 12) * 86400)).toBe('1.1mo');
		expect(answerButtonTime(4 * 86400)).toBe('4d');
		expect(answerButtonTime(30 * 86400)).toBe('30d');
		expect(answerButtonTime(36 * 86400)).toBe('1.2mo');
		expect(answerButtonTime(365 * 86400)).toBe('1y');
		expect(answerButtonTime(800 * 86400)).toBe('2.2y');
	});

	it('prefixes delays inside the learn-ahead limit with < and shows End for 0', () => {
		expect(answerButtonTimeCollapsible(600, 1200)).toBe('<10m');
		expect(answerButtonTimeCollapsible(1800, 1200)).toBe('30m');
		expect(answerButtonTimeCollapsible(600, 0)).toBe('10m');
		expect(answerButtonTimeCollapsible(0, 1200)).toBe('End');
	});

	it('labels a new card with default options', () => {
		const states = previewAnswers({
			card: newCard(),
			config: defaultConfig(),
			timing: {today: 10, nextDayAt: 1_750_000_000 + 36000},
			nowMs: 1_750_000_000_000,
			fsrs: null,
			filtered: null,
			fuzz: false,
		});
		expect(buttonLabels(states, 36000, 0)).toEqual({1: '1m', 2: '6m', 3: '10m', 4: '4d'});
		expect(buttonLabels(states, 36000, 1200)).toEqual({1: '<1m', 2: '<6m', 3: '<10m', 4: '4d'});
		// five minutes before the day ends, the 10 minute step becomes a day
		expect(buttonLabels(states, 300, 0)[3]).toBe('1d');
	});
});
