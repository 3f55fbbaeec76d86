import {describe, expect, inject, it} from 'vitest';
import {ip} from './lab-config.js';
import {labJob, labTitle, runFrom, type ReadyLab} from './lab-client.js';

const lab = inject('lab');

describe.skipIf(!lab.ready)(labTitle(lab, 'abort in the middle of a run'), () => {
	const ready = lab as ReadyLab;
	it('stops promptly and leaves no socket or timer open', async () => {
		// Long timeouts: without the abort, the hanging probes would take 30 s; the job bound is 60 s.
		const abortAfterFirst = {timeoutMs: 30_000, abortOnFirstProbeEnd: true};
		const outputs = await runFrom(ready, 'dvm', [
			labJob(ready, 'egress.endpoint', {endpoints: ['login.microsoftonline.com', 'hang.example', 'management.azure.com'], concurrency: 1}, abortAfterFirst),
			labJob(ready, 'egress.endpoint', {endpoints: ['login.microsoftonline.com', 'hang.example'], concurrency: 2}, abortAfterFirst),
			labJob(ready, 'dns.forwarder', {servers: [ip.dns, ip.dnsDrop], names: ['management.azure.com'], concurrency: 4}, abortAfterFirst),
		]);
		for (const output of outputs) {
			expect(output.aborted).toBe(true);
			expect(output.leftover).toEqual([]);
		}

		const [sequential, parallel, dns] = outputs.map(output => output.result);
		expect(sequential!.status).toBe('skipped');
		expect(sequential!.evidence.filter(record => record.kind === 'http')).toHaveLength(1);
		expect(parallel!.evidence.find(record => record.kind === 'tls' && record.target.includes('hang.example'))?.errorCode).toBe('ABORTED');
		expect(dns!.evidence.filter(record => record.server === ip.dnsDrop).map(record => record.errorCode)).toEqual(['ABORTED', 'ABORTED']);
	});
});
