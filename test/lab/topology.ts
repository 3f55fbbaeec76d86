import {baseAcl, hostAddress, inetBase, ip, nothingThere, roles, routerBmc, routerUplink, type Role} from './lab-config.js';
import {inNs, sh} from './exec.js';

/** The namespace name of a role. */
export function nsName(prefix: string, role: Role): string {
	return `${prefix}-${role}`;
}

/**
Builds the namespaces, links, addresses and routes, and loads the base ACL in the router.
Both ends of every veth are created directly inside lab namespaces: the root namespace never holds
a lab interface, and no lab namespace has a route out of the lab.
*/
export function buildTopology(prefix: string): void {
	const ns = (role: Role) => nsName(prefix, role);
	const ipn = (role: Role, ...args: string[]) => sh(['ip', '-n', ns(role), ...args]);
	for (const role of roles) {
		sh(['ip', 'netns', 'add', ns(role)]);
		ipn(role, 'link', 'set', 'lo', 'up');
	}

	ipn('rtr', 'link', 'add', 'br0', 'type', 'bridge');
	ipn('rtr', 'addr', 'add', `${routerBmc}/26`, 'dev', 'br0');
	ipn('rtr', 'link', 'set', 'br0', 'up');
	for (const host of ['dvm', 'hlh'] as const) {
		sh(['ip', 'link', 'add', 'eth0', 'netns', ns(host), 'type', 'veth', 'peer', 'name', `p-${host}`, 'netns', ns('rtr')]);
		ipn(host, 'addr', 'add', `${hostAddress[host]}/26`, 'dev', 'eth0');
		ipn(host, 'link', 'set', 'eth0', 'up');
		ipn(host, 'route', 'add', 'default', 'via', routerBmc);
		ipn('rtr', 'link', 'set', `p-${host}`, 'master', 'br0');
		ipn('rtr', 'link', 'set', `p-${host}`, 'up');
	}

	sh(['ip', 'link', 'add', 'eth0', 'netns', ns('inet'), 'type', 'veth', 'peer', 'name', 'up0', 'netns', ns('rtr')]);
	ipn('inet', 'addr', 'add', `${inetBase}/24`, 'dev', 'eth0');
	// closed is deliberately an address with nothing listening on it.
	for (const address of new Set(Object.values(ip))) {
		ipn('inet', 'addr', 'add', `${address}/32`, 'dev', 'eth0');
	}

	ipn('inet', 'link', 'set', 'eth0', 'up');
	ipn('inet', 'route', 'add', 'default', 'via', routerUplink);
	ipn('rtr', 'addr', 'add', `${routerUplink}/24`, 'dev', 'up0');
	ipn('rtr', 'link', 'set', 'up0', 'up');
	sh([...inNs(ns('rtr')), 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
	// Nothing at this address: the router silently discards what is sent there (no ICMP, no ARP wait).
	ipn('rtr', 'route', 'add', 'blackhole', `${nothingThere}/32`);
	// nft only ever runs inside the router namespace.
	sh([...inNs(ns('rtr')), 'nft', '-f', '-'], {input: baseAcl});
}
