import {UsageError} from '../cli/args.js';
import {defaultWatchConfig} from './state/initial-state.js';
import type {WatchConfig} from './state/ui-state.js';

/*
Watch back-off from the environment, for benchmarks and tests that drive the real binary (an
operator never needs them): AZS_WATCH_BASE_MS (first back-off), AZS_WATCH_CAP_MS (longest
back-off) and AZS_WATCH_MAX_ATTEMPTS. Each is a whole number; unset or empty keeps the default.
Read once when the TUI starts.
*/
const limits = {
	AZS_WATCH_BASE_MS: {key: 'baseMs', min: 1, max: 3_600_000},
	AZS_WATCH_CAP_MS: {key: 'capMs', min: 1, max: 3_600_000},
	AZS_WATCH_MAX_ATTEMPTS: {key: 'maxAttempts', min: 1, max: 1_000_000},
} as const;

/** The watch config with any AZS_WATCH_* overrides applied; a bad value is a usage error naming it. */
export function watchConfigFromEnv(env: NodeJS.ProcessEnv, defaults: WatchConfig = defaultWatchConfig): WatchConfig {
	const config = {...defaults};
	for (const [name, {key, min, max}] of Object.entries(limits)) {
		const raw = env[name]?.trim();
		if (!raw) {
			continue;
		}

		const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
		if (!Number.isSafeInteger(value) || value < min || value > max) {
			throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
		}

		config[key] = value;
	}

	if (config.capMs < config.baseMs) {
		throw new UsageError(`the watch back-off cap (${config.capMs} ms, AZS_WATCH_CAP_MS) is below its base (${config.baseMs} ms, AZS_WATCH_BASE_MS)`);
	}

	return config;
}
