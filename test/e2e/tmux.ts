// Drives the built CLI inside a private tmux server (its own socket), so end-to-end tests see
// exactly what a terminal shows and press keys as a user would.
import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {ensureFreshBuild} from '../helpers/built-cli.js';
import {projectRoot, tempDir} from '../helpers/shared.js';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

let warned = false;
export function noticeIfNoTmux(): boolean {
	if (!hasTmux && !warned) {
		warned = true;
		console.warn('NOTICE: tmux is not installed; end-to-end tests are skipped (apt-get install tmux).');
	}
	return hasTmux;
}

export const cliPath = path.join(projectRoot, 'bin', 'anki-tui.js');

/** The CLI is tested as shipped: dist/ rebuilt when the source is newer (once per test run). */
export const buildCli = ensureFreshBuild;

/** A copy of the demo collection in a fresh folder, with a HOME of its own; cleanup() removes both. */
export function demoCollectionBox(): {dir: string; home: string; file: string; cleanup: () => void} {
	const box = tempDir('anki-tui-e2e-');
	const home = path.join(box.dir, 'home');
	mkdirSync(home);
	const file = path.join(box.dir, 'collection.anki2');
	copyFileSync(path.join(projectRoot, 'fixtures', 'schema11.anki2'), file);
	return {dir: box.dir, home, file, cleanup: box.cleanup};
}

/** An executable shell script for $EDITOR with this body (the document's path is $1). */
export function editorScript(dir: string, body: string): string {
	const script = path.join(dir, 'editor.sh');
	writeFileSync(script, `#!/bin/sh\n${body}\n`);
	chmodSync(script, 0o755);
	return script;
}

/** The environment of a CLI run in tmux: a private HOME with its XDG folders, a UTF-8 xterm, UTC. */
export function terminalEnv(home: string): Record<string, string> {
	return {
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		XDG_DATA_HOME: path.join(home, '.local', 'share'),
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		TZ: 'UTC',
	};
}

export class TmuxSession {
	private readonly socket = `anki-tui-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	readonly name = 'e2e';

	constructor(
		readonly exitFile: string,
		private readonly width = 80,
		private readonly height = 24,
	) {}

	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	}

	/** Starts `node bin/anki-tui.js ...args` with the given environment; records its exit code. */
	start(args: string[], env: Record<string, string>): void {
		this.startNode([cliPath, ...args], env);
	}

	/** Starts `node ...args` (a script of the tests, or the CLI) with the given environment; records its exit code. */
	startNode(args: string[], env: Record<string, string>): void {
		const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
		const envPart = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`).join(' ');
		const command = `env ${envPart} ${quote(process.execPath)} ${args.map(quote).join(' ')}; echo $? > ${quote(this.exitFile)}; sleep 30`;
		this.tmux('new-session', '-d', '-s', this.name, '-x', String(this.width), '-y', String(this.height), command);
	}

	screen(): string {
		return this.tmux('capture-pane', '-p', '-t', this.name);
	}

	/** The screen with its colours and attributes as SGR sequences (capture-pane -e). */
	screenWithColors(): string {
		return this.tmux('capture-pane', '-p', '-e', '-t', this.name);
	}

	/** A pane option as this pane has it ('' when it inherits the window's or global value). */
	paneOption(name: string): string {
		return this.tmux('show-options', '-p', '-v', '-t', this.name, name).trim();
	}

	/** Sends keys by tmux name (`Space`, `Enter`, `Escape`, `PageDown`) or literally with literal=true. */
	keys(...keys: string[]): void {
		this.tmux('send-keys', '-t', this.name, ...keys);
	}

	literal(text: string): void {
		this.tmux('send-keys', '-t', this.name, '-l', text);
	}

	resize(width: number, height: number): void {
		this.tmux('resize-window', '-t', this.name, '-x', String(width), '-y', String(height));
	}

	async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			last = this.screen();
			if (predicate(last)) return last;
			await new Promise((r) => setTimeout(r, 20));
		}
		throw new Error(`timed out waiting for ${what}; screen was:\n${last}`);
	}

	async waitForText(text: string | RegExp, timeoutMs?: number): Promise<string> {
		return this.waitFor((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), String(text), timeoutMs);
	}

	/** Sends a key and waits until the screen changes from what it was. */
	async press(key: string, literal = false): Promise<string> {
		const before = this.screen();
		if (literal) this.literal(key);
		else this.keys(key);
		return this.waitFor((s) => s !== before, `a new frame after ${key}`);
	}

	/** Sends a key and waits until the screen shows the text. */
	async pressFor(key: string, text: string | RegExp): Promise<string> {
		this.keys(key);
		return this.waitForText(text);
	}

	/** From the session summary of a `review FILE --deck` run: q leaves it and the program; the exit code. */
	async quitFromSummary(): Promise<number> {
		this.keys('q');
		return this.exitCode();
	}

	async exitCode(timeoutMs = 10_000): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (existsSync(this.exitFile)) {
				const text = readFileSync(this.exitFile, 'utf8').trim();
				if (text) return Number(text);
			}
			await new Promise((r) => setTimeout(r, 20));
		}
		throw new Error(`the CLI did not exit; screen was:\n${this.screen()}`);
	}

	kill(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// already gone
		}
	}
}
