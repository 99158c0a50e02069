import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// Fails the run when a test changed ../shared (real Anki files are never written in place).
		globalSetup: ['./test/helpers/shared-guard.ts'],
		// Ink draws only the last frame when CI is set; screen tests need every frame, as in a terminal.
		env: {CI: 'false', CONTINUOUS_INTEGRATION: 'false'},
		// The summary reporter adds the plain "N passed, N failed" closing line CI reads.
		reporters: ['default', './test/helpers/summary-reporter.ts'],
	},
});
