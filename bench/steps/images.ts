// Child-process step of bench/run.ts: a 1000x800 JPEG card image through the reviewer's image
// output, from asking for it (the frame after the key) to its encoded escape sequences being ready:
// read, decode, scale, encode (and the half-block text built). The first image of a process
// includes loading the image library; later ones are warm (a new card, nothing cached).
// bench/run.ts bundles this step with esbuild as scripts/build.mjs bundles the CLI (import('sharp')
// becomes require() of the built dist/image-library.cjs) and runs it with plain node, so loading sharp
// costs here what it costs the CLI (through tsx every require goes through its loader hooks).
// Usage: node images-step.cjs MEDIA_DIR first|prefetched|warm [RUNS]; prints one JSON line.
import {EventEmitter} from 'node:events';
import {performance} from 'node:perf_hooks';
import {createImageOverlay, type ImageOverlay} from '../../source/ui/graphics/inline-images.js';
import type {GraphicsChoice, GraphicsOutput} from '../../source/ui/graphics/terminal-graphics.js';

const [mediaDir, mode, runsArg] = process.argv.slice(2);
if (!mediaDir || !['first', 'prefetched', 'warm'].includes(mode ?? '')) throw new Error('usage: images-step.cjs MEDIA_DIR first|prefetched|warm [RUNS]');
const runs = Number(runsArg ?? 20);
// The reviewer has its terminal streams (and so node:stream, which sharp uses) long before an image.
void process.stdout;

class Sink extends EventEmitter {
	isTTY = true;
	columns = 80;
	rows = 24;
	bytes = 0;
	write = (data: string) => {
		this.bytes += data.length;
		return true;
	};
}

// An 80x24 terminal: the card body's image box is 78 columns by 16 rows.
const box = {cols: 78, rows: 16};
const ref = {name: 'photo.jpg', marker: '[image: photo.jpg]'};
const outputs: Array<{label: string; output: GraphicsOutput; extra?: Partial<GraphicsChoice>}> = [
	{label: 'text', output: 'text'},
	{label: 'kitty', output: 'kitty', extra: {placeholders: true}},
	{label: 'kitty-remote', output: 'kitty', extra: {placeholders: true, remote: true}},
	{label: 'iterm', output: 'iterm'},
	{label: 'sixel', output: 'sixel', extra: {cell: {width: 10, height: 20}}},
];

/** Ms from asking for the image to its view being ready, and the bytes it sends to the terminal. */
async function once(output: GraphicsOutput, extra: Partial<GraphicsChoice> = {}): Promise<{ms: number; cpuMs: number; bytes: number}> {
	const sink = new Sink();
	const choice: GraphicsChoice = {output, placeholders: false, tmuxPassthrough: false, enablePassthrough: false, colors: 'truecolor', cell: null, remote: false, reason: 'bench', ...extra};
	const overlay: ImageOverlay = createImageOverlay({choice, mediaDir: mediaDir!, stdout: sink as unknown as NodeJS.WriteStream});
	const start = performance.now();
	const cpu = process.cpuUsage();
	const ready = () => overlay.images.view(ref, box, true);
	await new Promise<void>((resolve) => {
		const unsubscribe = overlay.images.subscribe(() => {
			const view = ready();
			if (view && view.kind !== 'loading') {
				unsubscribe();
				resolve();
			}
		});
		ready();
	});
	const ms = performance.now() - start;
	const used = process.cpuUsage(cpu);
	// All threads of the process (libvips works on libuv's pool): what the work costs on an idle machine.
	const cpuMs = (used.user + used.system) / 1000;
	const view = ready()!;
	if (view.kind === 'failed') throw new Error(view.reason);
	if (view.kind === 'overlay') {
		// Overlay outputs draw after a frame: give it one (the frame's own text is not counted).
		overlay.images.show([{name: view.key, row: 3, col: 1, cols: view.cols, rows: view.rows}]);
		(overlay.stdout.write as (s: string) => boolean)('');
		await new Promise((r) => setImmediate(r));
	}
	// Over the wire: image data written to the terminal, plus text rows (half blocks or placeholder cells) in the frame.
	const rows = view.kind === 'rows' ? view.lines.join('\n').length : 0;
	return {ms, cpuMs, bytes: sink.bytes + rows};
}

// A script, not a module (the bundle is CommonJS, as the CLI's): no await at the top level.
async function main(): Promise<void> {
	if (mode === 'first') {
		const r = await once('text');
		console.log(JSON.stringify({firstMs: r.ms, cpuMs: r.cpuMs}));
	} else if (mode === 'prefetched') {
		// As the reviewer does it: its image output's prefetch() (the library loaded and warmed by one
		// tiny decode and encode) while the first screen is read, then the first image card.
		const start = performance.now();
		const cpu = process.cpuUsage();
		await createImageOverlay({choice: {output: 'text', placeholders: false, tmuxPassthrough: false, enablePassthrough: false, colors: 'truecolor', cell: null, remote: false, reason: 'bench'}, mediaDir, stdout: new Sink() as unknown as NodeJS.WriteStream}).images.prefetch();
		const loadMs = performance.now() - start;
		const used = process.cpuUsage(cpu);
		const r = await once('text');
		console.log(JSON.stringify({loadMs, loadCpuMs: (used.user + used.system) / 1000, firstMs: r.ms, cpuMs: r.cpuMs}));
	} else {
		await once('text'); // load the library
		const result: Record<string, {median: number; p90: number; cpuMedian: number; bytes: number}> = {};
		const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
		for (const {label, output, extra} of outputs) {
			const times: number[] = [];
			const cpu: number[] = [];
			let bytes = 0;
			for (let i = 0; i < runs; i++) {
				const r = await once(output, extra);
				times.push(r.ms);
				cpu.push(r.cpuMs);
				bytes = r.bytes;
			}
			times.sort((a, b) => a - b);
			result[label] = {median: times[Math.floor(times.length / 2)]!, p90: times[Math.floor(times.length * 0.9)]!, cpuMedian: middle(cpu), bytes};
		}
		console.log(JSON.stringify(result));
	}
}

void main();
