import {z} from 'zod';
import {judgeFrozen} from './judge/frozen-judge.js';
import {startRun} from './result.js';
import type {CheckDefinition} from './types.js';

const values = z.strictObject({
	dnsForwarders: z.union([z.string(), z.array(z.string())]).optional(),
	ntpServer: z.union([z.string(), z.array(z.string())]).optional(),
});

const params = z.strictObject({
	/** The worksheet values frozen in phase 2 (the runbook passes `{$input: …}`). */
	frozen: values,
	/** The values configured now (e.g. read back from the deployment configuration). */
	current: values,
});

/** `config.frozen-unchanged`: DNS forwarders and NTP server still equal the frozen worksheet values. Pure. */
export const configFrozenUnchanged: CheckDefinition<typeof params> = {
	id: 'config.frozen-unchanged',
	title: 'DNS and NTP unchanged since the worksheet',
	description: 'Compares the DNS forwarders and NTP server now in use with the frozen worksheet values; a change means reconfiguring every switch ACL.',
	params,
	async run(input) {
		const run = startRun('config.frozen-unchanged');
		return run.finish(judgeFrozen(input.frozen, input.current), []);
	},
};
