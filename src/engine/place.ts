import type {CheckResult} from '../checks/types.js';
import {cidrContains, parseCidr, parseIpv4} from '../inputs/ipv4.js';
import type {Runbook, VantageName} from '../runbook/schema.js';
import {locateStep} from './runbook-index.js';
import type {Session} from './state.js';

/** How the vantages read in a sentence. */
export const vantageLabels: Record<VantageName, string> = {
	dvm: 'the DVM',
	hlh: 'the HLH',
	workstation: 'a workstation in a permitted network',
	'public-vip': 'a Public VIP address',
};

/** Where a step must run: its own vantage, else its phase's; undefined when the runbook does not say. */
export function requiredVantage(runbook: Runbook, stepId: string): VantageName | undefined {
	const location = locateStep(runbook, stepId);
	if (!location) {
		return undefined;
	}

	const {step, phase} = location;
	const own = step.kind === 'check' || step.kind === 'command' ? step.vantage : undefined;
	return own ?? phase.vantage;
}

/** The session's values (addresses or networks) that identify one vantage. */
export function vantageValues(runbook: Runbook, session: Session, vantage: VantageName): string[] {
	return (runbook.vantageInputs?.[vantage] ?? []).flatMap(name => {
		const value = session.inputs[name]?.value;
		return value === undefined ? [] : Array.isArray(value) ? value : [value];
	});
}

function matches(values: readonly string[], address: number): boolean {
	return values.some(value => {
		const exact = parseIpv4(value);
		if (exact !== undefined) {
			return exact === address;
		}

		const cidr = parseCidr(value);
		return cidr.ok && cidrContains(cidr.cidr, address);
	});
}

/** Exact addresses first: the DVM and the HLH sit inside the BMC network, a workstation anywhere. */
const precedence: readonly VantageName[] = ['dvm', 'hlh', 'public-vip', 'workstation'];

/** Which vantage the local addresses belong to, by the session's inputs; undefined when none matches. */
export function vantageOfAddresses(runbook: Runbook, session: Session, addresses: readonly string[]): VantageName | undefined {
	for (const vantage of precedence) {
		const values = vantageValues(runbook, session, vantage);
		if (addresses.some(text => {
			const address = parseIpv4(text);
			return address !== undefined && matches(values, address);
		})) {
			return vantage;
		}
	}

	return undefined;
}

export type PlaceVerdict =
	| {place: 'right'; at: VantageName}
	| {place: 'wrong'; at: VantageName | undefined; required: VantageName; expected: string[]}
	| {place: 'unknown'};

/**
Whether a result was measured where its step must run, judged from the source addresses its
sockets used against the session's inputs. DVM, HLH and Public VIP are identities: an address that
is not theirs is the wrong place. A workstation is any other datacenter host: it is the wrong place
only when the address is recognisably the DVM, the HLH or a Public VIP (the permitted networks
confirm a workstation but do not exclude others). Without addresses or without the inputs that
identify the vantage, the place is unknown and the result stands as measured.
*/
export function judgePlace(runbook: Runbook, session: Session, required: VantageName, addresses: readonly string[]): PlaceVerdict {
	if (addresses.length === 0) {
		return {place: 'unknown'};
	}

	const at = vantageOfAddresses(runbook, session, addresses);
	if (at === required) {
		return {place: 'right', at};
	}

	const expected = vantageValues(runbook, session, required);
	if (required === 'workstation') {
		return at === undefined ? {place: 'unknown'} : {place: 'wrong', at, required, expected};
	}

	if (expected.length === 0) {
		return {place: 'unknown'};
	}

	return {place: 'wrong', at, required, expected};
}

/**
The result of a check measured from the wrong place: not a finding about the network, so no team
but the operator is named, no rule is suggested, and the measured verdict is kept only as a status
(its words would name the wrong source, e.g. "deny TCP 443 from" the DVM).
*/
export function wrongPlaceResult(result: CheckResult, verdict: Extract<PlaceVerdict, {place: 'wrong'}>): CheckResult {
	const addresses = result.vantage.localAddresses.join(', ');
	const ranAt = verdict.at ? `${vantageLabels[verdict.at]} (${addresses})` : `${addresses}, which is not ${vantageLabels[verdict.required]}`;
	const where = `${vantageLabels[verdict.required]}${verdict.expected.length > 0 ? ` (${verdict.expected.join(', ')})` : ''}`;
	return {
		...result,
		status: 'fail',
		summary: `measured from the wrong place: ran on ${ranAt}; this step must run on ${where}. Not a finding about the network.`,
		remediation: `Run this step again on ${where}.`,
		owner: 'operator',
		vantage: {...result.vantage, ...(verdict.at ? {name: verdict.at} : {})},
		wrongPlace: {required: verdict.required, ...(verdict.at ? {at: verdict.at} : {}), measuredStatus: result.status},
	};
}

/** Labels a result with where it was measured, or turns it into a wrong-place result. */
export function placeResult(runbook: Runbook, session: Session, stepId: string, result: CheckResult): CheckResult {
	const required = requiredVantage(runbook, stepId);
	// A stopped run proves nothing anywhere; an error from the wrong place would still name a team (DNS) for the wrong host.
	if (!required || result.status === 'skipped') {
		return result;
	}

	const verdict = judgePlace(runbook, session, required, result.vantage.localAddresses);
	if (verdict.place === 'wrong') {
		return wrongPlaceResult(result, verdict);
	}

	return verdict.place === 'right' ? {...result, vantage: {...result.vantage, name: verdict.at}} : result;
}
