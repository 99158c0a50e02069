// Measures the reviewer as users feel it, in tmux with the built CLI (npm run build first):
// time from process start to the first frame, and from a key press to the frame it causes
// (reveal and answer: the answer is committed to SQLite before the next card's frame).
// Run: node --import tsx bench/ui-timings.ts [runs]
import {execFileSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {TmuxSession} from '../test/e2e/tmux.js';
import {projectRoot} from '../test/helpers/shared.js';

const runs = Number(process.argv[2] ?? 10);
// The machine's own speed, for reading the figures: a bare node start.
const bare: number[] = [];
for (let i = 0; i < 5; i++) {
	const t = performance.now();
	execFileSync(process.execPath, ['-e', '0']);
	bare.push(performance.now() - t);
}
const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-bench-'));
const timings = path.join(dir, 'timings.jsonl');
const home = path.join(dir, 'home');
mkdirSync(home);
const env = {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), PATH: process.env.PATH ?? '', TERM: 'xterm-256color', ANKI_TUI_TIMINGS: timings};

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length === 0 ? NaN : s[Math.floor(s.length / 2)]!;
};
const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;
};

try {
	for (let run = 0; run < runs; run++) {
		const file = path.join(dir, `c${run}.anki2`);
		copyFileSync(path.join(projectRoot, 'fixtures', 'schema11.anki2'), file);
		const tmux = new TmuxSession(path.join(dir, `exit${run}`));
		try {
			tmux.start(['review', file, '--deck', 'anki-tui demo'], env);
			await tmux.waitForText('show answer');
			for (let card = 0; card < 8; card++) {
				await tmux.pressFor('Enter', '4 Easy');
				const before = tmux.screen();
				tmux.keys('3');
				await tmux.waitFor((s) => s !== before && !s.includes('4 Easy'), 'next card');
			}
			tmux.keys('C-c');
			await tmux.exitCode();
		} finally {
			tmux.kill();
		}
	}
	const lines = readFileSync(timings, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as {firstFrameMs: number; marks: Record<string, number>; keyToFrameMs: number[]});
	for (const name of Object.keys(lines[0]?.marks ?? {})) {
		console.log(`process start -> ${name}: median ${median(lines.map((l) => l.marks[name]!)).toFixed(0)} ms`);
	}
	const first = lines.map((l) => l.firstFrameMs);
	const keys = lines.flatMap((l) => l.keyToFrameMs);
	console.log(`runs: ${lines.length}; bare 'node -e 0' on this machine now: median ${median(bare).toFixed(0)} ms`);
	console.log(`process start -> first frame: median ${median(first).toFixed(0)} ms, min ${Math.min(...first).toFixed(0)}, max ${Math.max(...first).toFixed(0)}`);
	console.log(`key -> frame (${keys.length} presses, reveal and answer): median ${median(keys).toFixed(1)} ms, p90 ${pct(keys, 90).toFixed(1)} ms, max ${Math.max(...keys).toFixed(1)} ms`);
} finally {
	rmSync(dir, {recursive: true, force: true});
}
