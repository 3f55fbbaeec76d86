/*
The lab's DNS delegation, served by NSD (a real authoritative server): a parent zone
azurestack.lab.example on ip.parentDns, and "Azure Stack Hub DNS" servers (ip.azsDns1, ip.azsDns2)
authoritative for the delegated zones. One region per verdict class of dns.delegation, under the
one external domain; the check is asked with region and external domain as a deployment would.
*/
import fs from 'node:fs';
import path from 'node:path';
import {ip, nothingThere} from './lab-config.js';

export const labExternalDomain = 'azurestack.lab.example';

/** Regions (the first label of `<region>.azurestack.lab.example`) and what the parent does with each. */
export const delegationRegions = {
	/** Delegated to azs-ns01/-ns02 with glue, the cloudapp zone too; both servers serve both zones. */
	good: 'local',
	/** Nothing in the parent: NXDOMAIN with authority. */
	missing: 'missing',
	/** The parent has an address record at the name but no NS records: NODATA. */
	nodata: 'nodata',
	/** Delegated to another server (ns1.elsewhere.example at 10.200.2.99). */
	elsewhere: 'elsewhere',
	/** Delegated to the Azure Stack Hub DNS addresses, which do not serve the zone (REFUSED). */
	lame: 'lame',
	/** Delegated to an address where nothing answers at all. */
	silent: 'silent',
	/** Delegated to a live host whose DNS port is filtered (ip.dnsDrop drops every query, its host resets other ports). */
	filtered: 'filtered',
	/** Delegated to in-zone names without glue addresses. */
	noglue: 'noglue',
	/** Delegated to azs-ns01 only; both servers serve the zone. */
	single: 'single',
	/** The infrastructure zone delegated, the cloudapp zone not. */
	nocloudapp: 'nocloudapp',
	/** Not delegated: the lab forwarder (dnsmasq) forwards both zones to ip.azsDns1 (conditional forwarding). */
	forwarded: 'forwarded',
} as const;

const soa = (zone: string) => `${zone}. 60 IN SOA azs-ns01.${zone}. hostmaster.${zone}. 1 900 600 86400 60`;

function delegation(region: string, servers: Array<[name: string, glue?: string]>, cloudapp = true): string[] {
	const zones = [`${region}.${labExternalDomain}`, ...(cloudapp ? [`${region}.cloudapp.${labExternalDomain}`] : [])];
	return zones.flatMap(zone => [
		...servers.map(([name]) => `${zone}. 300 IN NS ${name}.`),
		// Glue for in-zone names: the names are those of the infrastructure zone.
		...(zone.includes('.cloudapp.') ? [] : servers.filter(([, glue]) => glue).map(([name, glue]) => `${name}. 300 IN A ${glue}`)),
	]);
}

/** The parent zone file: one delegation (or none) per region. */
export function parentZone(): string {
	const zone = labExternalDomain;
	const ns = (region: string) => [`azs-ns01.${region}.${zone}`, `azs-ns02.${region}.${zone}`];
	const r = delegationRegions;
	return [
		`$ORIGIN ${zone}.`,
		soa(zone).replaceAll('azs-ns01.', 'parent-ns.'),
		`${zone}. 300 IN NS parent-ns.${zone}.`,
		`parent-ns.${zone}. 300 IN A ${ip.parentDns}`,
		...delegation(r.good, [[ns(r.good)[0]!, ip.azsDns1], [ns(r.good)[1]!, ip.azsDns2]]),
		`${r.nodata}.${zone}. 300 IN A 10.200.2.99`,
		...delegation(r.elsewhere, [['ns1.elsewhere.example', '10.200.2.99']]).filter(line => !line.startsWith('ns1.elsewhere')),
		...delegation(r.lame, [[ns(r.lame)[0]!, ip.azsDns1], [ns(r.lame)[1]!, ip.azsDns2]]),
		...delegation(r.silent, [[ns(r.silent)[0]!, nothingThere]]),
		...delegation(r.filtered, [[ns(r.filtered)[0]!, ip.dnsDrop]], false),
		...delegation(r.noglue, [[ns(r.noglue)[0]!], [ns(r.noglue)[1]!]]),
		...delegation(r.single, [[ns(r.single)[0]!, ip.azsDns1]]),
		...delegation(r.nocloudapp, [[ns(r.nocloudapp)[0]!, ip.azsDns1], [ns(r.nocloudapp)[1]!, ip.azsDns2]], false),
		'',
	].join('\n');
}

/** The zones the "Azure Stack Hub DNS" servers serve, with their files. */
export function delegatedZones(): Array<{zone: string; text: string}> {
	const r = delegationRegions;
	// Every region but the lame and the silent one is served, so only the parent is at fault there.
	return [r.good, r.single, r.nocloudapp, r.noglue, r.missing, r.nodata, r.elsewhere, r.forwarded].flatMap(region => {
		const zone = `${region}.${labExternalDomain}`;
		const records = (name: string) => [soa(name), `${name}. 300 IN NS azs-ns01.${zone}.`, `${name}. 300 IN NS azs-ns02.${zone}.`];
		return [
			{zone, text: [...records(zone), `azs-ns01.${zone}. 300 IN A ${ip.azsDns1}`, `azs-ns02.${zone}. 300 IN A ${ip.azsDns2}`, `portal.${zone}. 300 IN A 10.200.3.5`, ''].join('\n')},
			{zone: `${region}.cloudapp.${labExternalDomain}`, text: [...records(`${region}.cloudapp.${labExternalDomain}`), ''].join('\n')},
		];
	});
}

/** An NSD configuration serving `zones` on `addresses`, everything kept in `dir`. */
function nsdConfig(dir: string, addresses: readonly string[], zones: ReadonlyArray<{zone: string; file: string}>): string {
	return [
		'server:',
		...addresses.map(address => `\tip-address: ${address}`),
		'\tport: 53',
		'\tusername: ""',
		'\tchroot: ""',
		'\tdatabase: ""',
		`\tzonesdir: "${dir}"`,
		`\tpidfile: "${path.join(dir, 'nsd.pid')}"`,
		`\txfrdfile: "${path.join(dir, 'xfrd.state')}"`,
		`\txfrdir: "${dir}"`,
		`\tzonelistfile: "${path.join(dir, 'zone.list')}"`,
		'\tserver-count: 1',
		'\thide-version: yes',
		'\tverbosity: 1',
		'remote-control:',
		'\tcontrol-enable: no',
		...zones.flatMap(({zone, file}) => ['zone:', `\tname: ${zone}`, `\tzonefile: "${file}"`]),
		'',
	].join('\n');
}

/** Writes both NSD configurations and their zone files under `runDir`; returns the two config paths. */
export function writeDelegationLab(runDir: string): {parent: string; delegated: string} {
	const parentDir = path.join(runDir, 'nsd-parent');
	const delegatedDir = path.join(runDir, 'nsd-azs');
	fs.mkdirSync(parentDir, {recursive: true});
	fs.mkdirSync(delegatedDir, {recursive: true});
	fs.writeFileSync(path.join(parentDir, `${labExternalDomain}.zone`), parentZone());
	fs.writeFileSync(path.join(parentDir, 'nsd.conf'), nsdConfig(parentDir, [ip.parentDns], [{zone: labExternalDomain, file: path.join(parentDir, `${labExternalDomain}.zone`)}]));
	const zones = delegatedZones().map(({zone, text}) => {
		const file = path.join(delegatedDir, `${zone}.zone`);
		fs.writeFileSync(file, text);
		return {zone, file};
	});
	fs.writeFileSync(path.join(delegatedDir, 'nsd.conf'), nsdConfig(delegatedDir, [ip.azsDns1, ip.azsDns2], zones));
	return {parent: path.join(parentDir, 'nsd.conf'), delegated: path.join(delegatedDir, 'nsd.conf')};
}
