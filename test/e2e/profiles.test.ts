// In a real terminal (tmux): a new user with Anki profiles on the machine sees them offered on the
// first-run screen, and `anki-tui --profile NAME` opens that profile's deck browser.
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/shared.js';
import {makeAnkiBase} from '../profiles/anki-layout.js';
import {buildCli, hasTmux, noticeIfNoTmux, terminalEnv, TmuxSession} from './tmux.js';

noticeIfNoTmux();

function sandbox() {
	const t = tempDir('anki-tui-e2e-profiles-');
	const home = path.join(t.dir, 'home');
	mkdirSync(home);
	makeAnkiBase(path.join(home, '.local', 'share', 'Anki2'), [{name: 'User 1', schema: 18}, {name: 'Work', schema: 11}]);
	return {...t, env: terminalEnv(home), exitFile: path.join(t.dir, 'exit-code')};
}

describe.skipIf(!hasTmux)('Anki profiles in tmux', () => {
	beforeAll(() => buildCli(), 120_000);

	it('the first-run screen offers the profiles found; --profile opens one', async () => {
		const box = sandbox();
		try {
			const first = new TmuxSession(box.exitFile);
			try {
				first.start([], box.env);
				const screen = await first.waitForText('anki-tui import deck.apkg');
				expect(screen).toContain('Open your Anki profile in place (close Anki first):');
				expect(screen).toContain('anki-tui --profile "User 1"');
				expect(screen).toContain('anki-tui --profile Work');
				first.keys('q');
				expect(await first.exitCode()).toBe(0);
			} finally {
				first.kill();
			}
			const second = new TmuxSession(box.exitFile);
			try {
				second.start(['--profile', 'User 1'], box.env);
				const screen = await second.waitForText('anki-tui demo');
				expect(screen).not.toContain('Welcome to anki-tui');
				second.keys('q');
				expect(await second.exitCode()).toBe(0);
			} finally {
				second.kill();
			}
		} finally {
			box.cleanup();
		}
	});
});
