// `e` and `a` in the app on a real collection (the demo collection, a private copy), with $EDITOR a
// small shell script: the reviewer draws the edited card, `u` undoes the edit, and a note added from
// the deck list shows up in its counts.
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {deckIdsForName} from '../../source/core/overview/deck-names.js';
import {App} from '../../source/ui/App.js';
import {createAppModel} from '../../source/ui/app-model.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import {copyToTemp, projectRoot} from '../helpers/shared.js';
import {plain, press, runApp, tick} from './helpers.js';

const bindings = structuredClone(defaultCommands) as Bindings;

let opened: {col: Collection; cleanup: () => void} | undefined;
const savedEditor = {VISUAL: process.env['VISUAL'], EDITOR: process.env['EDITOR']};
afterEach(() => {
	opened?.col.close();
	opened?.cleanup();
	opened = undefined;
	for (const [name, value] of Object.entries(savedEditor)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

/** A private copy of the demo collection and an $EDITOR script with this shell body. */
function demo(editorBody: string) {
	const copy = copyToTemp(path.join(projectRoot, 'fixtures', 'schema11.anki2'));
	const col = openCollection(copy.file);
	opened = {col, cleanup: copy.cleanup};
	const script = path.join(copy.dir, 'editor.sh');
	writeFileSync(script, `#!/bin/sh\n${editorBody}\n`);
	chmodSync(script, 0o755);
	delete process.env['VISUAL'];
	process.env['EDITOR'] = script;
	const model = createAppModel({collection: col, mediaDir: null, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}});
	return {col, model};
}

// Appends " EDITED" to the first line of the first section (the note's first field).
const appendToFirstField = `awk 'BEGIN{s=0} s==0 && /^## /{print; getline; print $0 " EDITED"; s=1; next} {print}' "$1" > "$1.new" && mv "$1.new" "$1"`;

describe('editing and adding notes in the app', () => {
	it('e edits the shown card in $EDITOR, the card is drawn again, u undoes the edit', async () => {
		const {col, model} = demo(appendToFirstField);
		const basics = deckIdsForName(col.adapter.decks(), 'anki-tui demo::Basics')[0]!;
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} startDeckId={basics} />);
		await tick(80);
		expect(plain(app.lastFrame())).not.toContain('EDITED');
		const before = col.db.prepare('SELECT id, flds, mod, usn FROM notes').all();
		await press(app.stdin, 'e');
		await tick(80);
		expect(plain(app.lastFrame())).toContain('Note updated.');
		expect(plain(app.lastFrame())).toContain('EDITED');
		expect(col.db.prepare("SELECT count(*) FROM notes WHERE flds LIKE '% EDITED%' AND usn = -1").pluck().get()).toBe(1);
		await press(app.stdin, 'u');
		await tick(80);
		expect(plain(app.lastFrame())).toContain('Update Note undone.');
		expect(plain(app.lastFrame())).not.toContain('EDITED');
		expect(col.db.prepare('SELECT id, flds, mod, usn FROM notes').all()).toEqual(before);
	});

	it('e on the answer side keeps the answer shown; an editor that fails changes nothing', async () => {
		const {col, model} = demo('exit 1');
		const basics = deckIdsForName(col.adapter.decks(), 'anki-tui demo::Basics')[0]!;
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} startDeckId={basics} />);
		await tick(80);
		await press(app.stdin, ' ');
		expect(plain(app.lastFrame())).toMatch(/1 Again/);
		const mod = col.info().mod;
		await press(app.stdin, 'e');
		await tick(80);
		expect(plain(app.lastFrame())).toMatch(/exited with status 1; nothing was written\./);
		expect(plain(app.lastFrame())).toMatch(/1 Again/);
		expect(col.info().mod).toBe(mod);
	});

	it('a in the deck list adds a note to the selected deck', async () => {
		const {col, model} = demo(`sed -i -e '/^## Front$/{n;s/^$/new front/}' -e '/^## Back$/{n;s/^$/new back/}' "$1"`);
		const notes = () => col.db.prepare('SELECT count(*) FROM notes').pluck().get() as number;
		const before = notes();
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} />);
		await tick(80);
		// The selected row (the demo deck; an empty Default is not listed) gets the note.
		await press(app.stdin, 'a');
		await tick(80);
		expect(plain(app.lastFrame())).toMatch(/Note added to "anki-tui demo" \(1 card\)\./);
		expect(notes()).toBe(before + 1);
		const demoId = deckIdsForName(col.adapter.decks(), 'anki-tui demo')[0]!;
		expect(col.db.prepare("SELECT c.did FROM notes n JOIN cards c ON c.nid = n.id WHERE n.flds = 'new front\u001fnew back'").pluck().all()).toEqual([demoId]);
	});

	it("a late XTVERSION reply from tmux (ending in `a`) opens no editor; a real `a` still does", async () => {
		const {col, model} = demo(`sed -i -e '/^## Front$/{n;s/^$/late front/}' -e '/^## Back$/{n;s/^$/late back/}' "$1"`);
		const notes = () => col.db.prepare('SELECT count(*) FROM notes').pluck().get() as number;
		const before = notes();
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} />);
		await tick(80);
		const shown = plain(app.lastFrame());
		// Long after the probe's window: once whole, once cut by a read in the middle of "tmux".
		await press(app.stdin, '\u001BP>|tmux 3.3a\u001B\\');
		await press(app.stdin, '\u001BP>|tm', 'ux 3.3a\u001B\\');
		await tick(80);
		expect(plain(app.lastFrame())).toBe(shown);
		expect(notes()).toBe(before);
		await press(app.stdin, 'a');
		await tick(80);
		expect(plain(app.lastFrame())).toMatch(/Note added to "anki-tui demo" \(1 card\)\./);
		expect(notes()).toBe(before + 1);
	});
});
