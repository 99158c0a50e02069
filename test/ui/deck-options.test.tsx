// The deck options screen on copies of real collections (schema 11 and 18, and one made by Anki with
// two years of reviews): fields edited with the keyboard, validation, presets switched, added,
// cloned, renamed and removed, FSRS Optimize with its progress bar and Evaluate, one save, and what
// the collection holds afterwards.
import path from 'node:path';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {deckIdsForName} from '../../source/core/overview/deck-names.js';
import {App} from '../../source/ui/App.js';
import {createAppModel} from '../../source/ui/app-model.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {screens, type Route} from '../../source/ui/screens/registry.js';
import {themes} from '../../source/ui/theme.js';
import {copyToTemp, noticeIfNoShared, projectRoot, sharedFile} from '../helpers/shared.js';
import {frameShows, keys, plain, press, runApp, until} from './helpers.js';

const bindings = structuredClone(defaultCommands) as Bindings;
const cleanups: Array<() => void> = [];
afterEach(() => {
	while (cleanups.length > 0) cleanups.pop()!();
});

function open(file: string): {col: Collection; file: string} {
	const copy = copyToTemp(file);
	const col = openCollection(copy.file);
	cleanups.push(copy.cleanup, () => col.close());
	return {col, file: copy.file};
}

/** The options screen of one deck, as the registry draws it; `left()` tells whether it went back. */
function optionsOf(col: Collection, deckName: string) {
	const deckId = deckIdsForName(col.adapter.decks(), deckName)[0]!;
	const model = createAppModel({collection: col, mediaDir: null, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}});
	let left = 0;
	const nav = {push: () => {}, replace: () => {}, back: () => void left++, isRoot: false};
	const Screen = screens.deckOptions.component;
	const route: Extract<Route, {name: 'deckOptions'}> = {name: 'deckOptions', deckId};
	const app = runApp(
		<Screen
			route={route}
			nav={nav}
			model={model}
			theme={themes.dark}
			bindings={bindings}
			width={80}
			height={24}
			active
			message={null}
			onHelp={() => {}}
			selectDeck={() => {}}
			handOff={(run) => run()}
		/>,
	);
	cleanups.push(() => app.unmount());
	return {...app, deckId, left: () => left};
}

const preset = (col: Collection, deckId: number) => {
	const configId = col.adapter.decks().find((d) => d.id === deckId)!.normal!.configId;
	return col.adapter.deckConfigs().find((c) => c.id === configId)!;
};

describe.each([
	['schema 11', 'schema11.anki2'],
	['schema 18', 'schema18.anki2'],
])('deck options screen on a %s collection', (_label, name) => {
	const fixture = () => open(path.join(projectRoot, 'fixtures', name));

	it('edits the new-card limit with the keyboard and saves it in one write, then leaves', async () => {
		const {col} = fixture();
		const app = optionsOf(col, 'anki-tui demo');
		await frameShows(app.lastFrame, /New cards\/day\s+20/);
		expect(plain(app.lastFrame()).replace(/\s+/g, ' ')).toContain('The most new cards to introduce in a day (preset). (0-9999, default 20) [new.perDay]');
		await press(app.stdin, keys.enter, keys.backspace, keys.backspace, '3', '5');
		await frameShows(app.lastFrame, /New cards\/day\s+35_/);
		await press(app.stdin, keys.enter);
		await frameShows(app.lastFrame, /Options: anki-tui demo \(unsaved\)/);
		expect(preset(col, app.deckId).newPerDay).toBe(20);
		await press(app.stdin, 's');
		await until(() => app.left() === 1, 'the screen to leave after saving');
		expect(preset(col, app.deckId)).toMatchObject({newPerDay: 35, usn: -1});
		expect(col.undo.peek()).toBe('Deck Options');
	});

	it("refuses a value out of range with Anki's range and keeps the edit line; Esc cancels it", async () => {
		const {col} = fixture();
		const app = optionsOf(col, 'anki-tui demo');
		await frameShows(app.lastFrame, 'Daily Limits');
		await press(app.stdin, keys.enter, '9', '9', '9');
		await press(app.stdin, keys.enter);
		await frameShows(app.lastFrame, 'New cards/day must be between 0 and 9999 (new.perDay).');
		expect(plain(app.lastFrame())).toMatch(/New cards\/day\s+20999_/);
		await press(app.stdin, keys.escape);
		await frameShows(app.lastFrame, /› New cards\/day\s+20\s*$/m);
		expect(plain(app.lastFrame())).not.toContain('(unsaved)');
	});

	it("switches, choices and this deck's own limits: → cycles, x clears, q asks before discarding", async () => {
		const {col} = fixture();
		const app = optionsOf(col, 'anki-tui demo');
		await frameShows(app.lastFrame, 'Daily Limits');
		// This deck's new limit starts from the preset's when stepped, and x clears it.
		await press(app.stdin, 'j', 'j', keys.right);
		await frameShows(app.lastFrame, /New cards\/day: this deck\s+21/);
		await press(app.stdin, 'x');
		await frameShows(app.lastFrame, /New cards\/day: this deck\s+-/);
		// Insertion order (New Cards), a choice: → to Random, with Anki's warning.
		await press(app.stdin, '\t', 'j', 'j', 'j', keys.right);
		await frameShows(app.lastFrame, /Insertion order\s+!\s+Random/);
		await frameShows(app.lastFrame, 'With the v3 scheduler, it is better to leave this set to sequential');
		await press(app.stdin, 'q');
		await frameShows(app.lastFrame, 'Discard changes? (y/n)');
		await press(app.stdin, 'n');
		await frameShows(app.lastFrame, 'Enter edit');
		expect(app.left()).toBe(0);
		await press(app.stdin, 'q', 'y');
		await until(() => app.left() === 1, 'leaving after discarding');
		expect(preset(col, app.deckId).newCardInsertOrder).toBe(0);
	});

	it('adds a preset, clones and renames it, and points the deck at it on save', async () => {
		const {col} = fixture();
		const app = optionsOf(col, 'anki-tui demo::Basics');
		await frameShows(app.lastFrame, 'Daily Limits');
		await press(app.stdin, 'a');
		await frameShows(app.lastFrame, 'Add preset, name: _');
		await press(app.stdin, 'H', 'a', 'r', 'd', keys.enter);
		await frameShows(app.lastFrame, 'Preset: Hard (0 decks)');
		// Optimize searches the saved presets: Anki asks to save first.
		await press(app.stdin, 'o');
		await frameShows(app.lastFrame, 'Please save your changes first.');
		await press(app.stdin, 'j', keys.right);
		await frameShows(app.lastFrame, /Maximum reviews\/day\s+201/);
		await press(app.stdin, 'c', 'V', keys.enter);
		await frameShows(app.lastFrame, 'Preset: V (0 decks)');
		await press(app.stdin, 'r', keys.backspace, 'W', keys.enter);
		await frameShows(app.lastFrame, 'Preset: W (0 decks)');
		await press(app.stdin, 'p');
		await frameShows(app.lastFrame, /Hard\s+new, used by 0 decks/);
		await press(app.stdin, keys.escape, 's');
		await until(() => app.left() === 1, 'leaving after saving');
		const names = col.adapter.deckConfigs().map((c) => c.name);
		expect(names).toEqual(expect.arrayContaining(['Default', 'Hard', 'W']));
		expect(preset(col, app.deckId)).toMatchObject({name: 'W', reviewsPerDay: 201, usn: -1});
		expect(col.adapter.deckConfigs().find((c) => c.name === 'Hard')).toMatchObject({reviewsPerDay: 201});
	});

	it('S saves to the deck and all its subdecks (Anki\'s Save to All Subdecks)', async () => {
		const {col} = fixture();
		const app = optionsOf(col, 'anki-tui demo');
		await frameShows(app.lastFrame, 'Daily Limits');
		await press(app.stdin, 'a', 'A', 'l', 'l', keys.enter);
		await frameShows(app.lastFrame, 'Preset: All');
		await press(app.stdin, 'S');
		await until(() => app.left() === 1, 'leaving after saving');
		const names = col.adapter.decks().filter((d) => d.name.startsWith('anki-tui demo')).map((d) => [d.name, preset(col, d.id).name]);
		expect(names).toHaveLength(5);
		expect(names.every(([, presetName]) => presetName === 'All')).toBe(true);
		expect(preset(col, 1).name).toBe('Default');
	});

	it('switches the deck to another preset from the preset list', async () => {
		const {col} = fixture();
		const first = optionsOf(col, 'anki-tui demo::Cloze');
		await frameShows(first.lastFrame, 'Daily Limits');
		await press(first.stdin, 'a', 'Z', keys.enter, 's');
		await until(() => first.left() === 1, 'the first save');
		const app = optionsOf(col, 'anki-tui demo::Basics');
		await frameShows(app.lastFrame, 'Preset: Default');
		await press(app.stdin, 'p');
		await frameShows(app.lastFrame, /Z\s+used by 1 deck$/m);
		await press(app.stdin, 'j', keys.enter);
		await frameShows(app.lastFrame, 'Preset: Z (1 deck)');
		await press(app.stdin, 's');
		await until(() => app.left() === 1, 'the second save');
		expect(preset(col, app.deckId).name).toBe('Z');
	});

	it('removes a saved preset after the one-way sync warning: decks move, scm bumped; Default cannot go', async () => {
		const {col} = fixture();
		const first = optionsOf(col, 'anki-tui demo::Cloze');
		await frameShows(first.lastFrame, 'Daily Limits');
		await press(first.stdin, 'a', 'G', 'o', 'n', 'e', keys.enter, 's');
		await until(() => first.left() === 1, 'the first save');
		const scm = col.info().scm;
		const app = optionsOf(col, 'anki-tui demo::Cloze');
		await frameShows(app.lastFrame, 'Preset: Gone');
		await press(app.stdin, 'D');
		await frameShows(app.lastFrame, 'The requested change will require a one-way sync.');
		await frameShows(app.lastFrame, 'Remove Gone? (y/n)');
		await press(app.stdin, 'y');
		await frameShows(app.lastFrame, 'Preset: Default');
		await press(app.stdin, 'D');
		await frameShows(app.lastFrame, "The default configuration can't be removed.");
		await press(app.stdin, 's');
		await until(() => app.left() === 1, 'the save');
		expect(col.adapter.deckConfigs().some((c) => c.name === 'Gone')).toBe(false);
		expect(preset(col, app.deckId).id).toBe(1);
		expect(col.info().scm).toBeGreaterThan(scm);
	});
});

describe.runIf(noticeIfNoShared())('deck options screen on a collection made by Anki, with two years of reviews', () => {
	it('Optimize shows a progress bar, then puts the new parameters in the form; Evaluate gives log loss and RMSE', async () => {
		const {col} = open(sharedFile('schema14-japanese-furigana.anki2'));
		const app = optionsOf(col, 'Recognition RTK');
		await frameShows(app.lastFrame, 'Daily Limits');
		await press(app.stdin, 'o');
		await frameShows(app.lastFrame, /Optimizing \[[#-]+\] \d+%/);
		await frameShows(app.lastFrame, /items from \d+ reviews/, 60_000);
		expect(plain(app.lastFrame())).toContain('Health Check:');
		expect(plain(app.lastFrame())).toContain('(unsaved)');
		await press(app.stdin, 'E');
		await frameShows(app.lastFrame, /Log loss: \d\.\d{4}, RMSE\(bins\): \d+\.\d\d%/, 60_000);
		await press(app.stdin, 's');
		await until(() => app.left() === 1, 'the save');
		expect(preset(col, app.deckId).fsrsParams).toHaveLength(21);
	}, 90_000);

	it('a filtered deck has no preset: the screen says so and any key goes back', async () => {
		const {col} = open(sharedFile('schema14-japanese-furigana.anki2'));
		const app = optionsOf(col, 'Custom Study Session');
		await frameShows(app.lastFrame, 'only normal decks have options');
		await press(app.stdin, 'x');
		await until(() => app.left() === 1, 'going back');
	});
});

describe('opening the options screen', () => {
	it('Shift+O in the deck browser and o in the overview open the deck\'s options; q goes back', async () => {
		const {col} = open(path.join(projectRoot, 'fixtures', 'schema18.anki2'));
		const model = createAppModel({collection: col, mediaDir: null, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}});
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} />);
		cleanups.push(() => app.unmount());
		await frameShows(app.lastFrame, 'Total');
		await press(app.stdin, keys.right, 'j', 'O');
		await frameShows(app.lastFrame, 'Options: anki-tui demo::Basics');
		await press(app.stdin, 'q');
		await frameShows(app.lastFrame, 'Total');
		// From the deck's overview: o, as in Anki; leaving returns to the overview.
		await press(app.stdin, 'o');
		await frameShows(app.lastFrame, 'o options');
		await press(app.stdin, 'o');
		await frameShows(app.lastFrame, 'Options: anki-tui demo::Basics');
		await press(app.stdin, 'q');
		await frameShows(app.lastFrame, 'study now');
	});
});
