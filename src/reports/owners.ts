import type {FixOwner} from '../checks/types.js';
import type {Step} from '../runbook/schema.js';
import type {StepRecord} from '../engine/state.js';

/** Fix owners as a customer reads them. */
export const ownerLabels: Record<FixOwner, string> = {
	'dns-team': 'DNS team',
	'firewall-team': 'firewall team',
	'proxy-security-team': 'proxy and security team',
	'network-team': 'network team',
	oem: 'OEM',
	customer: 'customer',
	operator: 'field engineer',
};

/**
Who must act for a step to be satisfied: the check's fix owner when it failed and named one,
otherwise the field engineer (enter, attest, acknowledge, run or re-run).
*/
export function ownerOf(step: Step, record: StepRecord | undefined): string {
	const owner = record?.result?.owner;
	const failing = record?.state === 'failed' || record?.state === 'error';
	if (failing && owner) {
		return ownerLabels[owner];
	}

	return ownerLabels.operator;
}
