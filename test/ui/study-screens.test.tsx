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
import {keys, overwide, plain, press, runApp, tick} from './helpers.js';

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
	return {col, app, screen, deck};
}

describe.each([11, 18] as const)('study screens on schema %i', (schema) => {
	it('custom study from the congratulations screen: more new cards today, then the deck\'s overview', async () => {
		const {app, screen, deck} = await start(schema, 'anki-tui demo::Languages');
		// Study until the deck is finished (Easy graduates every card).
		for (let i = 0; i < 40 && !screen().includes('Congratulations'); i++) await press(app.stdin, keys.enter, '4');
		expect(screen()).toContain('Congratulations! You have finished this deck for now.');
		expect(screen()).toContain('c custom study');
		await press(app.stdin, 'c');
		expect(screen()).toContain('Custom Study: anki-tui demo::Languages');
		expect(screen()).toMatch(/› \(•\) Increase today's new card limit/);
		expect(screen()).toMatch(/Available new cards: \d+/);
		expect(overwide(app.lastFrame(), 80)).toEqual([]);
		await press(app.stdin, keys.backspace, '3');
		expect(screen()).toContain("Increase today's new card limit by 3█ cards");
		const before = deck('anki-tui demo::Languages')!;
		await press(app.stdin, keys.enter);
		expect(screen()).toContain('study now');
		const after = deck('anki-tui demo::Languages')!;
		expect(after.today.newStudied).toBe(before.today.newStudied - 3);
		expect(after.normal!.extendNew).toBe(3);
	});

	it('study by card state or tag: the card state, then tags to require, builds the Custom Study Session', async () => {
		const {app, screen, deck, col} = await start(schema);
		await press(app.stdin, 'o', 'c');
		for (let i = 0; i < 5; i++) await press(app.stdin, keys.down);
		expect(screen()).toMatch(/› \(•\) Study by card state or tag/);
		expect(screen()).toContain('Select 100█ cards from the deck');
		await press(app.stdin, keys.right, keys.right, keys.right);
		expect(screen()).toMatch(/\(•\) All cards in random order \(don't reschedule\)/);
		await press(app.stdin, keys.enter);
		expect(screen()).toContain('Selective Study');
		await press(app.stdin, ' ');
		expect(screen()).toMatch(/› \[\+\] \S+/);
		const tag = /› \[\+\] (\S+)/.exec(screen())![1]!;
		await press(app.stdin, keys.enter);
		expect(screen()).toContain('Custom Study Session');
		expect(screen()).toContain('r rebuild');
		const session = deck('Custom Study Session')!;
		expect(session.filtered).toMatchObject({reschedule: false, searchTerms: [{search: `"deck:anki-tui demo" tag:${tag}`, order: 1}]});
		expect(Number(col.db.prepare('SELECT count(*) FROM cards WHERE did = ?').pluck().get(session.id))).toBeGreaterThan(0);
		// Empty, then rebuild, from the session deck's overview.
		await press(app.stdin, 'e');
		expect(screen()).toMatch(/Emptied: \d+ cards? back in their decks\./);
		await press(app.stdin, 'r');
		expect(screen()).toMatch(/Rebuilt: \d+ cards?\./);
	});

	it('a value out of range is refused on the screen and nothing is written', async () => {
		const {app, screen, col} = await start(schema);
		const mod = col.info().mod;
		await press(app.stdin, 'o', 'c', keys.down, keys.down);
		expect(screen()).toContain('Review cards forgotten in the last 1█ day');
		// 1 typed on to 150 days: Anki's spinner stops at 30.
		await press(app.stdin, '5', '0');
		await press(app.stdin, keys.enter);
		expect(screen()).toContain('Enter a number from 1 to 30.');
		expect(col.info().mod).toBe(mod);
	});

	it('the help overlay over custom study keeps the number typed and the option chosen', async () => {
		const {app, screen} = await start(schema);
		await press(app.stdin, 'o', 'c', keys.down, keys.down, '2');
		expect(screen()).toContain('Review cards forgotten in the last 12█ days');
		await press(app.stdin, '?');
		expect(screen()).toContain('Keys (any key closes)');
		await press(app.stdin, 'x');
		expect(screen()).toMatch(/› \(•\) Review forgotten cards/);
		expect(screen()).toContain('Review cards forgotten in the last 12█ days');
	});

	it('the filtered-deck dialog: a bad search gets Anki\'s message, a good one builds the deck', async () => {
		const {app, screen, deck} = await start(schema);
		await press(app.stdin, 'F');
		expect(screen()).toContain('New filtered deck');
		expect(screen()).toMatch(/› Search\s+"deck:.*" is:due█/);
		expect(overwide(app.lastFrame(), 80)).toEqual([]);
		await press(app.stdin, ' (');
		await press(app.stdin, keys.enter);
		expect(screen()).toContain('Invalid search: an opening bracket');
		await press(app.stdin, keys.backspace, keys.backspace);
		// Name: type over it.
		await press(app.stdin, keys.up);
		for (let i = 0; i < 30; i++) await press(app.stdin, keys.backspace);
		await press(app.stdin, 'C', 'r', 'a', 'm');
		await press(app.stdin, keys.down, keys.down, keys.down, keys.right);
		expect(screen()).toMatch(/Cards selected by\s+‹ Increasing intervals ›/);
		await press(app.stdin, keys.down, ' ');
		expect(screen()).toContain('Delay for Again (secs)');
		await press(app.stdin, keys.enter);
		const cram = deck('Cram');
		expect(cram?.filtered).toMatchObject({reschedule: false, searchTerms: [{limit: 100, order: 2}]});
		expect(screen()).toContain('Cram');
		expect(screen()).toContain('r rebuild');
		// o opens the same dialog with the deck's settings.
		await press(app.stdin, 'o');
		expect(screen()).toContain('Options for Cram');
		expect(screen()).toContain('[ ] Reschedule cards based on my answers in this deck');
	});

	it('deck list: create, rename with ::, delete after a confirmation, and undo', async () => {
		const {app, screen, deck, col} = await start(schema);
		await press(app.stdin, 'n');
		expect(screen()).toContain('Create Deck');
		for (const ch of 'Lang::Spanish') await press(app.stdin, ch);
		await press(app.stdin, keys.enter);
		expect(deck('Lang::Spanish')).toBeDefined();
		expect(screen()).toMatch(/Lang/);
		const spanish = deck('Lang::Spanish')!;
		// The new deck is the chosen one (its parent is stored collapsed, so the row shown is Lang's).
		await press(app.stdin, 'g');
		const lines = () => screen().split('\n');
		for (let i = 0; i < 10 && !lines().some((l) => /›\s+[+-]?\s*Lang\b/.test(l)); i++) await press(app.stdin, 'j');
		await press(app.stdin, 'r');
		expect(screen()).toContain('Rename Lang');
		for (let i = 0; i < 4; i++) await press(app.stdin, keys.backspace);
		for (const ch of 'World::Lang') await press(app.stdin, ch);
		await press(app.stdin, keys.enter);
		expect(col.adapter.decks().find((d) => d.id === spanish.id)!.name).toBe('World::Lang::Spanish');
		await press(app.stdin, 'g', 'D');
		expect(screen()).toMatch(/Delete anki-tui demo and its 4 subdecks\? It has 28 cards\./);
		await press(app.stdin, 'n');
		expect(deck('anki-tui demo')).toBeDefined();
		await press(app.stdin, 'D', 'y');
		expect(deck('anki-tui demo')).toBeUndefined();
		expect(Number(col.db.prepare('SELECT count(*) FROM cards').pluck().get())).toBe(0);
		await press(app.stdin, 'u');
		expect(screen()).toContain('Delete Deck undone.');
		expect(deck('anki-tui demo')).toBeDefined();
		expect(Number(col.db.prepare('SELECT count(*) FROM cards').pluck().get())).toBe(28);
	});
});
