// End to end: the built CLI in tmux changes a deck's new-card limit on the options screen (opened with
// O from the deck browser), saves, and the collection holds it as Anki writes it; the deck list's
// counts follow at once.
import {copyFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openCollection} from '../../source/core/collection/open.js';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {buildCli, hasTmux, noticeIfNoTmux, terminalEnv, TmuxSession} from './tmux.js';

noticeIfNoTmux();

describe.skipIf(!hasTmux)('deck options in tmux', () => {
	beforeAll(() => buildCli(), 120_000);
	const dirs: Array<() => void> = [];
	afterAll(() => dirs.forEach((cleanup) => cleanup()));

	it.each(['schema11.anki2', 'schema18.anki2'])('%s: O, Enter, a new limit, Enter, s: saved with usn -1 and mod now; the deck list shows it', async (name) => {
		const box = tempDir('anki-tui-e2e-');
		dirs.push(box.cleanup);
		const home = path.join(box.dir, 'home');
		mkdirSync(home);
		const file = path.join(box.dir, 'collection.anki2');
		copyFileSync(path.join(projectRoot, 'fixtures', name), file);
		const started = Math.floor(Date.now() / 1000);
		const tmux = new TmuxSession(path.join(box.dir, 'exit-code'));
		try {
			tmux.start(['--collection', file], terminalEnv(home));
			let screen = await tmux.waitForText('Total');
			expect(screen).toMatch(/anki-tui demo\s+19\s+3\s+5/);
			await tmux.pressFor('O', /New cards\/day\s+20/);
			await tmux.pressFor('Enter', /New cards\/day\s+20_/);
			tmux.keys('BSpace', 'BSpace');
			await tmux.waitForText(/New cards\/day\s+_/);
			tmux.literal('7');
			await tmux.waitForText(/New cards\/day\s+7_/);
			screen = await tmux.pressFor('Enter', '(unsaved)');
			expect(screen).toMatch(/New cards\/day\s+7\s*$/m);
			// Saving goes back to the deck list, whose counts now follow the new limit.
			screen = await tmux.pressFor('s', 'Total');
			expect(screen).toMatch(/anki-tui demo\s+7\s+3\s+5/);
			tmux.keys('q');
			expect(await tmux.exitCode()).toBe(0);
		} finally {
			tmux.kill();
		}
		const col = openCollection(file, {readOnly: true});
		try {
			const preset = col.adapter.deckConfigs().find((c) => c.id === 1)!;
			expect(preset.newPerDay).toBe(7);
			expect(preset.usn).toBe(-1);
			expect(preset.mtimeSecs).toBeGreaterThanOrEqual(started);
			expect(col.adapter.decks().find((d) => d.name === 'anki-tui demo')!.normal!.configId).toBe(1);
		} finally {
			col.close();
		}
	}, 120_000);
});
