import {aclFlow} from './acl-flow.js';
import {configFrozenUnchanged} from './config-frozen-unchanged.js';
import {dnsDelegation} from './dns-delegation.js';
import {dnsForwarder} from './dns-forwarder.js';
import {egressEndpoint} from './egress-endpoint.js';
import {egressSource} from './egress-source.js';
import {ntpServer} from './ntp-server.js';
import {proxyNone} from './proxy-none.js';
import {tcpConnect} from './tcp-connect.js';
import {tlsNotIntercepted} from './tls-not-intercepted.js';
import type {CheckDefinition} from './types.js';

/**
Every check the runbook may reference, by id. Step files are validated against this list,
so a typo in a check id is an error at load time, not at 3 a.m. on site.
*/
const checks: readonly CheckDefinition[] = [
	tcpConnect,
	dnsForwarder,
	ntpServer,
	egressEndpoint,
	egressSource,
	tlsNotIntercepted,
	proxyNone,
	aclFlow,
	configFrozenUnchanged,
	dnsDelegation,
].map(check => check as unknown as CheckDefinition);

export const checkRegistry: ReadonlyMap<string, CheckDefinition> = new Map(checks.map(check => [check.id, check]));

/** The registered check ids, sorted, for suggestions and help. */
export function registeredCheckIds(): string[] {
	return [...checkRegistry.keys()].sort();
}
