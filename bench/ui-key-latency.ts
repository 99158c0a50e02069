// In-process key -> frame time of the reviewer on a real collection (the demo fixture, copied):
// runReview with an in-memory terminal, keys written to its stdin, time until ink has rendered the
// resulting frame (onRender). Includes the SQLite commit of each answer and the next card's render.
// Usage: node --import tsx bench/ui-key-latency.ts [answers]
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {projectRoot} from '../test/helpers/shared.js';
import {FrameRecorder, sleep, timeKey} from './lib/key-timing.js';

const answers = Number(process.argv[2] ?? 200);
// As the shipped bundle runs (React's production build); must be set before React loads.
process.env.NODE_ENV = 'production';
const {runReview} = await import('../source/commands/review.js');
const {FakeStdin} = await import('../test/ui/helpers.js');

const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-bench-'));
const file = path.join(dir, 'collection.anki2');
copyFileSync(path.join(projectRoot, 'fixtures', 'schema11.anki2'), file);
const stdout = new FrameRecorder();
const stdin = new FakeStdin();
const done = runReview({
	file,
	deck: 'anki-tui demo',
	env: {HOME: dir, PATH: process.env.PATH},
	stdout: stdout as unknown as NodeJS.WriteStream,
	stdin: stdin as unknown as NodeJS.ReadStream,
	onFirstFrame: () => {},
});

await sleep(500);
const reveal: number[] = [];
const answer: number[] = [];
let answered = 0;
while (answered < answers) {
	if (stdout.last.includes('Congratulations')) break;
	reveal.push(await timeKey(stdin, stdout, '\r'));
	await sleep(20);
	answer.push(await timeKey(stdin, stdout, answered % 4 === 0 ? '1' : '3'));
	answered++;
	await sleep(20);
}
stdin.write('\u0003');
await done.catch(() => {});
rmSync(dir, {recursive: true, force: true});

const stats = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(1);
	return `n=${s.length} median ${at(50)} ms, p90 ${at(90)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
};
console.log(`reveal (Enter -> answer frame): ${stats(reveal)}`);
console.log(`answer (1/3 -> next card frame, SQLite commit included): ${stats(answer)}`);
