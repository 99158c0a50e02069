// Copies the planned media files into the collection's media folder. A package with many files is
// copied on a worker thread (media-copy-worker.ts), started as soon as the merge knows which files
// the notes use, so the disk-bound copy runs while the CPU-bound merge does; as in Anki's importer,
// the files are written before the merge commits, and removed again if it fails. Whatever the
// worker does not copy (it could not start, or met a damaged file) is copied here.
import {existsSync, mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import type {MediaCopyJob} from './media-index.js';
import type {MediaSource} from './merge-input.js';
import type {MediaPlan} from './merge-media.js';

export interface MediaCopy {
	/** Settles once every planned file is copied, with their number. */
	readonly done: Promise<number>;
	/** Waits for the copy and removes the files it wrote (the merge they belong to failed). */
	undo(): Promise<void>;
	/** How many of the files the worker thread copied (0: all copied on this thread). */
	readonly copiedOnWorker: number;
}

export interface MediaCopyOptions {
	/** From this many files on, a worker thread copies (starting one costs tens of ms). */
	workerMinFiles?: number;
	/** Called as files are copied. */
	onFile?: (done: number, total: number) => void;
}

const defaultWorkerMinFiles = 64;

export function startMediaCopy(media: MediaSource, plan: MediaPlan, mediaDir: string, options: MediaCopyOptions = {}): MediaCopy {
	const files = plan.toCopy().map(m => ({source: m.source, target: m.target}));
	let copied = 0;
	let copiedOnWorker = 0;
	const report = (count: number) => {
		copied = count;
		options.onFile?.(count, files.length);
	};
	const done = (async () => {
		if (!files.length) return 0;
		mkdirSync(mediaDir, {recursive: true});
		const job = files.length >= (options.workerMinFiles ?? defaultWorkerMinFiles) ? media.copyJob?.(files, mediaDir) : undefined;
		if (job) await copyOnWorker(job, report);
		copiedOnWorker = copied;
		for (const file of files.slice(copied)) {
			await media.extract(file.source, mediaDir, file.target);
			report(copied + 1);
		}
		return copied;
	})();
	return {
		done,
		get copiedOnWorker() {
			return copiedOnWorker;
		},
		async undo() {
			await done.catch(() => {});
			for (const file of files.slice(0, copied)) rmSync(path.join(mediaDir, file.target), {force: true});
		},
	};
}

/**
 * A worker running media-copy-worker: the bundle's script beside the CLI's (scripts/build.mjs), or
 * (running from source, as the tests do) the TypeScript file through tsx, registered in the worker.
 */
function startWorker(job: MediaCopyJob): Worker | undefined {
	const fromSource = import.meta.url.endsWith('.ts');
	const module = new URL(`./media-copy-worker.${fromSource ? 'ts' : 'cjs'}`, import.meta.url);
	if (!existsSync(module)) return undefined;
	if (!fromSource) return new Worker(module, {workerData: job, execArgv: []});
	// tsx (a dev dependency) is found from the working directory: the project's, in tests and bench.
	const code = `import('tsx/esm/api').then(({register}) => { register(); return import(${JSON.stringify(module.href)}); });`;
	return new Worker(code, {eval: true, workerData: job, execArgv: []});
}

/** Runs the job on a worker thread; resolves when the worker ends, whatever it managed. */
function copyOnWorker(job: MediaCopyJob, report: (copied: number) => void): Promise<void> {
	return new Promise(resolve => {
		let worker: Worker | undefined;
		try {
			worker = startWorker(job);
		} catch {
			// no worker: the main thread copies everything
		}
		if (!worker) {
			resolve();
			return;
		}
		worker.on('message', (message: {copied: number}) => report(message.copied));
		// A worker that cannot load or fails: the main thread copies the rest.
		worker.on('error', () => {});
		worker.once('exit', () => resolve());
	});
}
