// Every screen of the app, driven on a collection whose names and content are hostile: the bytes
// Ink writes hold no escape sequence but the theme's SGR, and no control but newline. The screens
// are those of ui/screens/registry.tsx; test/architecture/terminal-output.test.ts keeps any screen
// added later behind the same boundary (ui/safe-text.tsx).
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {App} from '../../source/ui/App.js';
import {createAppModel, type AppModel} from '../../source/ui/app-model.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import {firstPaintText} from '../../source/commands/first-paint.js';
import {parseConfig} from '../../source/ui/config.js';
import {loadDeckTree} from '../../source/core/overview/load-deck-tree.js';
import {enterAltScreen} from '../../source/ui/terminal-codes.js';
import type {DeckTreeItem} from '../../source/ui/view-types.js';
import {frameShows, keys, press, runApp} from '../ui/helpers.js';
import {BASICS_DECK_ID, hostileCollection, NAME_ATTACK, PAYLOAD_WORDS} from './hostile-collection.js';
import {foreignBytes} from './written-bytes.js';

const bindings = structuredClone(defaultCommands) as Bindings;

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
});

function hostileApp(options: {label?: string} = {}): {model: AppModel; basicsId: number} {
	const copy = hostileCollection();
	const col = openCollection(copy.file);
	cleanup = () => {
		col.close();
		copy.cleanup();
	};
	const model = createAppModel({collection: col, mediaDir: null, label: options.label, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}});
	return {model, basicsId: BASICS_DECK_ID};
}

function expectClean(written: string): void {
	expect(foreignBytes(written)).toEqual([]);
	for (const word of PAYLOAD_WORDS) expect(written).not.toContain(word);
}

describe('hostile text on every screen', () => {
	for (const theme of ['dark', 'none'] as const) {
		it(`deck browser, help, deck options, statistics, overview, review (both sides, hints, card info), summary and browser (${theme} theme)`, async () => {
			const {model} = hostileApp();
			const app = runApp(<App model={model} theme={themes[theme]} bindings={bindings} />, {columns: 100, rows: 30});
			const seen: string[] = [];
			const go = async (key: string, shows: string | RegExp) => {
				await press(app.stdin, key);
				seen.push(await frameShows(app.lastFrame, shows));
			};
			seen.push(await frameShows(app.lastFrame, /anki-tui demo/));
			await go('l', 'Basics');
			await go('?', /help|Help/);
			await go('?', /anki-tui demo/);
			await go('j', /›\s+Basics/);
			await go('O', /Options: anki-tui demo::Basics/);
			await go('q', /›\s+Basics/);
			await go('t', /Statistics: anki-tui demo::Basics/);
			await go('c', /Statistics: /);
			await go('q', /›\s+Basics/);
			await go('o', /New:\s+\d+/);
			await go('s', 'show answer');
			await go('h', /show answer/);
			await go(' ', /Again/);
			await go('i', /Card ID|Added|Card Type|Note Type/i);
			await go('i', /Again/);
			await go('3', /show answer|Congratulations|finished/i);
			await go('q', /Session summary|Congratulations/);
			await go('q', /New:|Congratulations|finished/i);
			await go('b', /Sort Field|Question/);
			await go('p', /Sort Field|Question/);
			await go(keys.down, /Sort Field|Question/);
			await go('\t', /Sort Field|Note Type/);
			app.unmount();
			const written = app.written();
			expect(seen.join('\n')).toContain('Basics');
			expectClean(written);
			if (theme === 'none') expect(written).not.toMatch(/\u001b\[[0-9;]*m/);
		});
	}

	it('a study session straight into a deck, to its summary', async () => {
		const {model, basicsId} = hostileApp();
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} startDeckId={basicsId} />);
		await frameShows(app.lastFrame, 'show answer');
		await press(app.stdin, ' ');
		await frameShows(app.lastFrame, 'Again');
		await press(app.stdin, '3', 'q');
		await frameShows(app.lastFrame, /Session summary|Cards studied/);
		app.unmount();
		expectClean(app.written());
	});

	it('the first paint of the deck list (written before Ink loads)', () => {
		const copy = hostileCollection();
		const col = openCollection(copy.file, {readOnly: true});
		cleanup = () => {
			col.close();
			copy.cleanup();
		};
		const tree = loadDeckTree(col, new Date()) as DeckTreeItem[];
		for (const noColor of [false, true]) {
			const text = firstPaintText(tree, parseConfig(undefined), {noColor, env: {}, columns: 80, rows: 24});
			expect(text).toContain('Total');
			// Its own screen switch aside, only SGR (and the cursor hidden).
			expectClean(text!.replace(enterAltScreen, ''));
		}
	});

	it('the first-run screen, with a hostile collection path', async () => {
		const copy = hostileCollection({empty: true});
		const col = openCollection(copy.file);
		cleanup = () => {
			col.close();
			copy.cleanup();
		};
		const model = createAppModel({collection: col, mediaDir: null, label: `/tmp/evil${NAME_ATTACK}/collection.anki2`, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}});
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} />);
		await frameShows(app.lastFrame, 'evil');
		app.unmount();
		expectClean(app.written());
	});
});
