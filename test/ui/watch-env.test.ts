import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/cli/args.js';
import {defaultWatchConfig} from '../../src/ui/state/initial-state.js';
import {watchConfigFromEnv} from '../../src/ui/watch-env.js';

describe('watch back-off from AZS_WATCH_*', () => {
	it('keeps the defaults when nothing (or an empty value) is set', () => {
		expect(watchConfigFromEnv({})).toEqual(defaultWatchConfig);
		expect(watchConfigFromEnv({AZS_WATCH_BASE_MS: '', AZS_WATCH_CAP_MS: ' ', AZS_WATCH_MAX_ATTEMPTS: ''})).toEqual(defaultWatchConfig);
	});

	it('takes whole numbers within bounds, each on its own', () => {
		expect(watchConfigFromEnv({AZS_WATCH_BASE_MS: '1', AZS_WATCH_CAP_MS: '2', AZS_WATCH_MAX_ATTEMPTS: '1000'})).toEqual({baseMs: 1, capMs: 2, maxAttempts: 1000});
		expect(watchConfigFromEnv({AZS_WATCH_MAX_ATTEMPTS: ' 50 '})).toEqual({...defaultWatchConfig, maxAttempts: 50});
		expect(watchConfigFromEnv({AZS_WATCH_BASE_MS: '60000'})).toEqual({...defaultWatchConfig, baseMs: 60_000});
	});

	it('refuses anything else, naming the variable', () => {
		for (const [name, value] of [
			['AZS_WATCH_BASE_MS', '0'],
			['AZS_WATCH_BASE_MS', '-5'],
			['AZS_WATCH_BASE_MS', '1.5'],
			['AZS_WATCH_BASE_MS', '1e3'],
			['AZS_WATCH_CAP_MS', '3600001'],
			['AZS_WATCH_CAP_MS', 'soon'],
			['AZS_WATCH_MAX_ATTEMPTS', '0'],
			['AZS_WATCH_MAX_ATTEMPTS', '99999999999999999999'],
		] as const) {
			expect(() => watchConfigFromEnv({[name]: value}), `${name}=${value}`).toThrow(UsageError);
			expect(() => watchConfigFromEnv({[name]: value})).toThrow(name);
		}
	});

	it('refuses a cap below the base, also against a default', () => {
		expect(() => watchConfigFromEnv({AZS_WATCH_BASE_MS: '10', AZS_WATCH_CAP_MS: '5'})).toThrow(/cap \(5 ms, AZS_WATCH_CAP_MS\) is below its base \(10 ms/);
		expect(() => watchConfigFromEnv({AZS_WATCH_BASE_MS: '120000'})).toThrow(/cap \(60000 ms/);
	});
});
