// The screen stack and its one back rule, on its own and through the whole app on a real
// collection (the project's demo collection, a private copy): no fake session, the real scheduler.
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {deckIdsForName} from '../../source/core/overview/deck-names.js';
import {App} from '../../source/ui/App.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {ScreenStack} from '../../source/ui/navigation.js';
import {themes} from '../../source/ui/theme.js';
import {frameShows, keys, press, runApp, until} from './helpers.js';
import {openDemoApp} from './demo-app.js';

const bindings = structuredClone(defaultCommands) as Bindings;

describe('screen stack', () => {
	function stack(initial: string[]) {
		const events: string[] = [];
		const s = new ScreenStack<string>(initial, {changed: () => events.push('changed'), quit: () => events.push('quit')});
		return {s, events};
	}

	it('push shows the last route, back returns, and leaving the last screen quits', () => {
		const {s, events} = stack(['decks']);
		s.navigator(s.top).push('overview', 'review');
		expect(s.routes()).toEqual(['decks', 'overview', 'review']);
		s.navigator(s.top).replace('summary');
		expect(s.routes()).toEqual(['decks', 'overview', 'summary']);
		s.navigator(s.top).back();
		s.navigator(s.top).back();
		expect(s.routes()).toEqual(['decks']);
		expect(s.navigator(s.top).isRoot).toBe(true);
		s.navigator(s.top).back();
		expect(events).toEqual(['changed', 'changed', 'changed', 'changed', 'quit']);
		expect(s.routes()).toEqual(['decks']);
	});

	it('a screen that is no longer on top changes nothing (the second key of a burst)', () => {
		const {s, events} = stack(['review']);
		const review = s.navigator(s.top);
		review.replace('summary');
		review.replace('summary');
		review.back();
		expect(s.routes()).toEqual(['summary']);
		expect(events).toEqual(['changed']);
	});

	it('each opening is a new entry, so a screen opened twice starts fresh', () => {
		const {s} = stack(['decks']);
		s.navigator(s.top).push('overview');
		const first = s.top.id;
		s.navigator(s.top).back();
		s.navigator(s.top).push('overview');
		expect(s.top.id).not.toBe(first);
	});
});

describe('app on a real collection', () => {
	let opened: {close: () => void} | undefined;
	afterEach(() => {
		opened?.close();
		opened = undefined;
	});

	function demo() {
		const {col, model, close} = openDemoApp();
		opened = {close};
		const revlog = () => col.db.prepare('SELECT count(*) FROM revlog').pluck().get() as number;
		return {col, model, revlog};
	}

	/** Presses a key, then waits for the screen it leads to. */
	async function go(app: ReturnType<typeof runApp>, key: string, shows: string | RegExp): Promise<string> {
		await press(app.stdin, key);
		return frameShows(app.lastFrame, shows);
	}

	it('a session started straight into a deck leaves the program after its summary: q, then q', async () => {
		const {col, model, revlog} = demo();
		const before = revlog();
		const basics = deckIdsForName(col.adapter.decks(), 'anki-tui demo::Basics')[0]!;
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} startDeckId={basics} />);
		await frameShows(app.lastFrame, 'anki-tui demo::Basics');
		await go(app, keys.enter, '4 Easy');
		await go(app, '3', 'show answer');
		expect(revlog()).toBe(before + 1);
		const summary = await go(app, 'q', /Cards studied:\s+1/);
		expect(summary).toContain('q quit');
		expect(app.exited()).toBe(false);
		await press(app.stdin, 'q');
		await until(app.exited, 'the app to quit');
	});

	it('from the deck list, q goes up one screen at a time and then quits', async () => {
		const {col, model} = demo();
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} />);
		await frameShows(app.lastFrame, /New\s+Learn\s+Due/);
		// The demo deck is stored collapsed; expanding it is saved in the collection, as Anki does.
		const demoId = deckIdsForName(col.adapter.decks(), 'anki-tui demo')[0]!;
		await go(app, 'l', 'Basics');
		expect(col.adapter.decks().find((d) => d.id === demoId)!.collapsed).toBe(false);
		await go(app, 'j', /›\s+Basics/);
		await go(app, keys.enter, 'show answer');
		await go(app, 'q', 'q continue');
		await go(app, 'q', 'study now');
		// Back on the deck list, with the deck that was studied still chosen.
		await go(app, 'q', /›\s+Basics/);
		expect(app.exited()).toBe(false);
		await press(app.stdin, 'q');
		await until(app.exited, 'the app to quit');
	});

	it('o opens the overview; studying from it returns to it, then to the deck list', async () => {
		const {model} = demo();
		const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} />);
		await frameShows(app.lastFrame, /New\s+Learn\s+Due/);
		await go(app, 'o', /New:\s+\d+/);
		await go(app, 's', 'show answer');
		await go(app, 'q', 'Session summary');
		await go(app, 'x', 'study now');
		await go(app, 'q', /New\s+Learn\s+Due/);
		expect(app.exited()).toBe(false);
		app.unmount();
	});
});
