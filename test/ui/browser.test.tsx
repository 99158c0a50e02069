// The card browser on a real collection (a private copy of the project's demo collection), through
// the whole app at 80x24: opening it, the search line searched on each key press with Anki's
// message for a malformed search, rows drawn only for the screen, selection and actions written
// as one undoable step each, modes and sorting, and coming back to the reviewer.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {deckIdsForName} from '../../source/core/overview/deck-names.js';
import {App} from '../../source/ui/App.js';
import type {AppModel} from '../../source/ui/app-model.js';
import type {BrowserModel} from '../../source/ui/browser-model.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import {keys, overwide, plain, press, runApp, tick} from './helpers.js';
import {openDemoApp} from './demo-app.js';

const bindings = structuredClone(defaultCommands) as Bindings;

describe('card browser', () => {
	let opened: {close: () => void} | undefined;
	afterEach(() => {
		opened?.close();
		opened = undefined;
	});

	/** The demo collection, its app model, and the largest number of rows the browser read at once. */
	function demo() {
		const {col, model: base, close} = openDemoApp();
		opened = {close};
		const reads = {max: 0};
		const model: AppModel = {
			...base,
			browser: () => {
				const browser = base.browser!();
				const rows: BrowserModel['rows'] = (mode, ids) => {
					reads.max = Math.max(reads.max, ids.length);
					return browser.rows(mode, ids);
				};
				return {...browser, rows};
			},
		};
		const snapshot = () => JSON.stringify([col.db.prepare('SELECT * FROM cards ORDER BY id').all(), col.db.prepare('SELECT * FROM revlog ORDER BY id').all(), col.db.prepare('SELECT mod FROM col').get()]);
		const card = (id: number) => col.db.prepare('SELECT * FROM cards WHERE id = ?').get(id) as {queue: number; did: number; type: number; due: number; mod: number; usn: number};
		return {col, model, reads, snapshot, card};
	}

	const frame = (app: ReturnType<typeof runApp>) => plain(app.lastFrame());
	const count = (app: ReturnType<typeof runApp>) => Number(/Browse\s+([\d,]+) (?:cards?|notes?)/.exec(frame(app))?.[1]?.replace(/,/g, '') ?? NaN);

	async function openBrowser(model: AppModel) {
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} />);
		await tick(80);
		await press(app.stdin, 'b');
		return app;
	}

	it('b opens it on deck:current with Anki\'s columns, drawn only for the rows on screen, at 80x24', async () => {
		const {model, reads, col} = demo();
		const app = await openBrowser(model);
		const text = frame(app);
		expect(text).toContain('Search: deck:current');
		expect(text).toMatch(/Sort Field ▲\s+Card Type\s+Due\s+Deck/);
		expect(count(app)).toBe(col.db.prepare('SELECT count(*) FROM cards').pluck().get());
		expect(text).toContain('── Preview');
		expect(text.split('\n').length).toBeLessThanOrEqual(24);
		expect(overwide(app.lastFrame(), 80)).toEqual([]);
		expect(reads.max).toBeGreaterThan(0);
		expect(reads.max).toBeLessThanOrEqual(24);
	});

	it('follows each key press in the search line; a malformed search shows Anki\'s message and keeps the rows', async () => {
		const {model, col} = demo();
		const app = await openBrowser(model);
		await press(app.stdin, '/', '\u0015');
		for (const key of 'tag:spanish') await press(app.stdin, key);
		const spanish = col.db.prepare("SELECT count(*) FROM cards c JOIN notes n ON n.id = c.nid WHERE n.tags LIKE '% spanish %'").pluck().get() as number;
		expect(count(app)).toBe(spanish);
		expect(frame(app)).toContain('la mariposa');
		await press(app.stdin, ' ', '(');
		expect(frame(app)).toContain('Invalid search: an opening bracket `(` was found');
		expect(count(app)).toBe(spanish);
		await press(app.stdin, keys.backspace);
		expect(frame(app)).not.toContain('Invalid search');
		await press(app.stdin, ...'is:nonsense');
		expect(frame(app)).toContain("Invalid search: `is:` was given an invalid argument '`nonsense`'.");
	});

	it('suspends the selected rows in one undoable step, and undo puts every row back', async () => {
		const {model, snapshot, card, col} = demo();
		const app = await openBrowser(model);
		await press(app.stdin, '/', '\u0015', ...'tag:spanish', keys.enter);
		const before = snapshot();
		await press(app.stdin, ' ', ' ');
		expect(frame(app)).toContain('2 selected');
		await press(app.stdin, '@');
		expect(frame(app)).toContain('2 cards suspended.');
		const ids = col.db.prepare("SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.tags LIKE '% spanish %'").pluck().all() as number[];
		for (const id of ids) expect(card(id)).toMatchObject({queue: -1, usn: -1});
		expect(frame(app)).toContain('(New #');
		await press(app.stdin, 'u');
		expect(frame(app)).toContain('Suspend undone.');
		expect(snapshot()).toBe(before);
	});

	it('changes deck through a filtered list of decks, sets due dates and forgets', async () => {
		const {model, card, col} = demo();
		const app = await openBrowser(model);
		await press(app.stdin, '/', '\u0015', ...'tag:spanish', keys.enter);
		const ids = col.db.prepare("SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.tags LIKE '% spanish %' ORDER BY c.ord").pluck().all() as number[];
		const cursorCard = ids[0]!;
		await press(app.stdin, 'm', ...'progr');
		expect(frame(app)).toContain('Decks (1)');
		expect(frame(app)).toContain('anki-tui demo::Programming');
		await press(app.stdin, keys.enter);
		const programming = deckIdsForName(col.adapter.decks(), 'anki-tui demo::Programming')[0]!;
		expect(card(cursorCard).did).toBe(programming);
		await press(app.stdin, 'd', '\u0015', '0', keys.enter);
		expect(card(cursorCard)).toMatchObject({type: 2, queue: 2});
		expect(frame(app)).toContain('Due date set on 1 card.');
		await press(app.stdin, 'N');
		expect(frame(app)).toContain('[x] restore position (p)');
		await press(app.stdin, 'p');
		expect(frame(app)).toContain('[ ] restore position (p)');
		await press(app.stdin, keys.enter);
		expect(card(cursorCard)).toMatchObject({type: 0, queue: 0});
		expect(frame(app)).toContain('1 card reset to new.');
	});

	it('flags with f and a number, toggles notes mode, and sorts by the next column', async () => {
		const {model, card, col} = demo();
		const app = await openBrowser(model);
		const first = col.db.prepare('SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid ORDER BY n.sfld COLLATE NOCASE, c.ord LIMIT 1').pluck().get() as number;
		const mod = card(first).mod;
		await press(app.stdin, 'f', '3');
		expect(card(first)).toMatchObject({usn: -1, mod});
		expect((col.db.prepare('SELECT flags FROM cards WHERE id = ?').pluck().get(first) as number) & 7).toBe(3);
		await press(app.stdin, '\t');
		expect(frame(app)).toMatch(/Sort Field ▲\s+Note Type\s+Cards\s+Tags/);
		expect(count(app)).toBe(col.db.prepare('SELECT count(*) FROM notes').pluck().get());
		await press(app.stdin, '\t', 's');
		expect(frame(app)).toMatch(/Card Type ▼/);
		await press(app.stdin, 's');
		expect(frame(app)).toMatch(/Due ▼/);
		await press(app.stdin, 'S');
		expect(frame(app)).toMatch(/Due ▲/);
	});

	it('opens from the reviewer at the card on screen; what it changed shows when studying goes on', async () => {
		const {col, model} = demo();
		const basics = deckIdsForName(col.adapter.decks(), 'anki-tui demo::Basics')[0]!;
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} startDeckId={basics} />);
		await tick(80);
		const question = frame(app).split('\n')[2]!.trim();
		await press(app.stdin, 'b');
		expect(frame(app)).toContain('Search: "deck:anki-tui demo::Basics"');
		expect(frame(app)).toMatch(new RegExp(`› ?${question.slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
		await press(app.stdin, '@', 'q');
		expect(frame(app)).not.toContain(question);
		expect(frame(app)).not.toContain('Browse');
	});
});
