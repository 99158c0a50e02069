// `npm run bench`: speed and memory of anki-tui against their budgets, whole processes where a user
// waits on one, plus a side-by-side with the npm peer anki-reader. Prints one markdown table and
// writes it to bench/results.md. Inputs are generated deterministically and cached in bench/.cache/.
// Options: --quick (fewer runs), --only a,b (row groups: decks,stats,frame,show,search,browser,import,answer,filtered,sync,images,fsrs,peer).
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {cpus, tmpdir} from 'node:os';
import path from 'node:path';
import {snapshotCli} from './lib/cli-snapshot.js';
import {benchInputs, benchRoot, copyInto, projectRoot, pruneCache} from './lib/fixtures.js';
import {bareNodeArgs, firstFrame, hasTmux} from './lib/first-frame.js';
import {benchEnv, hasGnuTime, load, measure, median, runOnce, type RunResult} from './lib/measure.js';
import {formatTable, type Row} from './lib/table.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(argv[onlyIndex + 1]!.split(',')) : undefined;
const wants = (group: string) => !only || only.has(group);
const runs = (full: number, fast: number) => (quick ? fast : full);

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const node = process.execPath;
const tsxStep = (name: string, args: string[]) => [
	'--import',
	'tsx',
	path.join(benchRoot, 'steps', name),
	...args,
];
const work = mkdtempSync(path.join(tmpdir(), 'anki-tui-bench-'));
const rows: Row[] = [];
const loadBefore = load();

function fresh(name: string): string {
	const dir = path.join(work, name);
	rmSync(dir, {recursive: true, force: true});
	mkdirSync(dir, {recursive: true});
	return dir;
}

const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(x >= 10 ? 0 : 1)} ms`);
const mib = (x: number | undefined) => (x === undefined ? 'n/a' : `${Math.round(x)} MiB`);
const cpu = (x: number | undefined) => (x === undefined ? '' : `, cpu ${ms(x)}`);

function readJson(result: RunResult): any { // eslint-disable-line @typescript-eslint/no-explicit-any
	return JSON.parse(readFileSync(result.stdoutFile, 'utf8'));
}

function guard(group: string, fn: () => void | Promise<void>): Promise<void> {
	return (async () => {
		if (!wants(group)) return;
		try {
			await fn();
		} catch (error) {
			log(`${group} failed: ${(error as Error).stack ?? error}`);
			rows.push({name: `${group}: did not run`, measured: String((error as Error).message).split('\n')[0]!.slice(0, 160), budget: '', pass: false});
		}
	})();
}

// What is measured: the commit (and whether source/ had uncommitted edits) when the snapshot is taken.
const git = (...args: string[]) => spawnSync('git', args, {cwd: projectRoot, encoding: 'utf8'}).stdout?.trim() ?? '';
const commit = `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${git('status', '--porcelain', '--', 'source') ? ' plus uncommitted edits in source/' : ''}`;
// The CLI as shipped, from a private snapshot of dist/ (see lib/cli-snapshot.ts).
const cli = snapshotCli(log);
pruneCache();
const inputs = await benchInputs(log);
const collections = [
	{schema: 11, file: inputs.col11},
	{schema: 18, file: inputs.col18},
];

await guard('decks', () => {
	// The floor under every whole-process figure: Node starting and exiting, nothing else.
	const floor = measure(runs(9, 3), 1, () => runOnce(node, ['-e', '0']));
	rows.push({
		name: `calibration: \`node -e 0\` (whole process, median of ${floor.runs}): the floor under every launch below`,
		measured: `${ms(floor.medianMs)}${cpu(floor.medianCpuMs)}, ${mib(floor.maxRssMiB)}`,
		budget: '—',
		pass: undefined,
	});
	if (process.env['NODE_EXTRA_CA_CERTS']) {
		const withCerts = measure(runs(9, 3), 1, () => runOnce(node, ['-e', '0'], {env: process.env}));
		rows.push({
			name: `calibration: \`node -e 0\` with this machine's NODE_EXTRA_CA_CERTS set (left out of every other row)`,
			measured: `${ms(withCerts.medianMs)}${cpu(withCerts.medianCpuMs)}, ${mib(withCerts.maxRssMiB)}`,
			budget: '—',
			pass: undefined,
		});
	}
	for (const {schema, file} of collections) {
		log(`decks --json, schema ${schema}`);
		const s = measure(runs(9, 3), 1, () => runOnce(node, [cli, 'decks', file, '--json']), (r) => {
			if (!JSON.stringify(readJson(r)).includes('Bench 4')) throw new Error('decks --json did not list the generated decks');
		});
		rows.push({
			name: `\`decks --json\`, 100k cards, schema ${schema} (whole process, median of ${s.runs})`,
			measured: `${ms(s.medianMs)}${cpu(s.medianCpuMs)}, ${mib(s.maxRssMiB)}`,
			budget: '≤ 150 ms',
			pass: s.medianMs <= 150,
		});
	}
});

await guard('stats', () => {
	for (const {schema, file} of collections) {
		log(`stats --json, schema ${schema}`);
		let reviews = 0;
		const s = measure(runs(9, 3), 1, () => runOnce(node, [cli, 'stats', file, '--json']), (r) => {
			const json = readJson(r);
			if (json.cardCounts.total !== 100_000) throw new Error(`stats --json counted ${json.cardCounts.total} cards`);
			reviews = Object.values(json.trueRetention.year as Record<string, number>).reduce((a, b) => a + b, 0);
		});
		rows.push({
			name: `\`stats --json\`, 100k cards and ${inputs.revlogRows.toLocaleString('en')} reviews, schema ${schema} (whole process, median of ${s.runs}; ${reviews.toLocaleString('en')} answers in the true-retention year)`,
			measured: `${ms(s.medianMs)}${cpu(s.medianCpuMs)}, ${mib(s.maxRssMiB)}`,
			budget: '≤ 400 ms',
			pass: s.medianMs <= 400,
		});
	}
});

await guard('frame', () => {
	if (!hasTmux) throw new Error('tmux is not installed');
	const n = runs(7, 3);
	// Launches `nodeArgs` n times (after one launch that only warms the page cache) in a private tmux.
	const launches = (name: string, nodeArgs: string[], bare = false) => {
		const dir = fresh(name);
		const times: number[] = [];
		const inProcess: number[] = [];
		const inProcessCpu: number[] = [];
		const painted: number[] = [];
		for (let i = -1; i < n; i++) {
			const t = firstFrame({nodeArgs, waitFor: 'Bench 4', workDir: dir, bare});
			if (i < 0) continue;
			times.push(t.ms);
			if (t.inProcessMs !== undefined) inProcess.push(t.inProcessMs);
			if (t.inProcessCpuMs !== undefined) inProcessCpu.push(t.inProcessCpuMs);
			if (t.paintedMs !== undefined) painted.push(t.paintedMs);
		}
		return {times, inProcess, inProcessCpu, painted};
	};
	// The floor: a bare Node printing the same text in the same pane, interleaved with the app's runs
	// by schema so both see the same machine.
	const floors: number[] = [];
	const floorRow = rows.length;
	// Node's own CPU time to start and exit, beside the app's CPU time by its first frame.
	const nodeCpu = measure(runs(7, 3), 1, () => runOnce(node, ['-e', '0'])).medianCpuMs ?? NaN;
	for (const {schema, file} of collections) {
		log(`first frame, schema ${schema}`);
		const floor = launches('frame-floor', bareNodeArgs('Bench 4'), true);
		floors.push(...floor.times);
		const dir = fresh(`frame${schema}`);
		const copy = copyInto(dir, file, 'collection.anki2');
		const app = launches(`frame${schema}-run`, [cli, '--collection', copy]);
		const above = median(app.times) - median(floor.times);
		rows.push({
			name: `launch to first frame of the deck browser, 100k cards, schema ${schema} (tmux, median of ${n}; the first paint, commands/first-paint.ts)`,
			measured: `${ms(median(app.times))}, ${ms(above)} above bare Node (${ms(median(floor.times))} in the same minutes)${app.painted.length ? `; the app's own figures from Node's start: first paint ${ms(median(app.painted))}, Ink's first frame (keys answered from here) ${ms(median(app.inProcess))}` : app.inProcess.length ? `; the app's own figure from Node's start: ${ms(median(app.inProcess))}` : ''}${app.inProcessCpu.length ? `, CPU by Ink's frame ${ms(median(app.inProcessCpu))} (\`node -e 0\` whole: ${ms(nodeCpu)})` : ''}`,
			budget: '≤ 250 ms, ≤ 200 ms above bare Node',
			pass: median(app.times) <= 250 && above <= 200,
		});
	}
	rows.splice(floorRow, 0, {
		name: `calibration: bare \`node -e\` printing the same text in the same tmux pane (median of ${floors.length}): the floor under the first frame`,
		measured: ms(median(floors)),
		budget: '—',
		pass: undefined,
	});
});

await guard('show', () => {
	for (const {schema, file} of collections) {
		log(`show --json, schema ${schema}`);
		let cards = 0;
		const s = measure(runs(3, 1), 1, () => runOnce(node, [cli, 'show', file, '--json']), (r) => {
			cards = readJson(r).cards.length;
		});
		const rate = cards / (s.medianMs / 1000);
		rows.push({
			name: `\`show --json\`, ${cards.toLocaleString('en')} cards, schema ${schema} (whole process, median of ${s.runs})`,
			measured: `${Math.round(rate).toLocaleString('en')} cards/s (${ms(s.medianMs)}${cpu(s.medianCpuMs)}, ${mib(s.maxRssMiB)}${s.medianCpuMs ? `; ${Math.round(cards / (s.medianCpuMs / 1000)).toLocaleString('en')} cards per CPU second` : ''})`,
			budget: '≥ 20,000 cards/s',
			pass: rate >= 20_000,
		});
	}
});

await guard('search', () => {
	// The floor: the sqlite3 CLI running the very statement `search` runs (bench/steps/search-sql.ts
	// writes its parameters in as literals), output to a file as ours is; Node's start is added to it.
	const sqlite3 = spawnSync('sqlite3', ['-version'], {encoding: 'utf8'}).status === 0 ? 'sqlite3' : undefined;
	if (!sqlite3) log('sqlite3 is not installed (apt-get install sqlite3): search rows are shown without their floor');
	const nodeStart = measure(runs(7, 3), 1, () => runOnce(node, ['-e', '0'])).medianMs;
	// Notes mode once, over every note: its rows carry what each note's cards say (count, decks, due).
	const searches = [...['deck:"Bench 1" is:due', 'tag:tenth', '"what is 42*"', 'deck:*'].map(query => ({query, notes: false})), {query: 'deck:*', notes: true}];
	for (const {schema, file} of collections) {
		for (const {query, notes} of searches) {
			const mode = notes ? ['--notes'] : [];
			log(`search${notes ? ' --notes' : ''} --json ${query}, schema ${schema}`);
			let count = 0;
			// The search's own part (ANKI_TUI_TIMINGS): from opening the input to its last byte, so
			// that start-up and the query's rows can be told apart.
			const timings = path.join(fresh('search-timings'), 'timings.jsonl');
			const env = {...benchEnv(), ANKI_TUI_TIMINGS: timings};
			const tui = measure(runs(5, 2), 1, () => runOnce(node, [cli, 'search', file, ...mode, '--json', query], {env}), (r) => {
				count = readJson(r)[notes ? 'notes' : 'cards'].length;
			});
			const own = readFileSync(timings, 'utf8')
				.trim()
				.split('\n')
				.slice(1) // the warm-up run
				.map(line => JSON.parse(line) as {marks: Record<string, number>; cpuMarks: Record<string, number>});
			const ownWall = median(own.map(t => t.marks['searchDone']! - t.marks['searchOpen']!));
			const ownCpu = median(own.map(t => t.cpuMarks['searchDone']! - t.cpuMarks['searchOpen']!));
			let floor: number | undefined;
			let floorCpu = '';
			if (sqlite3) {
				const dir = fresh('search-sql');
				const sqlFile = path.join(dir, 'query.sql');
				const statement = execFileSync(node, tsxStep('search-sql.ts', [file, query, ...mode]), {cwd: projectRoot, encoding: 'utf8'});
				writeFileSync(sqlFile, statement);
				// The statement's own count at the moment it was written (search's count moves with the
				// clock: learning cards fall due by the second).
				const expected = Number(/^-- rows: (\d+)/.exec(statement)![1]);
				const f = measure(runs(5, 2), 1, () => runOnce('/bin/sh', ['-c', `${sqlite3} -batch "$1" < "$2"`, 'sh', file, sqlFile]), (r) => {
					const lines = readFileSync(r.stdoutFile, 'utf8').split('\n').filter(Boolean).length;
					if (lines !== expected) throw new Error(`sqlite3 printed ${lines} rows, the statement bound found ${expected}`);
				});
				floor = f.medianMs;
				floorCpu = cpu(f.medianCpuMs);
			}
			const budget = floor === undefined ? undefined : 1.5 * floor + nodeStart;
			rows.push({
				name: `\`search${notes ? ' --notes' : ''} --json '${query}'\`, ${count.toLocaleString('en')} of ${notes ? '50k notes' : '100k cards'}, schema ${schema} (whole process, median of ${tui.runs})`,
				measured: `${ms(tui.medianMs)}${cpu(tui.medianCpuMs)} (open to last byte ${ms(ownWall)}, cpu ${ms(ownCpu)})${floor === undefined ? ' (no sqlite3: floor not measured)' : `; sqlite3 CLI, same statement: ${ms(floor)}${floorCpu}`}`,
				budget: budget === undefined ? '≤ 1.5× sqlite3 + Node start' : `≤ ${ms(budget)} (1.5× sqlite3 + Node start ${ms(nodeStart)})`,
				pass: budget === undefined ? undefined : tui.medianMs <= budget,
			});
		}
	}
});

await guard('browser', () => {
	// The browser in-process at 80x24 on a copy of the 100k collection: each typed key searches again.
	for (const {schema, file} of collections) {
		log(`browser keys, schema ${schema}`);
		const dir = fresh(`browser${schema}`);
		const copy = copyInto(dir, file, 'collection.anki2');
		const out = execFileSync(node, ['--import', 'tsx', path.join(benchRoot, 'browser-keys.ts'), copy], {cwd: projectRoot, encoding: 'utf8'});
		const r = JSON.parse(out.trim().split('\n').at(-1)!);
		rows.push({
			name: `browser, 100k cards, schema ${schema}: key press to the frame with the new results, typing \`deck:bench* question 12\` (${r.keys} keys, ${r.shown} cards left; in-process, 80x24)`,
			measured: `p50 ${ms(r.typing.p50)}, p95 ${ms(r.typing.p95)}, max ${ms(r.typing.max)}; cpu p50 ${ms(r.typing.cpu.p50)}, p95 ${ms(r.typing.cpu.p95)}, max ${ms(r.typing.cpu.max)} (opening the browser: ${ms(r.open)})`,
			budget: 'p95 ≤ 50 ms',
			pass: r.typing.p95 <= 50,
		});
		rows.push({
			name: `browser, 100k cards, schema ${schema}: moving the cursor (j, PgDn) and switching cards/notes (Tab)`,
			measured: `moving p50 ${ms(r.moving.p50)}, p95 ${ms(r.moving.p95)} (cpu ${ms(r.moving.cpu.p50)}, ${ms(r.moving.cpu.p95)}); switching p50 ${ms(r.mode.p50)}, max ${ms(r.mode.max)} (cpu ${ms(r.mode.cpu.p50)}, ${ms(r.mode.cpu.max)})`,
			budget: 'moving p95 ≤ 50 ms',
			pass: r.moving.p95 <= 50,
		});
	}
});

await guard('stats', () => {
	// The statistics screen in-process at 80x24 on a copy of the 100k collection: t on the first deck,
	// c to the whole collection, p to 3 months; each against statsReport alone on the same scope.
	for (const {schema, file} of collections) {
		log(`stats screen, schema ${schema}`);
		const dir = fresh(`stats-screen${schema}`);
		const copy = copyInto(dir, file, 'collection.anki2');
		const out = execFileSync(node, ['--import', 'tsx', path.join(benchRoot, 'stats-screen.ts'), copy], {cwd: projectRoot, encoding: 'utf8'});
		const r = JSON.parse(out.trim().split('\n').at(-1)!);
		const steps = [
			[`t (${r.deckName}, 1 month)`, r.deck, r.data.deck],
			['c (whole collection)', r.whole, r.data.whole],
			['p (3 months)', r.threeMonths, r.data.threeMonths],
		] as const;
		const worst = Math.max(...steps.map(([, app, data]) => app.data - data));
		rows.push({
			name: `statistics screen, 100k cards, schema ${schema}: key to the first frame, and to the frame with the numbers against computing them alone (in-process, 80x24)`,
			measured: steps.map(([what, app, data]) => `${what}: frame ${ms(app.frame)}, numbers ${ms(app.data)} (data ${ms(data)})`).join('; '),
			budget: 'first frame ≤ 50 ms; numbers ≤ data + 50 ms',
			pass: steps.every(([, app]) => app.frame <= 50) && worst <= 50,
		});
	}
});

await guard('import', () => {
	const pkg = inputs.bigPackage;
	const size = statSync(pkg).size / 2 ** 20;
	const spec = inputs.bigPackageSpec;
	log(`import of the ${size.toFixed(0)} MiB package vs unzip`);
	const unzipTimes: number[] = [];
	const unzipCpu: number[] = [];
	const intoNew: RunResult[] = [];
	const again: RunResult[] = [];
	let reviews = 0;
	// Three measured rounds even with --quick: one import alone moved 1993-2149 ms between two runs a
	// minute apart, about the whole margin of its 2x budget.
	const n = 3;
	const importInto = (home: string) => {
		const r = runOnce(node, [cli, 'import', pkg, '--json'], {env: {...benchEnv(), XDG_DATA_HOME: home}});
		return {r, summary: readJson(r)};
	};
	for (let i = -1; i < n; i++) {
		// Interleaved, so all three see the same machine; the first round only warms the page cache.
		const unzipDir = fresh('unzip');
		const u = runOnce('/usr/bin/unzip', ['-qq', '-o', pkg, '-d', unzipDir]);
		rmSync(unzipDir, {recursive: true, force: true});
		const home = fresh('import-home');
		const first = importInto(home);
		if (first.summary.mediaAdded !== spec.mediaFiles || first.summary.cardsAdded !== spec.notes * 2) {
			throw new Error(`import added ${first.summary.cardsAdded} cards and ${first.summary.mediaAdded} media files`);
		}
		reviews = first.summary.revlogAdded;
		// The same package into the collection that now holds it: nothing new.
		const second = importInto(home);
		if (second.summary.notesAdded || second.summary.cardsAdded || second.summary.revlogAdded || second.summary.mediaAdded) {
			throw new Error('a second import of the same package added something');
		}
		rmSync(home, {recursive: true, force: true});
		if (i < 0) continue;
		unzipTimes.push(u.ms);
		if (u.cpuMs !== undefined) unzipCpu.push(u.cpuMs);
		intoNew.push(first.r);
		again.push(second.r);
	}
	const unzipMs = median(unzipTimes);
	const unzipCpuMs = unzipCpu.length ? median(unzipCpu) : undefined;
	const what = `${size.toFixed(0)} MiB package (${spec.notes * 2 / 1000}k cards, ${Math.round(reviews / 1000)}k reviews, ${spec.mediaFiles.toLocaleString('en')} media)`;
	const ratioRow = (label: string, list: RunResult[], budget: number) => {
		const t = median(list.map((r) => r.ms));
		const c = list[0]!.cpuMs === undefined ? undefined : median(list.map((r) => r.cpuMs!));
		const rss = Math.max(...list.map((r) => r.maxRssMiB ?? 0));
		rows.push({
			name: `\`import\` of the ${what} ${label}, vs \`unzip\` of the same file (median of ${list.length})`,
			// CPU time beside wall time: on a busy machine both wait for a core, the ratio of CPU times less so.
			measured: `${(t / unzipMs).toFixed(2)}× (import ${ms(t)}${cpu(c)}, ${hasGnuTime ? mib(rss) : 'n/a'} peak; unzip ${ms(unzipMs)}${cpu(unzipCpuMs)}${c !== undefined && unzipCpuMs ? `; in CPU time ${(c / unzipCpuMs).toFixed(2)}×` : ''})`,
			budget: `≤ ${budget}× unzip`,
			pass: t / unzipMs <= budget,
		});
		return rss;
	};
	rows.push({
		name: `calibration: \`unzip -qq -o\` of the ${size.toFixed(0)} MiB package (median of ${unzipTimes.length}): the floor under import`,
		measured: `${ms(unzipMs)}${cpu(unzipCpuMs)}`,
		budget: '—',
		pass: undefined,
	});
	const rss = ratioRow('into a new collection', intoNew, 2);
	ratioRow('again, into the collection that holds it (nothing new)', again, 1);
	rows.push({
		name: `\`import\` of the ${what} into a new collection: peak memory`,
		measured: hasGnuTime ? mib(rss) : 'n/a (no GNU time)',
		budget: '≤ 200 MiB',
		pass: hasGnuTime && rss <= 200,
	});
	// Where the import's time goes (in-process, one run): wall / CPU / GC pause per phase.
	const phasesDir = fresh('import-phases');
	const out = execFileSync(node, tsxStep('import-phases.ts', [pkg, phasesDir]), {cwd: projectRoot, encoding: 'utf8'});
	const phases = JSON.parse(out.trim().split('\n').at(-1)!).phases as Record<string, {wallMs: number; cpuMs: number; gcMs: number}>;
	rows.push({
		name: `\`import\` of the ${what}: phases in one process (wall / CPU / GC pauses)`,
		measured: ['reading', 'notes', 'media']
			.filter((p) => phases[p])
			.map((p) => `${p} ${ms(phases[p]!.wallMs)} / ${ms(phases[p]!.cpuMs)} / ${ms(phases[p]!.gcMs)}`)
			.join('; '),
		budget: '—',
		pass: undefined,
	});
});

await guard('answer', () => {
	const cases = [
		{label: 'schema 11, WAL (as anki-tui keeps its local collection)', file: inputs.col11, wal: true, budget: true},
		{label: 'schema 18, WAL (as Anki keeps a profile)', file: inputs.col18, wal: true, budget: true},
		{label: 'schema 11, rollback journal (as exported; informational)', file: inputs.col11, wal: false, budget: false},
	];
	for (const c of cases) {
		log(`answer latency, ${c.label}`);
		const dir = fresh('answer');
		const copy = copyInto(dir, c.file, 'collection.anki2');
		if (c.wal) execFileSync(node, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(copy)});d.pragma('journal_mode = wal');d.close()`], {cwd: projectRoot});
		const out = execFileSync(node, tsxStep('answer.ts', [copy, String(runs(2000, 1000))]), {cwd: projectRoot, encoding: 'utf8'});
		const r = JSON.parse(out.trim().split('\n').at(-1)!);
		rows.push({
			name: `answer latency, 100k cards, ${c.label}, ${r.answers} answers, write included`,
			measured: `p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (max ${ms(r.max)}; in CPU time p50 ${ms(r.cpuP50)}, p99 ${ms(r.cpuP99)}; session open ${ms(r.sessionOpenMedian)})`,
			budget: c.budget ? 'p99 ≤ 5 ms' : '—',
			pass: c.budget ? r.p99 <= 5 : undefined,
		});
	}
});

await guard('filtered', () => {
	for (const {schema, file} of collections) {
		log(`filtered deck of 10,000 cards, schema ${schema}`);
		const dir = fresh('filtered');
		const copy = copyInto(dir, file, 'collection.anki2');
		const out = execFileSync(node, tsxStep('filtered.ts', [copy, String(runs(7, 3))]), {cwd: projectRoot, encoding: 'utf8'});
		const r = JSON.parse(out.trim().split('\n').at(-1)!);
		rows.push({
			name: `filtered deck of ${r.cards.toLocaleString('en')} cards built on the 100k collection, schema ${schema} (\`deck:Bench*\`, random order, search + cards moved in + commit; median of ${r.runs} rebuilds, in-process)`,
			measured: `${ms(r.buildMedian)}, cpu ${ms(r.buildCpuMedian)} (max ${ms(r.buildMax)}; first build with the backup ${ms(r.firstMs)}; emptying ${ms(r.emptyMedian)})`,
			budget: '≤ 1 s',
			pass: r.buildMedian <= 1000,
		});
	}
});

await guard('sync', () => {
	log('sync of 1,000 reviews');
	const dir = fresh('sync');
	const copy = copyInto(dir, inputs.col11, 'collection.anki2');
	const out = execFileSync(node, tsxStep('sync.ts', [copy, dir, '1000']), {cwd: projectRoot, encoding: 'utf8'});
	const r = JSON.parse(out.trim().split('\n').at(-1)!);
	rows.push({
		name: `sync of ${r.reviews.toLocaleString('en')} reviews against the local test server (incremental, protocol ${r.protocol}, in-process)`,
		measured: `${ms(r.syncMs)}, cpu ${ms(r.syncCpuMs)} for client and server together (the full upload of the 100k collection before it: ${ms(r.fullUploadMs)})`,
		budget: '—',
		pass: undefined,
	});
});

await guard('images', async () => {
	log('card images: a 1000x800 JPEG through each output');
	const dir = fresh('images');
	const {makeImageFiles} = await import('../scripts/lib/image-fixtures.js');
	writeFileSync(path.join(dir, 'photo.jpg'), (await makeImageFiles())['photo.jpg']!);
	// The step bundled as the CLI is (see its header), into the snapshot's dist/ beside the CLI, so
	// that import('sharp') loads the snapshot's image-library.cjs with its code cache (source/image-library.ts).
	const stepScript = path.join(path.dirname(cli), '..', 'dist', 'images-step.cjs');
	const {build} = await import('esbuild');
	await build({
		entryPoints: [path.join(benchRoot, 'steps', 'images.ts')],
		outfile: stepScript,
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		minifyWhitespace: true,
		minifySyntax: true,
		supported: {'dynamic-import': false},
		logLevel: 'warning',
		define: {'import.meta.url': '__bundleUrl', 'import.meta': '__bundleMeta'},
		banner: {js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href; const __bundleMeta = {url: __bundleUrl};"},
		plugins: [{name: 'built-sharp', setup: (b) => b.onResolve({filter: /^sharp$/}, (args) => (args.importer.endsWith(path.join('source', 'image-library.ts')) ? undefined : {path: path.join(projectRoot, 'source', 'image-library.ts')}))}],
	});
	const step = (mode: string, n: number) => JSON.parse(execFileSync(node, [stepScript, dir, mode, String(n)], {cwd: projectRoot, encoding: 'utf8'}).trim().split('\n').at(-1)!);
	step('first', 1); // writes the image library's code cache, as a user's first image does
	const coldRuns = Array.from({length: runs(5, 3)}, () => step('first', 1) as {firstMs: number; cpuMs: number});
	const cold = coldRuns.map((r) => r.firstMs);
	const warmed = Array.from({length: runs(5, 3)}, () => step('prefetched', 1) as {loadMs: number; loadCpuMs: number; firstMs: number; cpuMs: number});
	rows.push({
		name: `card image, first of a process (1000x800 JPEG to 40x16 half-block cells; reading the file, loading sharp, decode, scale, encode; median of ${cold.length})`,
		measured: `${ms(median(cold))} (cpu ${ms(median(coldRuns.map((r) => r.cpuMs)))})`,
		budget: '≤ 100 ms',
		pass: median(cold) <= 100,
	});
	rows.push({
		name: `card image, first after the reviewer's preload (its image output's prefetch(): sharp loaded and warmed while the first screen is read; that load, off the key's path, beside it; median of ${warmed.length})`,
		measured: `${ms(median(warmed.map((w) => w.firstMs)))} (cpu ${ms(median(warmed.map((w) => w.cpuMs)))}); preload ${ms(median(warmed.map((w) => w.loadMs)))} (cpu ${ms(median(warmed.map((w) => w.loadCpuMs)))})`,
		budget: '≤ 100 ms',
		pass: median(warmed.map((w) => w.firstMs)) <= 100,
	});
	const warm = step('warm', runs(20, 8)) as Record<string, {median: number; p90: number; cpuMedian: number; bytes: number}>;
	const labels: Record<string, string> = {
		text: 'colour text (half blocks, truecolor; tmux, SSH, anywhere)',
		kitty: 'kitty, stored PNG, placeholders (local)',
		'kitty-remote': 'kitty, palette PNG (over SSH)',
		iterm: 'iTerm2 inline image, JPEG',
		sixel: 'sixel, 256 colours dithered',
	};
	const kb = (bytes: number) => `${Math.round(bytes / 1000)} kB`;
	for (const [key, r] of Object.entries(warm)) {
		const budgeted = key !== 'sixel' && key !== 'kitty-remote';
		rows.push({
			name: `card image, warm: ${labels[key] ?? key}: decode, scale, encode (median, p90 of ${runs(20, 8)}); bytes sent for the image`,
			measured: `${ms(r.median)}, p90 ${ms(r.p90)} (cpu ${ms(r.cpuMedian)}); ${kb(r.bytes)}`,
			budget: budgeted ? '≤ 30 ms; ≤ 1 MB locally' : '≤ 300 kB over SSH',
			pass: budgeted ? r.median <= 30 && r.bytes <= 1_000_000 : r.bytes <= 300_000,
		});
	}
});

await guard('fsrs', () => {
	// FSRS Optimize as a user runs it: `options COPY DECK --optimize` on the 100k collection, whose one
	// preset covers every card, so fsrs-rs trains on all its reviews (health check on, as in Anki),
	// then the parameters are saved. A fresh copy per run (the copy is not timed).
	for (const {schema, file} of collections) {
		log(`options --optimize, schema ${schema}`);
		const dir = fresh(`fsrs${schema}`);
		let summary = '';
		const s = measure(runs(3, 1), 0, () => runOnce(node, [cli, 'options', copyInto(dir, file, 'collection.anki2'), 'Bench 1', '--optimize', '--json']), (r) => {
			const params = readJson(r).preset.fsrsParams6 as number[];
			const counts = /(\d+) items from (\d+) reviews/.exec(r.stderr);
			if (!counts) throw new Error(`optimize printed no item count: ${r.stderr.slice(-300)}`);
			summary = `${Number(counts[1]).toLocaleString('en')} training items from ${Number(counts[2]).toLocaleString('en')} reviews, ${params.length} parameters`;
		});
		rows.push({
			name: `FSRS Optimize (\`options --optimize\`), 100k cards and ${inputs.revlogRows.toLocaleString('en')} reviews, schema ${schema}: ${summary}; training, health check, save (whole process, median of ${s.runs})`,
			measured: `${ms(s.medianMs)}${cpu(s.medianCpuMs)}, peak ${mib(s.maxRssMiB)}`,
			budget: '≤ 30 s, ≤ 512 MiB',
			pass: s.medianMs <= 30_000 && (s.maxRssMiB ?? 0) <= 512,
		});
	}
});

await guard('peer', () => {
	const peerDir = path.join(benchRoot, '.peer');
	if (!existsSync(path.join(peerDir, 'node_modules', 'anki-reader', 'package.json'))) {
		log('installing the peer anki-reader@0.3.0 into bench/.peer/');
		mkdirSync(peerDir, {recursive: true});
		writeFileSync(path.join(peerDir, 'package.json'), '{"name": "anki-tui-bench-peer", "private": true}\n');
		const npm = spawnSync('npm', ['install', '--prefix', peerDir, 'anki-reader@0.3.0', '--no-audit', '--no-fund'], {stdio: 'inherit'});
		if (npm.status !== 0) throw new Error('npm install of anki-reader@0.3.0 failed');
	}
	const pkg = inputs.legacyPackage;
	const spec = inputs.legacyPackageSpec;
	const what = `${(statSync(pkg).size / 2 ** 20).toFixed(0)} MiB legacy package (${spec.notes * 2 / 1000}k cards, ${spec.mediaFiles} media)`;
	log(`side by side with anki-reader on the ${what}`);
	const n = runs(5, 1);
	const peer: RunResult[] = [];
	const tuiImport: RunResult[] = [];
	const tuiShow: RunResult[] = [];
	for (let i = -1; i < n; i++) {
		const mediaOut = fresh('peer-media');
		const p = runOnce(node, [path.join(benchRoot, 'peer', 'read-with-anki-reader.mjs'), peerDir, pkg, mediaOut]);
		const pj = readJson(p);
		if (pj.cards.length !== spec.notes * 2 || pj.media !== spec.mediaFiles) throw new Error(`anki-reader read ${pj.cards.length} cards, ${pj.media} media`);
		const home = fresh('peer-home');
		const t = runOnce(node, [cli, 'import', pkg, '--json'], {env: {...benchEnv(), XDG_DATA_HOME: home}});
		const tj = readJson(t);
		if (tj.cardsAdded !== spec.notes * 2 || tj.mediaAdded !== spec.mediaFiles) throw new Error(`anki-tui imported ${tj.cardsAdded} cards, ${tj.mediaAdded} media`);
		const s = runOnce(node, [cli, 'show', pkg, '--json']);
		if (readJson(s).cards.length !== spec.notes * 2) throw new Error('anki-tui show --json missed cards');
		if (i < 0) continue;
		peer.push(p);
		tuiImport.push(t);
		tuiShow.push(s);
	}
	const summary = (list: RunResult[]) => ({
		ms: median(list.map((r) => r.ms)),
		cpu: list[0]!.cpuMs === undefined ? undefined : median(list.map((r) => r.cpuMs!)),
		rss: Math.max(...list.map((r) => r.maxRssMiB ?? 0)),
	});
	const P = summary(peer);
	const I = summary(tuiImport);
	const S = summary(tuiShow);
	rows.push({
		name: `peer: anki-reader 0.3.0 (sql.js) reads the ${what}: decks, cards with question/answer, media written out (median of ${n})`,
		measured: `${ms(P.ms)}${cpu(P.cpu)}, ${mib(P.rss)}`,
		budget: '—',
		pass: undefined,
	});
	rows.push({
		name: `anki-tui \`import\` of the same package into a new collection (cards, revlog and media written)`,
		measured: `${ms(I.ms)}${cpu(I.cpu)}, ${mib(I.rss)}`,
		budget: 'faster and smaller than the peer',
		pass: I.ms < P.ms && I.rss < P.rss,
	});
	rows.push({
		name: `anki-tui \`show --json\` of the same package (every card rendered, no media written)`,
		measured: `${ms(S.ms)}${cpu(S.cpu)}, ${mib(S.rss)}`,
		budget: 'faster and smaller than the peer',
		pass: S.ms < P.ms && S.rss < P.rss,
	});
});

rmSync(work, {recursive: true, force: true});
const header = [
	`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC at commit ${commit} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}${quick ? ' (--quick)' : ''}.`,
	`Load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()}.`,
];
const text = `${header.join('\n')}\n\n${formatTable(rows)}\n`;
process.stdout.write(text);
if (!only) writeFileSync(path.join(benchRoot, 'results.md'), `# anki-tui benchmark results\n\nRun with \`npm run bench\`.\n\n${text}`);
process.exitCode = rows.some((r) => r.pass === false) ? 1 : 0;
