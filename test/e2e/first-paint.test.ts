// The deck list's first paint (commands/first-paint.ts) must be the very screen Ink then draws: the
// painted frame and Ink's own, each captured from tmux with colours, are compared cell for cell;
// keys pressed before Ink is ready still count; quitting leaves the alternate screen.
import {copyFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {projectRoot, tempDir} from '../helpers/shared.js';
import {buildCli, hasTmux, noticeIfNoTmux, terminalEnv, TmuxSession} from './tmux.js';

noticeIfNoTmux();
const work = tempDir('anki-tui-first-paint-');
afterAll(() => work.cleanup());

function box(fixture: string) {
	const dir = path.join(work.dir, `${fixture}-${Math.random().toString(36).slice(2, 8)}`);
	const home = path.join(dir, 'home');
	mkdirSync(home, {recursive: true});
	const file = path.join(dir, 'collection.anki2');
	copyFileSync(path.join(projectRoot, 'fixtures', fixture), file);
	return {dir, file, env: terminalEnv(home), exitFile: path.join(dir, 'exit-code')};
}

async function inkScreen(fixture: string, width: number, height: number): Promise<string> {
	const b = box(fixture);
	const tmux = new TmuxSession(b.exitFile, width, height);
	try {
		tmux.start(['--collection', b.file], {...b.env, ANKI_TUI_FIRST_PAINT: 'off'});
		await tmux.waitForText('Total');
		// Ink has drawn; a second look a moment later must be the same frame.
		await new Promise((r) => setTimeout(r, 300));
		return tmux.screenWithColors();
	} finally {
		tmux.kill();
	}
}

async function paintedScreen(fixture: string, width: number, height: number): Promise<string> {
	const b = box(fixture);
	const tmux = new TmuxSession(b.exitFile, width, height);
	try {
		tmux.startNode(['--import', 'tsx', path.join(projectRoot, 'test', 'e2e', 'print-first-paint.ts'), b.file], b.env);
		await tmux.waitForText(/Total|nothing to paint/);
		return tmux.screenWithColors();
	} finally {
		tmux.kill();
	}
}

describe.skipIf(!hasTmux)('the first paint of the deck list', () => {
	beforeAll(() => buildCli(), 120_000);

	for (const [fixture, width, height] of [
		['schema11.anki2', 80, 24],
		['schema18.anki2', 80, 24],
		// Fewer rows than decks: the list is cut as Ink cuts it.
		['schema11.anki2', 60, 9],
	] as const) {
		it(`is the screen Ink draws (${fixture}, ${width}x${height})`, async () => {
			const painted = await paintedScreen(fixture, width, height);
			expect(painted).toContain('Total');
			expect(painted).toBe(await inkScreen(fixture, width, height));
		}, 60_000);
	}

	it('hands over to Ink: the same screen after it draws, keys typed meanwhile count, q leaves the alternate screen', async () => {
		const b = box('schema11.anki2');
		const tmux = new TmuxSession(b.exitFile, 80, 24);
		try {
			tmux.start(['--collection', b.file], b.env);
			await tmux.waitForText('Total');
			// Pressed while Ink may still be loading: the demo deck (stored collapsed) opens, the next deck is selected.
			tmux.keys('l', 'j');
			await tmux.waitForText('›    Basics');
			tmux.keys('k', 'h');
			await tmux.waitFor((s) => s.includes('›+ anki-tui demo'), 'the demo deck selected and collapsed again');
			await new Promise((r) => setTimeout(r, 300));
			expect(tmux.screenWithColors()).toBe(await inkScreen('schema11.anki2', 80, 24));
			tmux.keys('q');
			expect(await tmux.exitCode()).toBe(0);
			expect(tmux.screen()).not.toContain('Total');
		} finally {
			tmux.kill();
		}
	}, 60_000);
});
