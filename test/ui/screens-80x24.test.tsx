// Every screen of the registry, and the help overlay over it, on an 80x24 terminal: no line wider
// than 80 cells, no more than 24 lines, and what the screen is for is visible. Driven through the
// whole app on copies of real collections, as a user reaches each screen. A screen added to the
// registry without a visit here fails the last test.
import path from 'node:path';
import React from 'react';
import {afterAll, describe, expect, it} from 'vitest';
import {createCollection} from '../../source/core/collection/create.js';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {deckIdsForName} from '../../source/core/overview/deck-names.js';
import {App} from '../../source/ui/App.js';
import {createAppModel} from '../../source/ui/app-model.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {screens, type ScreenName} from '../../source/ui/screens/registry.js';
import {themes} from '../../source/ui/theme.js';
import {copyToTemp, projectRoot, tempDir} from '../helpers/shared.js';
import {frameShows, keys, overwide, plain, press, runApp} from './helpers.js';

const bindings = structuredClone(defaultCommands) as Bindings;
const cleanups: Array<() => void> = [];
afterAll(() => {
	for (const cleanup of cleanups) cleanup();
});

function demoCollection(): Collection {
	const copy = copyToTemp(path.join(projectRoot, 'fixtures', 'schema11.anki2'));
	const col = openCollection(copy.file);
	cleanups.push(() => {
		col.close();
		copy.cleanup();
	});
	return col;
}

function emptyCollection(): Collection {
	const dir = tempDir();
	const file = path.join(dir.dir, 'collection.anki2');
	createCollection(file, {schema: 18});
	const col = openCollection(file);
	cleanups.push(() => {
		col.close();
		dir.cleanup();
	});
	return col;
}

function start(col: Collection, startDeck?: string) {
	const model = createAppModel({collection: col, mediaDir: null, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}});
	const startDeckId = startDeck === undefined ? undefined : deckIdsForName(col.adapter.decks(), startDeck)[0];
	// No size given: the app reads the terminal's 80x24, as it does in a real one.
	return runApp(<App model={model} theme={themes.dark} bindings={bindings} startDeckId={startDeckId} />, {columns: 80, rows: 24});
}

const checked = new Set<ScreenName>();

/** The frame fits 80x24 and shows every one of `visible`. */
function expectFits(frame: string, visible: Array<string | RegExp>): void {
	expect(overwide(frame, 80)).toEqual([]);
	expect(plain(frame).replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(24);
	const text = plain(frame);
	for (const item of visible) {
		if (typeof item === 'string') expect(text).toContain(item);
		else expect(text).toMatch(item);
	}
}

/** The help overlay over the current screen fits too, and closes again. */
async function expectHelpFits(app: ReturnType<typeof start>, visible: Array<string | RegExp>): Promise<void> {
	const before = plain(app.lastFrame());
	await go(app, '?', 'Keys (any key closes)');
	expectFits(app.lastFrame(), visible);
	await press(app.stdin, 'x');
	await frameShows(app.lastFrame, before.split('\n')[0]!);
}

/** Presses keys, then waits for the screen they lead to. */
async function go(app: ReturnType<typeof start>, key: string, shows: string | RegExp): Promise<void> {
	await press(app.stdin, key);
	await frameShows(app.lastFrame, shows);
}

describe('every screen at 80x24', () => {
	it('deck browser, overview, review (question, answer, card info), summary', async () => {
		const app = start(demoCollection());
		await frameShows(app.lastFrame, 'Total');
		expectFits(app.lastFrame(), ['Decks', 'anki-tui demo', /New\s+Learn\s+Due/, 'Total', 'help', 'quit']);
		await expectHelpFits(app, [/↑, k\s+Previous deck/, /q, Esc\s+Back, or quit/]);
		checked.add('decks');

		await go(app, 'b', 'Search:');
		expectFits(app.lastFrame(), [/Sort Field ▲\s+Card Type\s+Due\s+Deck/, '── Preview']);
		await expectHelpFits(app, [/Space\s+Select or unselect/, /q, Esc\s+Back, or quit/]);
		await go(app, keys.escape, 'Total');
		checked.add('browser');

		await go(app, 'o', 'study now');
		expectFits(app.lastFrame(), ['anki-tui demo', /New:\s+\d+/, /To Review:\s+\d+/, 'study now']);
		await expectHelpFits(app, [/Enter, s, Space\s+Study now/]);
		checked.add('overview');

		await go(app, 's', 'show answer');
		expectFits(app.lastFrame(), ['anki-tui demo', 'show answer', 'undo']);
		// The two columns of the reviewer's keys keep apart ("Show answer, then GoodCtrl+5" was the bug).
		await expectHelpFits(app, [/Show answer, then Good {2,}\S/, /1\s+Answer Again/, /PgDn, Ctrl\+d\s+Page down/]);
		await go(app, keys.enter, '4 Easy');
		expectFits(app.lastFrame(), [/1 Again .*2 Hard .*3 Good .*4 Easy/]);
		await go(app, 'i', /Card ID\s+\d+/);
		expectFits(app.lastFrame(), ['Card Info']);
		await press(app.stdin, 'i', '3');
		await frameShows(app.lastFrame, 'show answer');
		checked.add('review');

		await go(app, 'q', 'Session summary');
		expectFits(app.lastFrame(), ['Session summary: anki-tui demo', /Cards studied:\s+1/, /Again rate:\s+0%/, 'continue']);
		await expectHelpFits(app, [/\?\s+Show or hide this help/]);
		checked.add('summary');
		app.unmount();
	});

	it('the congrats screen of a deck with nothing due, and its statistics scrolled to the end', async () => {
		const app = start(demoCollection(), 'Default');
		await frameShows(app.lastFrame, 'Congratulations');
		expectFits(app.lastFrame(), ['Congratulations! You have finished this deck for now.', 'back', 't stats']);
		await go(app, 't', 'Today');
		expectFits(app.lastFrame(), [/^Statistics: Default\s+1 month/, 'Future Due', 'p period', 'c whole collection']);
		await expectHelpFits(app, [/p\s+Next period/, /c\s+The deck or the whole collection/]);
		await go(app, 'c', 'Statistics: whole collection');
		for (let i = 0; i < 12; i++) {
			await press(app.stdin, keys.pageDown);
			expectFits(app.lastFrame(), ['Statistics: whole collection']);
		}
		expectFits(app.lastFrame(), ['True Retention', /Last year\s+85\.7%/]);
		checked.add('stats');
		await go(app, 'q', 'Congratulations');
		app.unmount();
	});

	it('deck options: the fields, the preset list, an edit line, a warning, a confirmation', async () => {
		const app = start(demoCollection());
		await frameShows(app.lastFrame, 'Total');
		await go(app, 'O', 'Daily Limits');
		expectFits(app.lastFrame(), [/Options: .+Preset: Default/, /New cards\/day\s+20/, 'new.perDay', 'save', 'back']);
		await expectHelpFits(app, [/O?p\s+Choose the deck's preset/, /D\s+Remove the preset/]);
		await go(app, 'a', 'Add preset, name');
		await press(app.stdin, 'X', keys.enter);
		await go(app, 'D', 'Remove X?');
		expectFits(app.lastFrame(), ['Remove X? (y/n)']);
		await go(app, 'n', 'Enter edit');
		await go(app, 'p', 'Enter: use for this deck');
		expectFits(app.lastFrame(), [/› X\s+new, used by 0 decks \(this deck\)/, /Default\s+used by \d+ decks/]);
		await go(app, keys.escape, 'Enter edit');
		// A value that draws a warning, and an edit line.
		await go(app, keys.down, 'Maximum reviews/day');
		await press(app.stdin, keys.enter, keys.backspace, keys.backspace, keys.backspace);
		await go(app, '5', /Maximum reviews\/day\s+5_/);
		await go(app, keys.enter, 'your review limit should be at least 200');
		expectFits(app.lastFrame(), [/Maximum reviews\/day\s+!\s+5/]);
		checked.add('deckOptions');
		app.unmount();
	});

	it('custom study (its options and its tags), the filtered-deck dialog, a name prompt, a confirmation', async () => {
		const app = start(demoCollection());
		await frameShows(app.lastFrame, 'Total');
		await go(app, 'o', 'custom study');
		await go(app, 'c', 'Custom Study: anki-tui demo');
		expectFits(app.lastFrame(), [/› \(•\) Increase today's new card limit/, 'Study by card state or tag', /Available new cards: \d+/, 'Esc cancel']);
		await expectHelpFits(app, [/Enter\s+OK/, /↓, Tab\s+Next field/]);
		for (let i = 0; i < 5; i++) await press(app.stdin, keys.down);
		await frameShows(app.lastFrame, 'Select 100█ cards from the deck');
		expectFits(app.lastFrame(), ["All cards in random order (don't reschedule)", 'choose tags']);
		await go(app, keys.enter, 'Selective Study: anki-tui demo');
		expectFits(app.lastFrame(), ['Require one or more of these tags', /\[ \] \S+/, 'require', 'exclude']);
		await expectHelpFits(app, [/x\s+Exclude this tag/]);
		checked.add('customStudy');
		await go(app, keys.escape, 'Custom Study: anki-tui demo');
		await go(app, keys.escape, 'custom study');
		await go(app, 'q', 'Total');

		await go(app, 'F', 'New filtered deck');
		expectFits(app.lastFrame(), [/Name\s+Filtered Deck \d\d:\d\d/, /› Search\s+"deck:anki-tui demo" is:due█/, /Cards selected by\s+‹ Random ›/, 'Enable second filter', 'build']);
		// Every field on at once: the preview delays and the second filter.
		await press(app.stdin, keys.down, keys.down, keys.down, ' ', keys.down, keys.down, keys.down, keys.down, ' ');
		await frameShows(app.lastFrame, 'Filter 2: cards selected by');
		expectFits(app.lastFrame(), ['Delay for Again (secs)', 'Delay for Good (secs)', /Filter 2: search/, 'Create/update this deck even if empty']);
		await expectHelpFits(app, [/Space\s+Switch on or off/]);
		checked.add('filteredDeck');
		await go(app, keys.escape, 'Total');

		await go(app, 'n', 'Create Deck');
		// No help here: ? is a character a deck name may hold.
		expectFits(app.lastFrame(), ['New deck name: █', 'Use :: for a subdeck', 'OK', 'cancel']);
		checked.add('prompt');
		await go(app, keys.escape, 'Total');

		await go(app, 'D', 'Delete Deck');
		expectFits(app.lastFrame(), [/Delete anki-tui demo and its \d+ subdecks\? It has \d+ cards\./, 'y yes', 'n no']);
		await expectHelpFits(app, [/y\s+Yes/]);
		checked.add('confirm');
		await go(app, 'n', 'Total');
		app.unmount();
	});

	it('first run, on an empty collection', async () => {
		const app = start(emptyCollection());
		await frameShows(app.lastFrame, 'Welcome');
		expectFits(app.lastFrame(), ['Welcome to anki-tui', 'anki-tui import deck.apkg', 'anki-tui review deck.apkg', 'anki-tui sync --endpoint', 'quit']);
		await expectHelpFits(app, [/q, Esc\s+Back, or quit/]);
		checked.add('firstRun');
		app.unmount();
	});

	it('covers every screen of the registry', () => {
		expect([...checked].sort()).toEqual(Object.keys(screens).sort());
	});
});
