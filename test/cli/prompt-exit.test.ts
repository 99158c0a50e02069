import {describe, expect, it} from 'vitest';
import {mayExitNow} from '../../source/commands/prompt-exit.js';

describe('mayExitNow: a one-shot command ends once its output is out', () => {
	it('lets the read-only printing commands end at once when no stream holds anything', () => {
		for (const command of ['decks', 'search', 'show', 'stats']) expect(mayExitNow(command, [])).toBe(true);
		expect(mayExitNow('search', [{writableLength: 0}, {writableLength: 0}])).toBe(true);
	});

	it('waits while a stream still holds unwritten bytes (an asynchronous pipe or terminal)', () => {
		expect(mayExitNow('search', [{writableLength: 0}, {writableLength: 4096}])).toBe(false);
		expect(mayExitNow('decks', [{writableLength: 1}])).toBe(false);
	});

	it('leaves every other command, and the reviewer, to end on its own', () => {
		for (const command of [undefined, 'review', 'import', 'edit', 'add', 'sync', 'deck', 'filtered', 'options', 'custom-study', 'profiles']) {
			expect(mayExitNow(command, [])).toBe(false);
		}
	});
});
