import type {FixOwner} from './types.js';

/**
Owners follow who configures the device. A finding about a device goes to the team that configures
it: the switch ACLs (the HLH restriction, the BMC network rules, the permitted networks) are the
OEM's generated configuration; the border firewall and its NAT are the customer's firewall team's;
proxies, TLS inspection, IPS and DNAT catch-alls the proxy/security team's; a server that misbehaves
its owner's (DNS team, the time server's owner); this host's own settings and where a check was run
the field engineer's. The table is data: docs/diagnosis.md prints it, flows name their owner in the
step file (`owner:` on an acl.flow flow).
*/
export const deviceOwners: ReadonlyArray<{device: string; owner: FixOwner; configures: string}> = [
	{device: 'switch ACL', owner: 'oem', configures: 'ToR and BMC switch ACLs: the HLH restriction, BMC network rules, permitted networks, DNS and NTP addresses'},
	{device: 'border firewall', owner: 'firewall-team', configures: "the customer's border firewall and its NAT: outbound rules for the DVM and the Public VIP /27"},
	{device: 'proxy', owner: 'proxy-security-team', configures: 'transparent and explicit proxies, TLS inspection, IPS, DNAT catch-alls'},
	{device: 'DNS server', owner: 'dns-team', configures: 'the DNS forwarders and their upstreams'},
	{device: 'time server', owner: 'customer', configures: 'the NTP server named in the worksheet'},
	{device: 'network', owner: 'network-team', configures: 'border routing, uplinks, asymmetric paths'},
	{device: 'this host', owner: 'operator', configures: 'proxy settings on the DVM, where a check is run'},
];

/** The device a rule change for this owner is made on, in words for a remediation. */
export function deviceOf(owner: FixOwner | undefined): string {
	if (owner === 'oem') {
		return 'the switch ACL (the OEM regenerates and reapplies the configuration)';
	}

	return owner === undefined || owner === 'firewall-team' ? 'the switch ACL or firewall' : `the device the ${owner} configures`;
}
