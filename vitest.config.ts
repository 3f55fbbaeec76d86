import {configDefaults, defineConfig} from 'vitest/config';

const shared = {testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks'} as const;

export default defineConfig({
	test: {
		...shared,
		// Runs once per run (root project): builds dist/ for tests that spawn the real CLI.
		globalSetup: ['test/global-setup.ts'],
		projects: [
			{test: {...shared, name: 'unit', include: ['test/**/*.test.{ts,tsx}'], exclude: [...configDefaults.exclude, 'test/lab/**']}},
			// The network lab is one set of namespaces per run, built only when lab files are selected;
			// its files share it (and its nft scenarios), so they run one at a time.
			{test: {...shared, name: 'lab', include: ['test/lab/**/*.test.ts'], globalSetup: ['test/lab/global-setup.ts'], fileParallelism: false}},
		],
	},
});
