import React from 'react';
import {describe, expect, it} from 'vitest';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/App.js';
import type {AppModel} from '../../source/ui/app-model.js';
import {ReviewController} from '../../source/ui/controller/review-controller.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes} from '../../source/ui/theme.js';
import type {DeckTreeItem} from '../../source/ui/view-types.js';
import {FakeSession, fakeDeps} from './fake-session.js';
import {keys, plain, press, tick} from './helpers.js';

const bindings = structuredClone(defaultCommands) as Bindings;

function model(tree: DeckTreeItem[]) {
	const sessions: FakeSession[] = [];
	const m: AppModel = {
		collectionPath: '/tmp/collection.anki2',
		deckTree: () => tree,
		overview: (id) => ({id, name: tree.find((d) => d.id === id)?.name ?? '?', description: [], counts: {new: 2, learn: 0, review: 0}}),
		startReview: () => {
			const session = new FakeSession([
				{id: 1, front: 'uno', back: 'one', kind: 'new'},
				{id: 2, front: 'dos', back: 'two', kind: 'new'},
			]);
			sessions.push(session);
			return {controller: new ReviewController(fakeDeps(session).deps), summary: () => session.summary()};
		},
		now: () => 0,
	};
	return {m, sessions};
}

const tree: DeckTreeItem[] = [{id: 5, name: 'Numbers', shortName: 'Numbers', collapsed: false, new: 2, learn: 0, review: 0, cards: 2, children: []}];

describe('app', () => {
	it('goes deck browser -> review -> summary -> overview -> browser, and q quits', async () => {
		const {m, sessions} = model(tree);
		const ui = render(<App model={m} theme={themes.dark} bindings={bindings} size={{columns: 80, rows: 24}} />);
		await tick();
		expect(plain(ui.lastFrame())).toContain('Numbers');
		await press(ui.stdin, keys.enter);
		expect(plain(ui.lastFrame())).toContain('uno');
		await press(ui.stdin, ' ', '1', 'q');
		const summary = plain(ui.lastFrame());
		expect(summary).toMatch(/Cards studied:\s+1/);
		expect(summary).toMatch(/Again rate:\s+100%/);
		expect(sessions[0]!.answers).toHaveLength(1);
		await press(ui.stdin, 'q');
		expect(plain(ui.lastFrame())).toContain('study now');
		await press(ui.stdin, 'q');
		expect(plain(ui.lastFrame())).toMatch(/New\s+Learn\s+Due/);
		await press(ui.stdin, '?');
		expect(plain(ui.lastFrame())).toContain('Previous deck');
		await press(ui.stdin, 'x');
		expect(plain(ui.lastFrame())).toMatch(/New\s+Learn\s+Due/);
		await press(ui.stdin, 'q');
	});

	it('Ctrl+C in a burst with other keys still quits', async () => {
		const {m} = model(tree);
		const ui = render(<App model={m} theme={themes.dark} bindings={bindings} size={{columns: 80, rows: 24}} />);
		await tick();
		let exited = false;
		// ink-testing-library has no waitUntilExit; an unmounted app stops rendering new frames.
		const frames = ui.frames.length;
		ui.stdin.write('j\u0003');
		await tick();
		ui.stdin.write('\r');
		await tick();
		exited = ui.frames.length <= frames + 1 && !plain(ui.lastFrame()).includes('uno');
		expect(exited).toBe(true);
	});

	it('starts straight in review with a deck, and shows the first-run screen for an empty collection', async () => {
		const {m} = model(tree);
		const ui = render(<App model={m} theme={themes.dark} bindings={bindings} startDeckId={5} size={{columns: 80, rows: 24}} />);
		await tick();
		expect(plain(ui.lastFrame())).toContain('uno');
		const empty = model([{id: 1, name: 'Default', shortName: 'Default', collapsed: false, new: 0, learn: 0, review: 0, cards: 0, children: []}]);
		const ui2 = render(<App model={empty.m} theme={themes.dark} bindings={bindings} size={{columns: 80, rows: 24}} />);
		await tick();
		expect(plain(ui2.lastFrame())).toContain('anki-tui import deck.apkg');
	});
});
