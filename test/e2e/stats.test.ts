// End to end: the statistics screen of the built CLI in tmux at 80x24, on a real collection with a
// review log around today. The numbers on the screen are the ones `stats --json` prints (checked
// against SQL in test/stats/); here: that the screen shows them, switches period and scope,
// scrolls to the end, draws in colour, and draws without colour under NO_COLOR.
import {execFileSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/shared.js';
import {buildStatsCollection, type StatsFixture} from '../stats/build-collection.js';
import {buildCli, cliPath, hasTmux, noticeIfNoTmux, terminalEnv, TmuxSession} from './tmux.js';

noticeIfNoTmux();

/** The next 04:00 UTC (the default rollover; the terminal runs with TZ=UTC). */
function nextRollover(nowMs: number): number {
	const day = Math.floor(nowMs / 86_400_000) * 86_400;
	const four = day + 4 * 3600;
	return four > nowMs / 1000 ? four : four + 86_400;
}

describe.skipIf(!hasTmux)('statistics screen in tmux', () => {
	let fixture: StatsFixture;
	const box = tempDir('anki-tui-e2e-');
	const home = path.join(box.dir, 'home');
	const env = terminalEnv(home);
	beforeAll(() => {
		buildCli();
		mkdirSync(home);
		const nowMs = Date.now();
		fixture = buildStatsCollection({schema: 18, nowMs, nextDayAt: nextRollover(nowMs), minutesWest: 0, rollover: 4, seed: 8});
	}, 120_000);
	afterAll(() => {
		fixture?.cleanup();
		box.cleanup();
	});

	function json(...args: string[]): any {
		return JSON.parse(execFileSync(process.execPath, [cliPath, 'stats', fixture.file, '--json', ...args], {env, encoding: 'utf8'}));
	}

	it('t on a deck opens its statistics; p and c switch period and scope; it scrolls to the end; q goes back', async () => {
		const lang = json('--deck', 'Lang');
		const whole = json('--period', '3m');
		const tmux = new TmuxSession(path.join(box.dir, 'exit-1'));
		try {
			// A 256-colour terminal, whatever CI variables the test runner passes on (supports-color
			// turns colour off when CI is set to anything).
			tmux.start(['review', fixture.file], {...env, FORCE_COLOR: '2'});
			await tmux.waitForText(/New\s+Learn\s+Due/);
			let screen = await tmux.pressFor('j', /›[+-]? *Lang/);
			expect(screen).toContain('t stats');
			screen = await tmux.pressFor('t', 'Future Due');
			expect(screen.split('\n')[0]).toMatch(/^Statistics: Lang\s+1 month/);
			expect(screen).toContain(`Due tomorrow: ${lang.futureDueTable.dueTomorrow} review`);
			expect(screen).toMatch(/p period {2}c whole collection {2}↓ scroll {2}\? help {2}q back/);
			// Colour: bars in the theme's colours (capture-pane -e shows the SGR codes).
			expect(tmux.screenWithColors()).toMatch(/\u001B\[[0-9;]*m[█▁▂▃▄▅▆▇]/);

			// Each switch first shows the frame, then the numbers computed after it.
			await tmux.pressFor('c', /^Statistics: whole collection\s+1 month[^]*Future Due/);
			screen = await tmux.pressFor('p', /^Statistics: whole collection\s+3 months[^]*Future Due/);
			expect(screen).toContain(`Total: ${whole.futureDueTable.total.toLocaleString('en')} review`);
			// Down to the last section, every frame within 80x24.
			const titles = new Set<string>();
			for (let i = 0; i < 15 && !/Last year/.test(screen); i++) {
				for (const line of screen.split('\n')) {
					const title = /^(Today|Future Due|Calendar|Reviews|Card Counts|Review Intervals|Card Ease|Hourly Breakdown|Answer Buttons|Added|True Retention)\b/.exec(line);
					if (title) titles.add(title[1]!);
				}
				expect(screen.split('\n').every((l) => l.length <= 80)).toBe(true);
				screen = await tmux.press('PageDown');
			}
			for (const line of screen.split('\n')) if (/^True Retention/.test(line)) titles.add('True Retention');
			expect(titles.size).toBeGreaterThanOrEqual(10);
			expect(screen).toContain('True Retention');
			screen = await tmux.pressFor('q', /New\s+Learn\s+Due/);
			tmux.keys('q');
			expect(await tmux.exitCode()).toBe(0);
		} finally {
			tmux.kill();
		}
	});

	it('the calendar shows the streak, and NO_COLOR draws the charts without colour', async () => {
		const lang = json('--deck', 'Lang');
		const tmux = new TmuxSession(path.join(box.dir, 'exit-2'));
		try {
			tmux.start(['review', fixture.file], {...env, NO_COLOR: '1'});
			await tmux.waitForText(/New\s+Learn\s+Due/);
			await tmux.pressFor('j', /›[+-]? *Lang/);
			await tmux.pressFor('t', 'Future Due');
			const screen = await tmux.pressFor('PageDown', 'Current streak');
			expect(screen).toContain(`Current streak: ${lang.calendar.currentStreak} day`);
			expect(screen).toMatch(/Sun|Mon/);
			// No colour codes at all (30-37, 38;..., 90-97), only emphasis.
			expect(tmux.screenWithColors()).not.toMatch(/\u001B\[(?:[0-9;]*;)?(3[0-8]|9[0-7])(;[0-9;]*)?m/);
			tmux.keys('q');
			await tmux.waitForText(/New\s+Learn\s+Due/);
			tmux.keys('q');
			expect(await tmux.exitCode()).toBe(0);
		} finally {
			tmux.kill();
		}
	});
});
