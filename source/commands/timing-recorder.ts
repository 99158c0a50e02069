// With ANKI_TUI_TIMINGS=FILE the reviewer appends one JSON line per run: ms from process start to
// the first frame (and the CPU time the process had used by then, all threads), named start-up
// steps (with the CPU time by then), and ms from each key press to the frame it caused (bench/
// reads these). `search` writes its steps too: from opening the input to its last byte. Writing
// the file is a command's job, so this lives beside the commands.
import {appendFileSync} from 'node:fs';

export interface TimingRecorder {
	/** A key press arrived. */
	key(): void;
	/** Ink drew a frame. */
	frame(): void;
	/** Ms since process start of the first frame, or null before it. */
	firstFrame(): number | null;
	/** Ms since process start at a named step (now, or at a time taken earlier); now, also the process's CPU ms by then. */
	mark(name: string, at?: number): void;
	/** Appends the run's line to the file, if one was asked for. */
	save(): void;
}

export function timingRecorder(file: string | undefined): TimingRecorder {
	const keyToFrame: number[] = [];
	const marks: Record<string, number> = {};
	const cpuMarks: Record<string, number> = {};
	let firstFrame: number | null = null;
	let firstFrameCpu: number | null = null;
	let keyAt: number | null = null;
	return {
		key: () => {
			keyAt = performance.now();
		},
		frame: () => {
			const now = performance.now();
			if (firstFrame === null) {
				firstFrame = now;
				const cpu = process.cpuUsage();
				firstFrameCpu = (cpu.user + cpu.system) / 1000;
			}
			if (keyAt !== null) {
				keyToFrame.push(now - keyAt);
				keyAt = null;
			}
		},
		firstFrame: () => firstFrame,
		mark: (name: string, at?: number) => {
			// Only saved marks matter; without a file none is taken (Node loads perf_hooks for the
			// first performance.now(), a few ms of a scripting command's start).
			if (!file) return;
			marks[name] = at ?? performance.now();
			if (at !== undefined) return;
			const cpu = process.cpuUsage();
			cpuMarks[name] = (cpu.user + cpu.system) / 1000;
		},
		save: () => {
			if (file) appendFileSync(file, `${JSON.stringify({firstFrameMs: firstFrame, firstFrameCpuMs: firstFrameCpu, marks, cpuMarks, keyToFrameMs: keyToFrame})}\n`);
		},
	};
}
