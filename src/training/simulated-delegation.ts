import type {DnsAnswer} from '../checks/dns/decode.js';
import type {DnsProbeOptions, DnsProbeRecord} from '../checks/probes/dns-probe.js';
import type {SiteDelegation} from './world.js';

/** The simulated SOA of a delegated zone, as its Azure Stack Hub DNS servers serve it. */
function soaOf(zone: string, delegation: SiteDelegation): string {
	return `${delegation.nameServers[0] ?? `azs-ns01.${zone}`} hostmaster.${zone} 1 900 600 86400 60`;
}

/**
What the healthy site's DNS answers about its delegated zones (NS and SOA queries): a parent-zone server
refers each zone to the Azure Stack Hub DNS servers, with glue; each of those answers the zone's SOA with
authority. The fields a real reply would give (`answerRecords`, `authority`, `additional`, AA, RA).
Undefined for any other question: the caller answers it as for any name.
*/
export function delegationReply(delegation: SiteDelegation, probe: Pick<DnsProbeOptions, 'server' | 'name' | 'type'>): (Partial<DnsProbeRecord> & {ok: boolean}) | undefined {
	const zone = delegation.zones.find(item => item === probe.name.toLowerCase().replace(/\.$/, ''));
	if (!zone || (probe.type !== 'NS' && probe.type !== 'SOA')) {
		return undefined;
	}

	const ns = (): DnsAnswer[] => delegation.nameServers.map(data => ({name: zone, type: 'NS', ttl: 3600, data}));
	const glue = (): DnsAnswer[] => delegation.nameServers.map((name, index) => ({name, type: 'A', ttl: 3600, data: delegation.delegatedServers[index]!}));
	const soa: DnsAnswer = {name: zone, type: 'SOA', ttl: 60, data: soaOf(zone, delegation)};
	if (delegation.delegatedServers.includes(probe.server)) {
		const answer = probe.type === 'SOA' ? [soa] : ns();
		return {ok: true, rcode: 'NOERROR', aa: true, ra: false, answers: answer.map(item => `${item.name} ${item.type} ${item.data}`), addresses: answer.map(item => item.data), answerRecords: answer, authority: [], additional: probe.type === 'NS' ? glue() : [], replyBytes: 120};
	}

	if (delegation.parentServers.has(probe.server)) {
		return probe.type === 'NS'
			? {ok: false, errorCode: 'NODATA', rcode: 'NOERROR', aa: false, ra: true, answers: [], addresses: [], answerRecords: [], authority: ns(), additional: glue(), replyBytes: 140}
			: {ok: true, rcode: 'NOERROR', aa: false, ra: true, answers: [`${zone} SOA ${soa.data}`], addresses: [soa.data], answerRecords: [soa], authority: [], additional: [], replyBytes: 100};
	}

	return undefined;
}
