// End to end in tmux with its clipboard on: a collection whose deck names (and everything else a
// shared deck controls) carry OSC 0 (set the title) and OSC 52 (write the clipboard). First the
// attack is shown to work on this tmux with printf, then the built CLI's screens and its `decks`
// and `show` output must leave the pane title and tmux's paste buffers as they were.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {hostileCollection} from '../output/hostile-collection.js';
import {OSC_CLIPBOARD, OSC_TITLE} from '../output/hostile.js';
import {buildCli, cliPath, hasTmux, noticeIfNoTmux, terminalEnv} from './tmux.js';

noticeIfNoTmux();

/** A private tmux server with set-clipboard on (applications may write its paste buffers). */
class ClipboardTmux {
	private readonly socket = `anki-tui-e2e-hostile-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

	tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	}

	/** Runs `command` (a shell command) after the clipboard option is set. */
	start(command: string): void {
		this.tmux('new-session', '-d', '-s', 'e2e', '-x', '100', '-y', '30', `sleep 0.5; ${command}; sleep 30`);
		this.tmux('set-option', '-g', 'set-clipboard', 'on');
	}

	title(): string {
		return this.tmux('display-message', '-p', '-t', 'e2e', '#{pane_title}').trim();
	}

	buffers(): string {
		return this.tmux('list-buffers');
	}

	screen(): string {
		return this.tmux('capture-pane', '-p', '-t', 'e2e');
	}

	keys(...keys: string[]): void {
		this.tmux('send-keys', '-t', 'e2e', ...keys);
	}

	async waitForText(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			last = this.screen();
			if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
			await new Promise((r) => setTimeout(r, 25));
		}
		throw new Error(`timed out waiting for ${String(text)}; screen was:\n${last}`);
	}

	close(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// already gone
		}
	}
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const sessions: ClipboardTmux[] = [];
const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const s of sessions.splice(0)) s.close();
	for (const c of cleanups.splice(0)) c();
});

function session(): ClipboardTmux {
	const s = new ClipboardTmux();
	sessions.push(s);
	return s;
}

describe.skipIf(!hasTmux)('hostile deck names in tmux with its clipboard on', () => {
	beforeAll(() => buildCli(), 120_000);

	it('the attack itself works here: printf of OSC 0 and OSC 52 retitles the pane and fills a paste buffer', async () => {
		const tmux = session();
		tmux.start(`printf %s ${quote(OSC_TITLE + OSC_CLIPBOARD)}; echo printed`);
		await tmux.waitForText('printed');
		expect(tmux.title()).toBe('PWNED-TITLE');
		expect(tmux.buffers()).toContain('rm -rf ~');
	});

	it('the deck list, overview, review, card info and browser, then `decks` and `show`, leave title and clipboard alone', async () => {
		const copy = hostileCollection();
		cleanups.push(copy.cleanup);
		const env = terminalEnv(copy.dir);
		const envPart = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`).join(' ');
		const cli = (args: string[]) => `env ${envPart} ${quote(process.execPath)} ${quote(cliPath)} ${args.map(quote).join(' ')}`;
		const tmux = session();
		tmux.start(`${cli(['--collection', copy.file])}; ${cli(['decks', copy.file])}; ${cli(['show', copy.file, '--card', '1767603610500'])}; echo finished`);
		const title = tmux.title();
		expect(title).not.toBe('PWNED-TITLE');
		await tmux.waitForText(/anki-tui demo\s+\d+/);
		for (const [key, shows] of [
			['l', 'Basics'],
			['j', /›\s+Basics/],
			['o', /New:\s+\d+/],
			['s', 'show answer'],
			['Space', 'Again'],
			['i', /Card Type|Note Type|Added/],
			['i', 'Again'],
			['b', /Sort Field/],
			['Escape', 'Again'],
			['q', /Session summary|New:/],
		] as Array<[string, string | RegExp]>) {
			tmux.keys(key);
			await tmux.waitForText(shows);
			expect(tmux.title()).toBe(title);
		}
		for (let i = 0; i < 4 && !/Deck\s+Cards\s+New/.test(tmux.screen()); i++) {
			tmux.keys('q');
			await new Promise((r) => setTimeout(r, 300));
		}
		const screen = await tmux.waitForText('finished', 30_000);
		expect(screen).toMatch(/^ {2}Basics +\d+/m);
		expect(screen).toContain('anki-tui demo::Basics ·');
		expect(tmux.title()).toBe(title);
		expect(tmux.buffers()).toBe('');
		expect(screen).not.toContain('PWNED');
	}, 90_000);
});
