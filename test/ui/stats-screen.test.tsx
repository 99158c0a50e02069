// The statistics screen through the whole app at 80x24 on a real collection with a year of
// reviews: opened from the deck list, the overview and the session summary; the period and the
// scope switch; it scrolls to the last section; every frame fits; light and no-colour themes.
import React from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import type {Collection} from '../../source/core/collection/types.js';
import {App} from '../../source/ui/App.js';
import {createAppModel} from '../../source/ui/app-model.js';
import {defaultCommands, type Bindings} from '../../source/ui/keys.js';
import {themes, type Theme} from '../../source/ui/theme.js';
import {buildStatsCollection, type StatsFixture} from '../stats/build-collection.js';
import chalk from 'chalk';
import {keys, overwide, plain, press, runApp, tick} from './helpers.js';

const bindings = structuredClone(defaultCommands) as Bindings;
const nowMs = Date.UTC(2026, 10, 20, 15, 30);

describe('statistics screen', () => {
	let fixture: StatsFixture;
	let col: Collection;
	beforeAll(() => {
		fixture = buildStatsCollection({schema: 18, nowMs, nextDayAt: Date.UTC(2026, 10, 20, 18) / 1000, minutesWest: -600, rollover: 4, seed: 8});
		col = openCollection(fixture.file, {readOnly: true});
	});
	afterAll(() => {
		col.close();
		fixture.cleanup();
	});

	function start(theme: Theme = themes.dark) {
		const model = createAppModel({collection: col, mediaDir: null, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}, now: () => nowMs});
		const app = runApp(<App model={model} theme={theme} bindings={bindings} />);
		return app;
	}

	/** Waits until the statistics have been computed and drawn. */
	async function loaded(app: ReturnType<typeof start>): Promise<string> {
		for (let i = 0; i < 100 && !plain(app.lastFrame()).includes('Today'); i++) await tick(20);
		return plain(app.lastFrame());
	}

	it('t on the deck list opens the chosen deck\'s statistics: first a frame that says so, then the data', async () => {
		const app = start();
		await tick(80);
		expect(plain(app.lastFrame())).toContain('t stats');
		// Every frame written since the key, not the last one sampled: a fast load replaces the
		// loading frame within the key's pause.
		const before = app.written().length;
		await press(app.stdin, 't');
		await loaded(app);
		expect(plain(app.written().slice(before))).toContain('Computing statistics…');
		const frame = plain(app.lastFrame());
		expect(frame).toMatch(/^Statistics: Filtered\s+1 month/);
		expect(frame).toContain('Studied ');
		expect(frame).toContain('Future Due');
		expect(frame).toMatch(/p period {2}c whole collection {2}↓ scroll {2}\? help {2}q back/);
		expect(frame.split('\n').length).toBeLessThanOrEqual(24);
		expect(overwide(app.lastFrame(), 80)).toEqual([]);
		app.unmount();
	});

	it('p cycles the period and c switches between the deck and the whole collection', async () => {
		const app = start();
		await tick(80);
		await press(app.stdin, 'j', 't');
		let frame = await loaded(app);
		expect(frame).toMatch(/^Statistics: Lang\s+1 month/);
		await press(app.stdin, 'p');
		frame = await loaded(app);
		expect(frame).toMatch(/^Statistics: Lang\s+3 months/);
		await press(app.stdin, 'p', 'p');
		frame = await loaded(app);
		expect(frame).toMatch(/^Statistics: Lang\s+deck life/);
		await press(app.stdin, 'c');
		frame = await loaded(app);
		expect(frame).toMatch(/^Statistics: whole collection\s+deck life/);
		expect(frame).toContain('c this deck');
		await press(app.stdin, 'p');
		frame = await loaded(app);
		expect(frame).toMatch(/^Statistics: whole collection\s+1 month/);
		await press(app.stdin, 'q');
		expect(plain(app.lastFrame())).toMatch(/New\s+Learn\s+Due/);
		app.unmount();
	});

	it('scrolls through every section to the true retention table, within 80x24', async () => {
		const app = start();
		await tick(80);
		await press(app.stdin, 't');
		await loaded(app);
		const seen = new Set<string>();
		const titles = ['Today', 'Future Due', 'Calendar', 'Reviews', 'Card Counts', 'Review Intervals', 'Card Ease', 'Hourly Breakdown', 'Answer Buttons', 'Added', 'True Retention'];
		for (let i = 0; i < 12; i++) {
			const frame = plain(app.lastFrame());
			for (const line of frame.split('\n')) {
				const title = titles.find((t) => line.startsWith(t));
				if (title) seen.add(title);
			}
			expect(overwide(app.lastFrame(), 80)).toEqual([]);
			expect(frame.split('\n').length).toBeLessThanOrEqual(24);
			await press(app.stdin, keys.pageDown);
		}
		expect([...seen].sort()).toEqual([...titles].sort());
		const end = plain(app.lastFrame());
		expect(end).toMatch(/Last year\s+\d+\.\d%/);
		expect(end).toMatch(/100%\n/);
		await press(app.stdin, keys.pageUp, keys.pageUp, 'k');
		expect(plain(app.lastFrame())).not.toBe(end);
		app.unmount();
	});

	it('opens from the overview and from the session summary', async () => {
		const app = start();
		await tick(80);
		await press(app.stdin, 'j', 'o');
		expect(plain(app.lastFrame())).toContain('t stats');
		await press(app.stdin, 't');
		expect(await loaded(app)).toMatch(/^Statistics: Lang/);
		await press(app.stdin, 'q', 's', 'q');
		expect(plain(app.lastFrame())).toContain('Session summary');
		expect(plain(app.lastFrame())).toContain('t stats');
		await press(app.stdin, 't');
		expect(await loaded(app)).toMatch(/^Statistics: Lang/);
		await press(app.stdin, 'q');
		expect(plain(app.lastFrame())).toContain('Session summary');
		app.unmount();
	});

	it('the help overlay lists the statistics keys', async () => {
		const app = start();
		await tick(80);
		await press(app.stdin, 't');
		await loaded(app);
		await press(app.stdin, '?');
		const help = plain(app.lastFrame());
		expect(help).toMatch(/p\s+Next period: 1 month, 3 months, 1 year, deck life/);
		expect(help).toMatch(/c\s+The deck or the whole collection/);
		expect(overwide(app.lastFrame(), 80)).toEqual([]);
		app.unmount();
	});

	it('draws charts in the light theme\'s colours, and without colour keeps a glyph per series', async () => {
		const level = chalk.level;
		chalk.level = 1; // vitest's output is no TTY; ask for colour as a 16-colour terminal would
		const light = start(themes.light);
		await tick(80);
		await press(light.stdin, 't');
		await loaded(light);
		await press(light.stdin, keys.pageDown, keys.pageDown);
		// Light theme: the darker ANSI colours (32 green for mature cards, 34 blue for bars).
		expect(light.lastFrame()).toMatch(/\u001B\[32m[█▁▂▃▄▅▆▇]/);
		expect(light.lastFrame()).not.toMatch(/\u001B\[9[1-7]m█/);
		light.unmount();
		chalk.level = level;

		const none = start(themes.none);
		await tick(80);
		await press(none.stdin, 't');
		await loaded(none);
		// Down to the Reviews chart's legend.
		for (let i = 0; i < 6 && !plain(none.lastFrame()).includes('Mature  '); i++) await press(none.stdin, keys.pageDown);
		const frame = none.lastFrame();
		// No colour at all: no SGR colour codes (30-37, 90-97, 38;...), only bold/inverse.
		expect(frame).not.toMatch(/\u001B\[(3[0-8]|9[0-7])(;\d+)*m/);
		expect(plain(frame)).toMatch(/█ Mature {2}▓ Young {2}▒ Relearn {2}░ Learn {2}: Filtered/);
		none.unmount();
	});
});

describe('statistics screen with FSRS on', () => {
	it('shows Card Stability, Difficulty and Retrievability instead of Card Ease, within 80x24', async () => {
		const fixture = buildStatsCollection({schema: 11, nowMs, nextDayAt: Date.UTC(2026, 10, 20, 18) / 1000, minutesWest: -600, rollover: 4, seed: 8, fsrs: true});
		const col = openCollection(fixture.file, {readOnly: true});
		try {
			const model = createAppModel({collection: col, mediaDir: null, config: {audio: {player: ['anki-tui-no-player'], autoplay: false}}, now: () => nowMs});
			const app = runApp(<App model={model} theme={themes.dark} bindings={bindings} />);
			await tick(80);
			await press(app.stdin, 't');
			for (let i = 0; i < 100 && !plain(app.lastFrame()).includes('Today'); i++) await tick(20);
			const titles = new Set<string>();
			for (let i = 0; i < 12; i++) {
				for (const line of plain(app.lastFrame()).split('\n')) {
					const title = /^(Card \w+)/.exec(line);
					if (title) titles.add(title[1]!);
				}
				expect(overwide(app.lastFrame(), 80)).toEqual([]);
				await press(app.stdin, keys.pageDown);
			}
			expect([...titles].sort()).toEqual(['Card Counts', 'Card Difficulty', 'Card Retrievability', 'Card Stability']);
			app.unmount();
		} finally {
			col.close();
			fixture.cleanup();
		}
	});
});
