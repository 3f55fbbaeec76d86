/*
The lab's fixed plan: every address exists only inside the lab's own network namespaces, which have
no link to the root namespace, so nothing a test sends can leave them.

  dvm  eth0 10.200.1.10 ─┐
                          ├─ br0 10.200.1.1 [rtr: router, ACL, DNAT] up0 10.200.2.1 ── eth0 [inet]
  hlh  eth0 10.200.1.11 ─┘                                           10.200.2.x services
*/

/** Namespace roles; a namespace is named `<prefix>-<role>`. */
export const roles = ['rtr', 'dvm', 'hlh', 'inet'] as const;
export type Role = (typeof roles)[number];
/** Where checks run from. */
export type Vantage = 'dvm' | 'hlh';

export const bmcNetwork = '10.200.1.0/26';
export const hostAddress: Record<Vantage, string> = {dvm: '10.200.1.10', hlh: '10.200.1.11'};
export const routerBmc = '10.200.1.1';
export const routerUplink = '10.200.2.1';
export const inetBase = '10.200.2.10';
/** A Public VIP pool for the worksheet; no host uses it (post-deployment vantage is not built). */
export const publicVipPool = '10.200.3.0/24';

/** The lab's service addresses on the "internet" host. */
export const ip = {
	login: '10.200.2.11',
	mgmt: '10.200.2.12',
	graph: '10.200.2.13',
	expired: '10.200.2.14',
	hang: '10.200.2.15',
	wrongname: '10.200.2.16',
	proxy: '10.200.2.17',
	selfsigned: '10.200.2.18',
	http403: '10.200.2.19',
	dns: '10.200.2.53',
	dns2: '10.200.2.54',
	dnsServfail: '10.200.2.60',
	dnsRefused: '10.200.2.61',
	dnsDrop: '10.200.2.62',
	dnsWrongId: '10.200.2.63',
	/** Loses the first query for each name and answers every later one at once (a slow or lossy path, without a clock). */
	dnsSlow: '10.200.2.66',
	/** UDP answers are truncated (TC, no answer); TCP gives the full answer. */
	dnsTruncating: '10.200.2.64',
	/** UDP and TCP give different addresses for every name. */
	dnsSplit: '10.200.2.65',
	/** Answers correctly after 1.3 s: slower than the 1 s limit, within a generous timeout. */
	dnsSluggish: '10.200.2.68',
	/** Nothing listens: UDP gets ICMP port unreachable, TCP a reset. */
	closed: '10.200.2.67',
	ntp: '10.200.2.123',
	ntpAhead: '10.200.2.124',
	ntpUnsync: '10.200.2.125',
	ntpSilent: '10.200.2.126',
	/** Sends every request back unchanged (mode 3): an echo service, not an NTP server. */
	ntpEcho: '10.200.2.127',
	/** Replies whose origin timestamp is not our transmit time. */
	ntpBadOrigin: '10.200.2.128',
	/** Replies of 40 bytes. */
	ntpShort: '10.200.2.129',
	/** DNS replies cut off in the middle of the answer, over UDP and TCP. */
	dnsCutOff: '10.200.2.69',
	/** DNS "replies" with the QR bit clear: our query sent back. */
	dnsEcho: '10.200.2.70',
	/** A DNS server whose UDP answers leave from another address (dnsAsymReply). */
	dnsAsym: '10.200.2.71',
	dnsAsymReply: '10.200.2.72',
	/** An NTP server whose answers leave from another address (ntpAsymReply). */
	ntpAsym: '10.200.2.131',
	ntpAsymReply: '10.200.2.132',
	/** Listens on 443 and never speaks; with the `catch-all` scenario the router sends every TCP port to it. */
	catchAll: '10.200.2.80',
	/** An explicit proxy (port 3128) that answers every request, CONNECT included, with 407 and its auth schemes. */
	proxyAuth: '10.200.2.81',
	/** An explicit proxy (port 3128) that answers CONNECT with 200 and tunnels to the lab host. */
	proxyOpen: '10.200.2.82',
	/** HTTPS "what is my address" echo (myip.lab.example): JSON at /json, plain text at /. */
	echo: '10.200.2.83',
	/** An explicit proxy (port 3128) whose policy refuses CONNECT with 403 Forbidden (squid's ERR_ACCESS_DENIED). */
	proxyDeny: '10.200.2.84',
	/** NSD, authoritative for the parent zone azurestack.lab.example (see delegation-zones.ts). */
	parentDns: '10.200.2.90',
	/** NSD, the "Azure Stack Hub DNS" servers: authoritative for the delegated zones. */
	azsDns1: '10.200.2.91',
	azsDns2: '10.200.2.92',
	/** A parent that is no parent: every answer a referral to the root (fake DNS, mode `upward`). */
	dnsUpward: '10.200.2.93',
	/** A referral whose NS record's data overruns its stated length (fake DNS, mode `bad-referral`). */
	dnsBadReferral: '10.200.2.94',
} as const;

/** An address where nothing answers at all: the router discards everything sent to it (a blackhole route, no ICMP). */
export const nothingThere = '10.200.2.250';

/** The port the lab's explicit proxies listen on. */
export const proxyPort = 3128;

/** Names the lab forwarder (dnsmasq) knows. */
export const hostRecords: Record<string, string> = {
	'login.microsoftonline.com': ip.login,
	'login.windows.net': ip.login,
	'management.azure.com': ip.mgmt,
	'graph.windows.net': ip.graph,
	'expired.example': ip.expired,
	'hang.example': ip.hang,
	'wrongname.example': ip.wrongname,
	'selfsigned.example': ip.selfsigned,
	'crl.example': ip.login,
	'blocked.example': ip.http403,
	'time.lab.example': ip.ntp,
	'catchall.example': ip.catchAll,
	'myip.lab.example': ip.echo,
	// The HLH-deny step's "another port beyond the border" (SSH): nothing listens on 22 there.
	'github.com': ip.login,
};

/** The router's base ACL: the DVM unrestricted, the HLH only DNS and NTP, three deny styles to tell apart. */
export const baseAcl = `table inet acl {
	chain forward_acl {
		type filter hook forward priority 0; policy drop;
		ct state established,related accept
		ip saddr ${hostAddress.dvm} accept comment "DVM unrestricted"
		ip saddr { ${ip.dnsAsymReply}, ${ip.ntpAsymReply} } ip daddr ${bmcNetwork} accept comment "servers answering from another address"
		ip saddr ${hostAddress.hlh} ip daddr { ${ip.dns}, ${ip.dns2} } udp dport 53 accept
		ip saddr ${hostAddress.hlh} ip daddr { ${ip.dns}, ${ip.dns2} } tcp dport 53 accept
		ip saddr ${hostAddress.hlh} ip daddr ${ip.ntp} udp dport 123 accept
		ip saddr ${hostAddress.hlh} ip daddr { ${ip.proxyAuth}, ${ip.proxyOpen}, ${ip.proxyDeny} } tcp dport ${proxyPort} accept comment "the site's explicit proxies"
		ip saddr ${hostAddress.hlh} ip daddr ${ip.mgmt} tcp dport 443 reject with tcp reset
		ip saddr ${hostAddress.hlh} ip daddr ${ip.graph} reject with icmp type admin-prohibited
	}
}
`;

/** Scenarios switched on by loading a table in the router and off by deleting it. */
export const scenarios = {
	/** DNS over TCP dropped everywhere while UDP passes: the classic half-open DNS rule. */
	'dns-tcp-blocked': {family: 'inet', table: 'scn_dnstcp', text: `table inet scn_dnstcp {
	chain block {
		type filter hook forward priority -10; policy accept;
		tcp dport 53 drop
	}
}
`},
	/** UDP to the second forwarder and the time server dropped; the hosts still answer TCP (reset or DNS). */
	'udp-filtered': {family: 'inet', table: 'scn_udpfilter', text: `table inet scn_udpfilter {
	chain block {
		type filter hook forward priority -10; policy accept;
		ip daddr ${ip.dns2} udp dport 53 drop
		ip daddr ${ip.ntp} udp dport 123 drop
	}
}
`},
	/** A transparent intercepting proxy: every TCP connection to the Azure names lands on the proxy. */
	intercept: {family: 'ip', table: 'scn_intercept', text: `table ip scn_intercept {
	chain pre {
		type nat hook prerouting priority dstnat; policy accept;
		ip daddr { ${ip.login}, ${ip.mgmt}, ${ip.graph} } tcp dport != 80 dnat to ${ip.proxy}:443
	}
}
`},
	/** A DNAT catch-all on the border: every TCP port of the catch-all address lands on one listener. */
	'catch-all': {family: 'ip', table: 'scn_catchall', text: `table ip scn_catchall {
	chain pre {
		type nat hook prerouting priority dstnat; policy accept;
		ip daddr ${ip.catchAll} tcp dport != 443 dnat to ${ip.catchAll}:443
	}
}
`},
	/** Source NAT on the border: the internet sees the router's uplink address, not the DVM's. */
	snat: {family: 'ip', table: 'scn_snat', text: `table ip scn_snat {
	chain post {
		type nat hook postrouting priority srcnat; policy accept;
		ip saddr ${bmcNetwork} oifname "up0" snat to ${routerUplink}
	}
}
`},
	/**
	A path-MTU black hole: a link that cannot carry full-size packets and whose ICMP "fragmentation
	needed" never comes back. Modelled as its symptom: packets from the ARM endpoint larger than 1200
	bytes (its certificate flight) vanish; the SYN-ACK and ACKs pass.
	*/
	'mtu-black-hole': {family: 'inet', table: 'scn_mtu', text: `table inet scn_mtu {
	chain drop_large {
		type filter hook forward priority -10; policy accept;
		ip saddr ${ip.mgmt} meta length > 1200 drop
	}
}
`},
	/** The firewall resets TCP 443 from the DVM to the sign-in endpoint (login.microsoftonline.com). */
	'login-reset': {family: 'inet', table: 'scn_loginreset', text: `table inet scn_loginreset {
	chain refuse {
		type filter hook forward priority -10; policy accept;
		ip saddr ${hostAddress.dvm} ip daddr ${ip.login} tcp dport 443 reject with tcp reset
	}
}
`},
	/**
	The HLH left open: a permit-any for the HLH at the top of the ACL itself (a policy-drop chain in
	another table would still drop it). Unloading deletes the ACL table and `restore` loads the base ACL.
	*/
	'hlh-open': {family: 'inet', table: 'acl', text: `insert rule inet acl forward_acl ip saddr ${hostAddress.hlh} accept
`, restore: baseAcl},
	/** A transparent intercepting proxy for the ARM endpoint only (management.azure.com). */
	'intercept-management': {family: 'ip', table: 'scn_interceptarm', text: `table ip scn_interceptarm {
	chain pre {
		type nat hook prerouting priority dstnat; policy accept;
		ip daddr ${ip.mgmt} tcp dport 443 dnat to ${ip.proxy}:443
	}
}
`},
} as const;
export type ScenarioName = keyof typeof scenarios;

/** Timeouts for lab probes: long enough for a loaded 2-core CI machine, short enough that failures cost seconds. */
export const labTimeoutMs = 1500;
