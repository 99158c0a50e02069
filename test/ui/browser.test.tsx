// The card browser on a real collection (a private copy of the project's demo collection), through
// the whole app at 80x24: opening it, the search line searched on each key press with Anki's
// message for a malformed search, rows drawn only for the screen, selection and actions written
// as one undoable step each, modes and sorting, and coming back to the reviewer.
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {deckIdsForName} from '../../source/core/overview/deck-names.js';
import {App} from '../../source/ui/App.js';
import type {Collection} from '../../source/core/collection/types.js';
import type {AppModel} from '../../source/ui/app-model.js';
import type {BrowserModel} from '../../source/ui/browser-model.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import {keys, overwide, plain, press, runApp, tick} from './helpers.js';
import {openDemoApp} from './demo-app.js';
import {openCollection} from '../../source/core/collection/open.js';
import {createAppModel} from '../../source/ui/app-model.js';
import {sha1} from '../collection/helpers.js';
import {copyToTemp, projectRoot} from '../helpers/shared.js';

const bindings = structuredClone(defaultCommands) as Bindings;

const savedEditor = {VISUAL: process.env['VISUAL'], EDITOR: process.env['EDITOR']};

describe('card browser', () => {
	let opened: {close: () => void} | undefined;
	let editorDir: string | undefined;
	afterEach(() => {
		opened?.close();
		opened = undefined;
		if (editorDir) rmSync(editorDir, {recursive: true, force: true});
		editorDir = undefined;
		for (const [name, value] of Object.entries(savedEditor)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	});

	/** $EDITOR becomes a small shell script with this body (the document's path is $1). */
	function scriptedEditor(body: string): void {
		editorDir = mkdtempSync(path.join(os.tmpdir(), 'anki-tui-editor-'));
		const script = path.join(editorDir, 'editor.sh');
		writeFileSync(script, `#!/bin/sh\n${body}\n`);
		chmodSync(script, 0o755);
		delete process.env['VISUAL'];
		process.env['EDITOR'] = script;
	}

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

	const noteTags = (col: Collection, nid: number) => String(col.db.prepare('SELECT tags FROM notes WHERE id = ?').pluck().get(nid));
	const registered = (col: Collection) => Object.keys(JSON.parse(String(col.db.prepare('SELECT tags FROM col').pluck().get())) as Record<string, number>);

	it("marks and unmarks the rows' notes with Anki's marked tag, adds and removes tags, each one undoable step", async () => {
		const {model, col} = demo();
		const app = await openBrowser(model);
		await press(app.stdin, '/', '\u0015', ...'tag:physics', keys.enter);
		const nids = col.db.prepare("SELECT id FROM notes WHERE tags LIKE '% physics %' ORDER BY id").pluck().all() as number[];
		expect(count(app)).toBe(3);
		const notesBefore = JSON.stringify(col.db.prepare('SELECT * FROM notes ORDER BY id').all());
		await press(app.stdin, '\u0001', '*');
		expect(frame(app)).toContain('2 notes marked.');
		for (const nid of nids) expect(col.db.prepare('SELECT tags, usn FROM notes WHERE id = ?').get(nid)).toEqual({tags: ' marked physics ', usn: -1});
		expect(registered(col)).toContain('marked');
		// The cursor's note is marked now, so the same key unmarks them all.
		await press(app.stdin, '*');
		expect(frame(app)).toContain('2 notes unmarked.');
		for (const nid of nids) expect(noteTags(col, nid)).toBe(' physics ');
		await press(app.stdin, 'u');
		expect(frame(app)).toContain('Remove Tag undone.');
		for (const nid of nids) expect(noteTags(col, nid)).toBe(' marked physics ');
		await press(app.stdin, 'u');
		expect(JSON.stringify(col.db.prepare('SELECT * FROM notes ORDER BY id').all())).toBe(notesBefore);

		await press(app.stdin, 't', ...'exam::Week1 Physics');
		expect(frame(app)).toContain('Add tags to 3 cards: exam::Week1 Physics');
		await press(app.stdin, keys.enter);
		expect(frame(app)).toContain('Tags added to 2 notes.');
		// Canonical: the registered spelling of a known tag, the new one registered.
		for (const nid of nids) expect(noteTags(col, nid)).toBe(' exam::Week1 physics ');
		expect(registered(col)).toContain('exam::Week1');
		await press(app.stdin, 'T', ...'EXAM', keys.enter);
		expect(frame(app)).toContain('Tags removed from 2 notes.');
		for (const nid of nids) expect(col.db.prepare('SELECT tags, usn FROM notes WHERE id = ?').get(nid)).toEqual({tags: ' physics ', usn: -1});
		await press(app.stdin, 'u');
		expect(frame(app)).toContain('Remove Tag undone.');
		for (const nid of nids) expect(noteTags(col, nid)).toBe(' exam::Week1 physics ');
	});

	it("deletes the rows' notes after a confirmation that counts their cards, with Anki's graves; undo brings them back", async () => {
		const {model, col, snapshot} = demo();
		const app = await openBrowser(model);
		await press(app.stdin, '/', '\u0015', ...'tag:spanish', keys.enter);
		const nid = col.db.prepare("SELECT id FROM notes WHERE tags LIKE '% spanish %'").pluck().get() as number;
		const cids = col.db.prepare('SELECT id FROM cards WHERE nid = ? ORDER BY id').pluck().all(nid) as number[];
		expect(cids.length).toBe(2);
		const before = snapshot();
		const notesBefore = JSON.stringify(col.db.prepare('SELECT * FROM notes ORDER BY id').all());
		await press(app.stdin, 'x');
		expect(frame(app)).toContain('Delete 1 note and 2 cards? (y/n)');
		await press(app.stdin, 'n');
		expect(snapshot()).toBe(before);
		await press(app.stdin, 'x', 'y');
		expect(frame(app)).toContain('1 note and 2 cards deleted.');
		expect(count(app)).toBe(0);
		expect(col.db.prepare('SELECT count(*) FROM notes WHERE id = ?').pluck().get(nid)).toBe(0);
		expect(col.db.prepare('SELECT oid, type, usn FROM graves ORDER BY type, oid').all()).toEqual([...cids.map(oid => ({oid, type: 0, usn: -1})), {oid: nid, type: 1, usn: -1}]);
		await press(app.stdin, 'u');
		expect(frame(app)).toContain('Delete Note undone.');
		expect(count(app)).toBe(2);
		expect(snapshot()).toBe(before);
		expect(JSON.stringify(col.db.prepare('SELECT * FROM notes ORDER BY id').all())).toBe(notesBefore);
		expect(col.db.prepare('SELECT count(*) FROM graves').pluck().get()).toBe(0);
	});

	it("Enter edits the row's note in $EDITOR and the row is drawn again; a adds a note; u undoes the edit", async () => {
		// Appends " EDITED" to the line after the first section heading (the first field).
		scriptedEditor(`awk 'BEGIN{s=0} s==0 && /^## /{print; getline; print $0 " EDITED"; s=1; next} {print}' "$1" > "$1.new" && mv "$1.new" "$1"`);
		const {model, col} = demo();
		const app = await openBrowser(model);
		await press(app.stdin, '/', '\u0015', ...'tag:spanish', keys.enter);
		const nid = col.db.prepare("SELECT id FROM notes WHERE tags LIKE '% spanish %'").pluck().get() as number;
		const before = col.db.prepare('SELECT flds, sfld, mod, usn FROM notes WHERE id = ?').get(nid);
		await press(app.stdin, keys.enter);
		await tick(80);
		expect(frame(app)).toContain('Note updated.');
		expect(frame(app)).toMatch(/› ?la mariposa EDITED/);
		expect(col.db.prepare('SELECT sfld, usn FROM notes WHERE id = ?').get(nid)).toEqual({sfld: 'la mariposa EDITED', usn: -1});
		// The notes table edits the note too.
		await press(app.stdin, '\t', 'e');
		await tick(80);
		expect(frame(app)).toMatch(/› ?la mariposa EDITED EDITED/);
		await press(app.stdin, 'u', 'u');
		expect(frame(app)).toContain('Update Note undone.');
		expect(col.db.prepare('SELECT flds, sfld, mod, usn FROM notes WHERE id = ?').get(nid)).toEqual(before);

		scriptedEditor(`sed -i -e '/^## Front$/{n;s/^$/added in the browser/}' -e '/^## Back$/{n;s/^$/back/}' "$1"`);
		await press(app.stdin, '/', '\u0015', ...'added', keys.enter);
		expect(count(app)).toBe(0);
		await press(app.stdin, 'a');
		await tick(80);
		expect(frame(app)).toMatch(/Note added to "[^"]+" \(1 card\)\./);
		expect(count(app)).toBe(1);
		expect(frame(app)).toContain('added in the browser');
		// A search that finds other rows too: the cursor goes to the added note's card.
		await press(app.stdin, '/', '\u0015', ...'deck:*', keys.enter);
		expect(frame(app)).not.toMatch(/› ?second added/);
		scriptedEditor(`sed -i -e '/^## Front$/{n;s/^$/second added/}' "$1"`);
		await press(app.stdin, 'a');
		await tick(80);
		expect(frame(app)).toMatch(/› ?second added/);
	});

	it('on a read-only collection, edit, add, mark, tags and delete say so and write nothing', async () => {
		const copy = copyToTemp(path.join(projectRoot, 'fixtures', 'schema11.anki2'));
		const col = openCollection(copy.file, {readOnly: true});
		opened = {close: () => (col.close(), copy.cleanup())};
		const model = createAppModel({collection: col, mediaDir: null, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}});
		scriptedEditor('exit 0');
		const before = sha1(copy.file);
		const app = await openBrowser(model);
		for (const key of [keys.enter, 'a', '*', 'x']) {
			await press(app.stdin, key);
			expect(frame(app)).toContain('This collection is open read-only.');
			await press(app.stdin, 'j');
		}
		await press(app.stdin, 't', ...'tag', keys.enter);
		expect(frame(app)).toContain('This collection is open read-only.');
		col.close();
		expect(sha1(copy.file)).toBe(before);
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
