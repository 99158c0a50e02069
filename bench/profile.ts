// Where a CLI run spends its time: runs `node --cpu-prof bin/anki-tui.js ARGS...` and prints the
// top functions by self time and the time per source module (bundled chunks are mapped back to
// files through their `// path` markers when present).
// Usage: node --import tsx bench/profile.ts [--top 25] -- decks FILE --json
//        node --import tsx bench/profile.ts [--top 25] --file X.cpuprofile   (e.g. from the UI run in tmux)
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {snapshotCli} from './lib/cli-snapshot.js';
import {projectRoot} from './lib/fixtures.js';

interface ProfileNode {
	id: number;
	callFrame: {functionName: string; url: string; lineNumber: number};
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

const dash = process.argv.indexOf('--');
const args = dash >= 0 ? process.argv.slice(dash + 1) : process.argv.slice(2);
const topIndex = process.argv.indexOf('--top');
const top = topIndex >= 0 && (dash < 0 || topIndex < dash) ? Number(process.argv[topIndex + 1]) : 25;
const fileIndex = process.argv.indexOf('--file');
const given = fileIndex >= 0 && (dash < 0 || fileIndex < dash) ? process.argv[fileIndex + 1] : undefined;

const dir = mkdtempSync(path.join(tmpdir(), 'anki-tui-prof-'));
try {
	const started = performance.now();
	const child = given
		? undefined
		: spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', snapshotCli(console.error, 'cli-profile'), ...args], {
				stdio: ['ignore', 'ignore', 'inherit'],
			});
	const wall = performance.now() - started;
	const file = given ?? readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
	if (!file) throw new Error(`no profile written (exit ${child?.status})`);
	const profile = JSON.parse(readFileSync(path.resolve(dir, file), 'utf8')) as Profile;
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const self = new Map<number, number>();
	profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

	// Chunk line -> source file, from esbuild's `// source/...` comments in the unminified bundle.
	const sourceMaps = new Map<string, Array<[number, string]>>();
	const sourceOf = (url: string, line: number): string => {
		if (!url.startsWith('file://')) return url || '(native)';
		const filePath = new URL(url).pathname;
		if (!filePath.includes(`${path.sep}dist${path.sep}`)) return path.relative(projectRoot, filePath);
		let marks = sourceMaps.get(filePath);
		if (!marks && !existsSync(filePath)) return path.relative(projectRoot, filePath);
		if (!marks) {
			marks = [];
			readFileSync(filePath, 'utf8')
				.split('\n')
				.forEach((text, i) => {
					const m = /^\/\/ ((?:source|node_modules)\/\S+)/.exec(text);
					if (m) marks!.push([i, m[1]!]);
				});
			sourceMaps.set(filePath, marks);
		}
		let found = path.relative(projectRoot, filePath);
		for (const [at, name] of marks) {
			if (at > line) break;
			found = name;
		}
		return found.replace(/^(node_modules\/(?:@[^/]+\/)?[^/]+).*/, '$1');
	};

	const fnTotals = new Map<string, number>();
	const moduleTotals = new Map<string, number>();
	for (const [id, msSelf] of self) {
		const {callFrame} = byId.get(id)!;
		const where = sourceOf(callFrame.url, callFrame.lineNumber);
		const key = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`;
		fnTotals.set(key, (fnTotals.get(key) ?? 0) + msSelf);
		moduleTotals.set(where, (moduleTotals.get(where) ?? 0) + msSelf);
	}
	const total = [...self.values()].reduce((a, b) => a + b, 0);
	const print = (title: string, map: Map<string, number>) => {
		console.log(`\n${title}`);
		for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(1).padStart(8)} ms  ${k}`);
	};
	if (child) console.log(`wall ${wall.toFixed(0)} ms (profiled), exit ${child.status}`);
	console.log(`sampled ${total.toFixed(0)} ms (profile ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms)`);
	print('self time by function', fnTotals);
	print('self time by module', moduleTotals);
} finally {
	rmSync(dir, {recursive: true, force: true});
}
