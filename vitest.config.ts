import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// The summary reporter adds the plain "N passed, N failed" closing line CI reads.
		reporters: ['default', './test/helpers/summary-reporter.ts'],
	},
});
