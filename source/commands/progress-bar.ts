// A one-line progress bar on stderr, drawn only when stderr is a terminal.
export interface ProgressBar {
	update(label: string, done: number, total: number): void;
	done(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
	if (!stream.isTTY) return {update() {}, done() {}};
	let last = '';
	let drawn = false;
	return {
		update(label, done, total) {
			const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 20));
			const ratio = total > 0 ? Math.min(1, done / total) : 0;
			const filled = Math.round(ratio * width);
			const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}%`;
			if (line === last) return;
			last = line;
			drawn = true;
			stream.write(`\r\u001B[2K${line}`);
		},
		done() {
			if (drawn) stream.write('\r\u001B[2K');
		},
	};
}
