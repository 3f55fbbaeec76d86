import {describe, expect, inject, it} from 'vitest';
import type {CheckResult} from '../../src/checks/types.js';
import {delegationRegions as region, labExternalDomain} from './delegation-zones.js';
import {ip, nothingThere} from './lab-config.js';
import {labJob, labTitle, runFrom, type ReadyLab} from './lab-client.js';

const lab = inject('lab');

/*
Every verdict class of dns.delegation against real authoritative servers: NSD serves the parent zone
azurestack.lab.example (one region per class) and the "Azure Stack Hub DNS" servers; a fake server
answers every query with a referral to the root. Asked from the DVM namespace, as a deployment's
region and external domain.
*/
describe.skipIf(!lab.ready)(labTitle(lab, 'dns.delegation from the DVM'), () => {
	const ready = lab as ReadyLab;
	const azs = [ip.azsDns1, ip.azsDns2];
	const job = (regionName: string, extra: Record<string, unknown> = {}) => labJob(ready, 'dns.delegation', {region: regionName, externalDomain: labExternalDomain, parentServers: [ip.parentDns], delegatedServers: azs, ...extra});

	it('tells a good delegation from a missing, misdirected, lame or silent one, and says who fixes it', async () => {
		const outputs = await runFrom(ready, 'dvm', [
			job(region.good),
			job(region.missing),
			job(region.nodata),
			job(region.elsewhere),
			job(region.lame),
			job(region.silent, {delegatedServers: [nothingThere]}),
			job(region.filtered, {delegatedServers: [ip.dnsDrop], cloudapp: false}),
			job(region.noglue),
			job(region.single),
			job(region.nocloudapp),
			// Parent servers that are no parent: one that does not host the parent zone (REFUSED), one answering with a root referral.
			job(region.lame, {parentServers: [ip.azsDns1], cloudapp: false}),
			job(region.good, {parentServers: [ip.dnsUpward], cloudapp: false}),
			job(region.good, {parentServers: [ip.dnsBadReferral], cloudapp: false}),
			// The lab forwarder (dnsmasq) as the "parent": no delegation, a conditional forwarder for the zones (pass), none (fail).
			job(region.forwarded, {parentServers: [ip.dns]}),
			job(region.good, {parentServers: [ip.dns], cloudapp: false}),
		]);
		expect(outputs.flatMap(output => output.leftover)).toEqual([]);
		const [good, missing, nodata, elsewhere, lame, silent, filtered, noglue, single, nocloudapp, refusingParent, upward, badReferral, forwarded, forwarder] = outputs.map(output => output.result) as CheckResult[];
		const zone = (name: string) => `${name}.${labExternalDomain}`;

		expect(good).toMatchObject({status: 'pass', summary: `${zone(region.good)} and ${region.good}.cloudapp.${labExternalDomain}: delegated by ${ip.parentDns} to ${ip.azsDns1}, ${ip.azsDns2}, and every delegated server answers the SOA with authority`});
		expect(good!.vantage.localAddresses).toEqual(['10.200.1.10']);
		const referral = good!.evidence.find(record => record.role === 'parent' && record.name === zone(region.good));
		expect(referral).toMatchObject({aa: false, rcode: 'NOERROR', recursionDesired: false, answers: []});
		expect(referral!.authority).toEqual(expect.arrayContaining([expect.objectContaining({type: 'NS', data: `azs-ns01.${zone(region.good)}`})]));
		expect(referral!.additional).toEqual(expect.arrayContaining([expect.objectContaining({type: 'A', data: ip.azsDns1})]));

		expect(missing).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(missing!.summary).toContain(`${zone(region.missing)}: no delegation: ${ip.parentDns} says the zone does not exist (NXDOMAIN): the delegation is missing`);
		expect(missing!.remediation).toContain(`add NS records for ${zone(region.missing)} naming azs-ns01.${zone(region.missing)}, azs-ns02.${zone(region.missing)}, with glue A records ${ip.azsDns1}, ${ip.azsDns2}`);

		expect(nodata).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(nodata!.summary).toContain(`${zone(region.nodata)}: no delegation: ${ip.parentDns} has no NS records for it (NOERROR, no data, SOA of ${labExternalDomain}): the delegation is missing`);

		expect(elsewhere).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(elsewhere!.summary).toContain(`${zone(region.elsewhere)}: the delegation points elsewhere: ${ip.parentDns} names ns1.elsewhere.example, not the Azure Stack Hub DNS servers azs-ns01.${zone(region.elsewhere)}, azs-ns02.${zone(region.elsewhere)} at ${ip.azsDns1}, ${ip.azsDns2}`);

		expect(lame).toMatchObject({status: 'fail', owner: 'operator'});
		expect(lame!.summary).toContain(`${zone(region.lame)}: lame delegation: ${ip.azsDns1} answers REFUSED: it does not serve the zone: it is not an Azure Stack Hub DNS server for this zone, or its zone is missing`);

		// One remediation per server, not one per server and zone.
		expect(lame!.remediation!.split('\n')).toHaveLength(2);

		expect(silent).toMatchObject({status: 'fail', owner: 'operator'});
		expect(silent!.summary).toContain(`${zone(region.silent)} SOA via UDP ${nothingThere}: nothing at ${nothingThere} answers at all`);
		expect(silent!.summary).toContain('the Azure Stack Hub DNS server is down or the address is wrong, or a firewall drops everything to it');
		expect(silent!.summary).toContain('no reset from TCP 1');
		expect(silent!.evidence.some(record => record.secondLook === true)).toBe(true);

		// The host is there (it resets TCP 1) but DNS to it goes unanswered: a filter on the way.
		expect(filtered).toMatchObject({status: 'fail', owner: 'firewall-team'});
		expect(filtered!.summary).toContain(`${zone(region.filtered)} SOA via UDP ${ip.dnsDrop}: no answer on UDP 53, but the host accepts TCP 53 and resets TCP 1: UDP 53 is filtered on the way`);

		expect(noglue).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(noglue!.summary).toContain(`${zone(region.noglue)}: ${ip.parentDns} delegates to azs-ns01.${zone(region.noglue)}, azs-ns02.${zone(region.noglue)} inside the zone itself without glue addresses`);

		expect(single).toMatchObject({status: 'warn', owner: 'dns-team'});
		expect(single!.summary).toContain(`but not to ${ip.azsDns2}: one server failing takes the zone down`);

		expect(nocloudapp).toMatchObject({status: 'warn', owner: 'dns-team'});
		expect(nocloudapp!.summary).toContain(`${region.nocloudapp}.cloudapp.${labExternalDomain}: no delegation: ${ip.parentDns} says the zone does not exist (NXDOMAIN)`);
		expect(nocloudapp!.summary).toContain('(needed only if tenants use DNS name labels)');

		expect(refusingParent).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(refusingParent!.summary).toContain(`${zone(region.lame)}: ${ip.azsDns1} answers REFUSED for the zone's NS records: it does not host the parent zone, or refuses non-recursive queries from here`);

		expect(upward).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(upward!.summary).toContain(`${zone(region.good)}: ${ip.dnsUpward} does not serve the parent zone: it refers the query to the servers of . (the root)`);

		// A hostile referral is classified, never thrown: the parent's server sends broken replies.
		expect(badReferral).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(badReferral!.summary).toContain(`${zone(region.good)} NS via UDP ${ip.dnsBadReferral}: the reply contains a record whose data does not fit its stated length`);

		expect(forwarded).toMatchObject({status: 'pass'});
		expect(forwarded!.summary).toContain(`answered by ${ip.dns} without a referral (conditional forwarding, or a copy of the zone there) to ${ip.azsDns1}, ${ip.azsDns2}`);

		// Whatever the forwarder says, it is not a referral to the Azure Stack Hub DNS servers.
		expect(forwarder).toMatchObject({status: 'fail', owner: 'dns-team'});
		expect(forwarder!.evidence.some(record => record.role === 'forward')).toBe(true);
	}, 90_000);
});
