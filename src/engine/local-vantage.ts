import os from 'node:os';
import type {Runbook, VantageName} from '../runbook/schema.js';
import {vantageOfAddresses} from './place.js';
import type {Session} from './state.js';

/** This host's IPv4 addresses, from its interfaces (loopback included: the lab and tests use it). */
export function localIpv4Addresses(): string[] {
	return Object.values(os.networkInterfaces()).flatMap(list => (list ?? []).filter(item => item.family === 'IPv4').map(item => item.address));
}

/** The vantage this host is, by its addresses against the session's inputs; undefined when none matches. */
export function localVantage(runbook: Runbook, session: Session): VantageName | undefined {
	return vantageOfAddresses(runbook, session, localIpv4Addresses());
}
