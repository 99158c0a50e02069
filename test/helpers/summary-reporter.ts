// Prints the plain closing line "N passed, N failed, N skipped" that CI reads, after vitest's own output.
import {writeSync} from 'node:fs';
import type {Reporter, TestModule} from 'vitest/node';

export default class SummaryReporter implements Reporter {
	onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
		let passed = 0;
		let failed = 0;
		let skipped = 0;
		for (const module of modules) {
			for (const test of module.children.allTests()) {
				const state = test.result().state;
				if (state === 'passed') passed++;
				else if (state === 'failed') failed++;
				else skipped++;
			}
			if (module.state() === 'failed' && module.children.size === 0) failed++;
		}
		// Printed at exit so it comes after vitest's own summary and is the last line.
		process.once('exit', () => writeSync(1, `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`));
	}
}
