import {describe, expect, it} from 'vitest';
import {configFrozenUnchanged} from '../../src/checks/config-frozen-unchanged.js';
import {judgeFrozen} from '../../src/checks/judge/frozen-judge.js';
import {checkContext} from './helpers.js';

describe('config.frozen-unchanged', () => {
	const frozen = {dnsForwarders: ['10.0.0.53', '10.0.0.54'], ntpServer: '10.0.0.123'};
	it('passes equal values in any order', () => {
		expect(judgeFrozen(frozen, {dnsForwarders: ['10.0.0.54', '10.0.0.53'], ntpServer: '10.0.0.123'}).status).toBe('pass');
	});

	it('fails a change and says why', () => {
		const verdict = judgeFrozen(frozen, {dnsForwarders: ['10.0.0.53'], ntpServer: '10.0.0.124'});
		expect(verdict.status).toBe('fail');
		expect(verdict.summary).toContain('DNS forwarders changed from 10.0.0.53, 10.0.0.54 to 10.0.0.53');
		expect(verdict.summary).toContain('NTP server changed from 10.0.0.123 to 10.0.0.124');
		expect(verdict.summary).toContain('reconfiguring every switch');
	});

	it('cannot evaluate without values', () => {
		expect(judgeFrozen({}, frozen).status).toBe('error');
		expect(judgeFrozen(frozen, {}).status).toBe('error');
	});

	it('runs as a check with no probes', async () => {
		const result = await configFrozenUnchanged.run({frozen, current: frozen}, checkContext());
		expect(result).toMatchObject({checkId: 'config.frozen-unchanged', status: 'pass', evidence: []});
	});
});
