import {readWinHttpProxy} from '../proxy/netsh.js';
import type {CheckContext, ProbeSet} from '../types.js';
import {probeDns} from './dns-probe.js';
import {probeNtpSample} from './ntp-probe.js';
import {probeTcp} from './tcp-probe.js';
import {probeWeb} from './web-probe.js';

/** The probes that touch the network and the host: what every check uses unless told otherwise. */
export const realProbes: ProbeSet = {
	tcp: probeTcp,
	dns: probeDns,
	ntpSample: probeNtpSample,
	web: probeWeb,
	environment: () => process.env,
	winHttpProxy: readWinHttpProxy,
};

/** The probe set a check must use: the context's, or the real one. */
export function probesOf(context: Pick<CheckContext, 'probes'>): ProbeSet {
	return context.probes ?? realProbes;
}
