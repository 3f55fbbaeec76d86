import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		globalSetup: ['test/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// The network lab is one set of namespaces per run; files that use it run one at a time.
		fileParallelism: true,
		pool: 'forks',
	},
});
