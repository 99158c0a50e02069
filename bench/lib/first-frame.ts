// Launch to first frame of the deck browser, whole process: the built CLI runs in a private tmux
// server; the pane's shell stamps the clock just before exec'ing node, and we poll the pane until
// the deck browser's rows are drawn. Resolution is one poll (a capture-pane, a few ms).
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync} from 'node:fs';
import path from 'node:path';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export interface FirstFrameOptions {
	/** Node's arguments: the CLI and its own (or, for the floor, a script printing the same text). */
	nodeArgs: string[];
	/** The bare-Node floor: writes no ANKI_TUI_TIMINGS, so none is awaited. */
	bare?: boolean;
	/** Text that only the drawn deck browser shows. */
	waitFor: string;
	workDir: string;
	timeoutMs?: number;
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

export interface FirstFrame {
	/** From exec to the deck browser on screen (whole process, what the budget means). */
	ms: number;
	/** The app's own figure (ANKI_TUI_TIMINGS): from Node's process start to ink's first frame. */
	inProcessMs: number | undefined;
	/** From Node's process start to the first paint (commands/first-paint.ts), when there was one. */
	paintedMs: number | undefined;
	/** CPU time (user + system, all threads) the app had used by its first frame. */
	inProcessCpuMs: number | undefined;
}

/**
 * The floor under the first frame: a bare Node process that prints `text` in the same pane, the
 * same way (launched by the pane's shell), and then waits to be killed.
 */
export function bareNodeArgs(text: string): string[] {
	return ['-e', `process.stdout.write(${JSON.stringify(`${text}\n`)}); setInterval(() => {}, 1000)`];
}

/** Launches the command once, waits for `waitFor` on screen, quits it with `q`. */
export function firstFrame(options: FirstFrameOptions): FirstFrame {
	const socket = `anki-tui-bench-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	const home = path.join(options.workDir, 'home');
	mkdirSync(home, {recursive: true});
	const stamp = path.join(options.workDir, 'started-ns');
	const timings = path.join(options.workDir, 'timings.jsonl');
	rmSync(stamp, {force: true});
	rmSync(timings, {force: true});
	const env = {
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		XDG_DATA_HOME: path.join(home, '.local', 'share'),
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		ANKI_TUI_TIMINGS: timings,
	};
	const envPart = Object.entries(env)
		.map(([k, v]) => `${k}=${quote(v)}`)
		.join(' ');
	const command = `date +%s%N > ${quote(stamp)}; exec env ${envPart} ${[process.execPath, ...options.nodeArgs].map(quote).join(' ')}`;
	tmux('new-session', '-d', '-s', 'bench', '-x', '100', '-y', '30', command);
	try {
		const deadline = Date.now() + (options.timeoutMs ?? 30_000);
		let screen = '';
		// A short pause between polls: a tight loop of tmux clients would take a core from the app measured.
		const pause = new Int32Array(new SharedArrayBuffer(4));
		while (Date.now() < deadline) {
			Atomics.wait(pause, 0, 0, 10);
			screen = tmux('capture-pane', '-p', '-t', 'bench');
			if (screen.includes(options.waitFor)) {
				const seenNs = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
				if (!existsSync(stamp)) throw new Error('the pane never started its command');
				const startedNs = BigInt(readFileSync(stamp, 'utf8').trim());
				const ms = Number(seenNs - startedNs) / 1e6;
				tmux('send-keys', '-t', 'bench', 'q');
				// The app appends its line as it quits: wait for a whole line (the file can exist, empty
				// or half written, a moment before), and never fail the run over it.
				const quitBy = Date.now() + (options.bare ? 0 : 5000);
				let line: {firstFrameMs?: number; firstFrameCpuMs?: number; marks?: {painted?: number}} | undefined;
				for (;;) {
					const text = existsSync(timings) ? readFileSync(timings, 'utf8') : '';
					if (text.includes('\n')) {
						line = JSON.parse(text.slice(0, text.indexOf('\n')));
						break;
					}
					if (Date.now() >= quitBy) break;
					spawnSync('sleep', ['0.02']);
				}
				return {ms, inProcessMs: line?.firstFrameMs ?? undefined, paintedMs: line?.marks?.painted, inProcessCpuMs: line?.firstFrameCpuMs ?? undefined};
			}
		}
		throw new Error(`the deck browser never showed "${options.waitFor}"; screen was:\n${screen}`);
	} finally {
		spawnSync('tmux', ['-L', socket, 'kill-server']);
	}
}
