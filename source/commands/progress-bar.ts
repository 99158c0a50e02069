// A one-line progress bar on stderr, drawn only when stderr is a terminal.
import {safeLine, statusLine} from './terminal-output.js';

export interface ProgressBar {
	update(label: string, done: number, total: number): void;
	done(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
	if (!stream.isTTY) return {update() {}, done() {}};
	let last = '';
	const status = statusLine(stream);
	return {
		update(rawLabel, done, total) {
			const label = safeLine(rawLabel);
			const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 20));
			const ratio = total > 0 ? Math.min(1, done / total) : 0;
			const filled = Math.round(ratio * width);
			const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}%`;
			if (line === last) return;
			last = line;
			status.show(line);
		},
		done() {
			status.clear();
		},
	};
}
