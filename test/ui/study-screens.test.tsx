// Custom study, the filtered-deck dialog and deck changes through the whole app on a copy of a real
// collection (the project's demo collection): keys as a user presses them, rows as Anki writes them.
import path from 'node:path';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {App} from '../../source/ui/App.js';
import {createAppModel} from '../../source/ui/app-model.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import {copyToTemp, projectRoot} from '../helpers/shared.js';
import {frameShows, keys, overwide, plain, press, runApp, tick, until} from './helpers.js';

const bindings = structuredClone(defaultCommands) as Bindings;

let opened: {col: Collection; cleanup: () => void; unmount?: () => void} | undefined;
afterEach(() => {
	opened?.unmount?.();
	opened?.col.close();
	opened?.cleanup();
	opened = undefined;
});

async function start(schema: 11 | 18, startDeck?: string) {
	const copy = copyToTemp(path.join(projectRoot, 'fixtures', `schema${schema}.anki2`));
	const col = openCollection(copy.file);
	opened = {col, cleanup: copy.cleanup};
	const model = createAppModel({collection: col, mediaDir: null, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}});
	const startDeckId = startDeck ? col.adapter.decks().find((d) => d.name === startDeck)!.id : undefined;
	const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} startDeckId={startDeckId} />);
	opened.unmount = app.unmount;
	await tick(80);
	const screen = () => plain(app.lastFrame());
	const deck = (name: string) => col.adapter.decks().find((d) => d.name === name);
	// Waits for the frame (keys are handled as fast as a loaded machine allows).
	const shows = (text: string | RegExp) => frameShows(app.lastFrame, text);
	/** Moves down the deck list (one frame at a time) until a row matches. */
	const selectRow = async (row: RegExp) => {
		for (let i = 0; i < 15 && !screen().split('\n').some((l) => row.test(l)); i++) {
			const before = screen();
			await press(app.stdin, 'j');
			await until(() => screen() !== before, 'the next row').catch(() => undefined);
		}
		await shows(row);
	};
	return {col, app, screen, deck, shows, selectRow};
}

describe.each([11, 18] as const)('study screens on schema %i', (schema) => {
	it('custom study from the congratulations screen: more new cards today, then the deck\'s overview', async () => {
		const {app, screen, deck, shows} = await start(schema, 'anki-tui demo::Languages');
		// Study until the deck is finished (Easy graduates every card).
		for (let i = 0; i < 40 && !screen().includes('Congratulations'); i++) await press(app.stdin, keys.enter, '4');
		await shows('Congratulations! You have finished this deck for now.');
		await shows('c custom study');
		await press(app.stdin, 'c');
		await shows('Custom Study: anki-tui demo::Languages');
		await shows(/› \(•\) Increase today's new card limit/);
		await shows(/Available new cards: \d+/);
		expect(overwide(app.lastFrame(), 80)).toEqual([]);
		await press(app.stdin, keys.backspace, '3');
		await shows("Increase today's new card limit by 3█ cards");
		const before = deck('anki-tui demo::Languages')!;
		await press(app.stdin, keys.enter);
		await shows('study now');
		const after = deck('anki-tui demo::Languages')!;
		expect(after.today.newStudied).toBe(before.today.newStudied - 3);
		expect(after.normal!.extendNew).toBe(3);
	});

	it('study by card state or tag: the card state, then tags to require, builds the Custom Study Session', async () => {
		const {app, screen, deck, col, shows, selectRow} = await start(schema);
		await press(app.stdin, 'o', 'c');
		for (let i = 0; i < 5; i++) await press(app.stdin, keys.down);
		await shows(/› \(•\) Study by card state or tag/);
		await shows('Select 100█ cards from the deck');
		await press(app.stdin, keys.right, keys.right, keys.right);
		await shows(/\(•\) All cards in random order \(don't reschedule\)/);
		await press(app.stdin, keys.enter);
		await shows('Selective Study');
		await press(app.stdin, ' ');
		await shows(/› \[\+\] \S+/);
		const tag = /› \[\+\] (\S+)/.exec(screen())![1]!;
		await press(app.stdin, keys.enter);
		await shows('Custom Study Session');
		await shows('r rebuild');
		const session = deck('Custom Study Session')!;
		expect(session.filtered).toMatchObject({reschedule: false, searchTerms: [{search: `"deck:anki-tui demo" tag:${tag}`, order: 1}]});
		expect(Number(col.db.prepare('SELECT count(*) FROM cards WHERE did = ?').pluck().get(session.id))).toBeGreaterThan(0);
		// Empty, then rebuild, from the session deck's overview.
		await press(app.stdin, 'e');
		await shows(/Emptied: \d+ cards? back in their decks\./);
		await press(app.stdin, 'r');
		await shows(/Rebuilt: \d+ cards?\./);
	});

	it('a value out of range is refused on the screen and nothing is written', async () => {
		const {app, screen, col, shows} = await start(schema);
		const mod = col.info().mod;
		await press(app.stdin, 'o', 'c', keys.down, keys.down);
		await shows('Review cards forgotten in the last 1█ day');
		// 1 typed on to 150 days: Anki's spinner stops at 30.
		await press(app.stdin, '5', '0');
		await press(app.stdin, keys.enter);
		await shows('Enter a number from 1 to 30.');
		expect(col.info().mod).toBe(mod);
	});

	it('the help overlay over custom study keeps the number typed and the option chosen', async () => {
		const {app, screen, shows} = await start(schema);
		await press(app.stdin, 'o', 'c', keys.down, keys.down, '2');
		await shows('Review cards forgotten in the last 12█ days');
		await press(app.stdin, '?');
		await shows('Keys (any key closes)');
		await press(app.stdin, 'x');
		await shows(/› \(•\) Review forgotten cards/);
		await shows('Review cards forgotten in the last 12█ days');
	});

	it('the filtered-deck dialog: a bad search gets Anki\'s message, a good one builds the deck', async () => {
		const {app, screen, deck, col, shows, selectRow} = await start(schema);
		await press(app.stdin, 'F');
		await shows('New filtered deck');
		await shows(/› Search\s+"deck:.*" is:due█/);
		expect(overwide(app.lastFrame(), 80)).toEqual([]);
		await press(app.stdin, ' (');
		await press(app.stdin, keys.enter);
		await shows('Invalid search: an opening bracket');
		await press(app.stdin, keys.backspace, keys.backspace);
		// Name: type over it.
		await press(app.stdin, keys.up);
		for (let i = 0; i < 30; i++) await press(app.stdin, keys.backspace);
		await press(app.stdin, 'C', 'r', 'a', 'm');
		await press(app.stdin, keys.down, keys.down, keys.down, keys.right);
		await shows(/Cards selected by\s+‹ Increasing intervals ›/);
		await press(app.stdin, keys.down, ' ');
		await shows('Delay for Again (secs)');
		await press(app.stdin, keys.enter);
		await shows('r rebuild');
		await shows('Cram');
		const cram = deck('Cram');
		expect(cram?.filtered).toMatchObject({reschedule: false, searchTerms: [{limit: 100, order: 2}]});
		// o opens the same dialog with the deck's settings.
		await press(app.stdin, 'o');
		await shows('Options for Cram');
		await shows('[ ] Reschedule cards based on my answers in this deck');
		// Deleting it from the deck list sends its cards home, and the confirmation says so.
		const inCram = Number(col.db.prepare('SELECT count(*) FROM cards WHERE did = ?').pluck().get(cram!.id));
		expect(inCram).toBeGreaterThan(0);
		await press(app.stdin, keys.escape, 'q');
		await shows('Total');
		await selectRow(/›\s*[+-]?\s*Cram/);
		await press(app.stdin, 'D');
		await shows(`Delete Cram? Its ${inCram} cards go back to their home decks.`);
		const cardsBefore = Number(col.db.prepare('SELECT count(*) FROM cards').pluck().get());
		await press(app.stdin, 'y');
		await shows('Total');
		expect(deck('Cram')).toBeUndefined();
		expect(Number(col.db.prepare('SELECT count(*) FROM cards').pluck().get())).toBe(cardsBefore);
		expect(Number(col.db.prepare('SELECT count(*) FROM cards WHERE odid != 0').pluck().get())).toBe(0);
	});

	it('deck list: create, rename with ::, delete after a confirmation, and undo', async () => {
		const {app, screen, deck, col, shows, selectRow} = await start(schema);
		await press(app.stdin, 'n');
		await shows('Create Deck');
		for (const ch of 'Lang::Spanish') await press(app.stdin, ch);
		await press(app.stdin, keys.enter);
		await shows('Total');
		expect(deck('Lang::Spanish')).toBeDefined();
		const spanish = deck('Lang::Spanish')!;
		// The new deck is the chosen one (its parent is stored collapsed, so the row shown is Lang's).
		await press(app.stdin, 'g');
		await selectRow(/›\s*[+-]?\s*Lang\b/);
		await press(app.stdin, 'r');
		await shows('Rename Lang');
		for (let i = 0; i < 4; i++) await press(app.stdin, keys.backspace);
		for (const ch of 'World::Lang') await press(app.stdin, ch);
		await press(app.stdin, keys.enter);
		await shows('Total');
		expect(col.adapter.decks().find((d) => d.id === spanish.id)!.name).toBe('World::Lang::Spanish');
		await press(app.stdin, 'g');
		await shows(/›\s*[+-]?\s*anki-tui demo/);
		await press(app.stdin, 'D');
		await shows(/Delete anki-tui demo and its 4 subdecks\? It has 28 cards\./);
		await press(app.stdin, 'n');
		await shows('Total');
		expect(deck('anki-tui demo')).toBeDefined();
		await press(app.stdin, 'D');
		await shows('Delete Deck');
		await press(app.stdin, 'y');
		await shows('Total');
		expect(deck('anki-tui demo')).toBeUndefined();
		expect(Number(col.db.prepare('SELECT count(*) FROM cards').pluck().get())).toBe(0);
		await press(app.stdin, 'u');
		await shows('Delete Deck undone.');
		expect(deck('anki-tui demo')).toBeDefined();
		expect(Number(col.db.prepare('SELECT count(*) FROM cards').pluck().get())).toBe(28);
	});
});
