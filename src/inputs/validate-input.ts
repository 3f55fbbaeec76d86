import type {InputStep} from '../runbook/schema.js';
import type {InputValue} from '../engine/state.js';
import {controlCharacterProblem} from '../text/escape-controls.js';
import {hostAddressProblem, inputLabel} from './host-address.js';
import {cidrsOverlap, parseCidr, parseIpv4, type Cidr} from './ipv4.js';

export type InputVerdict =
	| {ok: true; value: InputValue; warnings: string[]}
	| {ok: false; reason: string};

/** Other inputs' current values, for rules that compare (no overlapping networks). */
export type OtherInputs = Record<string, InputValue | undefined>;

const fqdnPattern = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/i;

/** Splits typed or pasted list input on commas, whitespace or new lines. */
export function splitList(text: string): string[] {
	return text.split(/[\s,;]+/).map(item => item.trim()).filter(item => item.length > 0);
}

/**
Validates one input value against its step's type and rules, with the reasons an operator needs.
The same function serves `set`, the TUI (as you type) and answer-file import.
*/
export function validateInput(step: InputStep, raw: InputValue, others: OtherInputs = {}): InputVerdict {
	const label = step.title;
	const rules = step.rules ?? {};
	const warnings: string[] = [];
	const items = Array.isArray(raw) ? raw.map(item => item.trim()).filter(Boolean) : undefined;
	const text = Array.isArray(raw) ? raw.join(',') : raw.trim();

	switch (step.type) {
		case 'ipv4': {
			const address = parseIpv4(text);
			if (address === undefined) {
				return {ok: false, reason: `${label} must be one IPv4 address (e.g. 10.0.0.53), not "${text}"`};
			}

			const problem = hostAddressProblem(text, address, rules, others);
			return problem ? {ok: false, reason: `${label}: ${problem}`} : {ok: true, value: text, warnings};
		}

		case 'ipv4-or-fqdn': {
			const parts = splitList(text);
			if (parts.length !== 1) {
				return {ok: false, reason: `${label} must be exactly one address; ${parts.length === 0 ? 'none was given' : `${parts.length} were given`}`};
			}

			const address = parseIpv4(text);
			if (address !== undefined) {
				const problem = hostAddressProblem(text, address, rules, others);
				return problem ? {ok: false, reason: `${label}: ${problem}`} : {ok: true, value: text, warnings};
			}

			if (fqdnPattern.test(text) && !/^[\d.]+$/.test(text)) {
				warnings.push(rules.fqdnWarning ?? `${text} is a name, not an IPv4 address: every switch must be able to resolve it`);
				return {ok: true, value: text.toLowerCase(), warnings};
			}

			return {ok: false, reason: `${label} must be one IPv4 address (e.g. 10.0.0.123), not "${text}"`};
		}

		case 'ipv4-list': {
			const list = items ?? splitList(text);
			const bad = list.find(item => parseIpv4(item) === undefined);
			if (bad !== undefined) {
				return {ok: false, reason: `${label}: "${bad}" is not an IPv4 address`};
			}

			for (const item of list) {
				const problem = hostAddressProblem(item, parseIpv4(item)!, rules, others);
				if (problem) {
					return {ok: false, reason: `${label}: ${problem}`};
				}
			}

			const duplicate = list.find((item, index) => list.indexOf(item) !== index);
			if (duplicate !== undefined) {
				return {ok: false, reason: `${label}: ${duplicate} is listed twice`};
			}

			return checkCount(label, list, rules, warnings);
		}

		case 'cidr': {
			const parsed = parseCidr(text);
			if (!parsed.ok) {
				return {ok: false, reason: `${label}: ${parsed.reason}`};
			}

			const sized = checkPrefix(label, parsed.cidr, rules, warnings);
			if (sized) {
				return sized;
			}

			const overlap = findOverlap([parsed.cidr], rules.noOverlapWith ?? [], others);
			return overlap ? {ok: false, reason: `${label}: ${overlap}`} : {ok: true, value: text, warnings};
		}

		case 'cidr-list': {
			const list = items ?? splitList(text);
			const cidrs: Cidr[] = [];
			for (const item of list) {
				const parsed = parseCidr(item);
				if (!parsed.ok) {
					return {ok: false, reason: `${label}: ${parsed.reason}`};
				}

				for (const earlier of cidrs) {
					if (cidrsOverlap(earlier, parsed.cidr)) {
						return {ok: false, reason: `${label}: ${item} overlaps ${earlier.text}`};
					}
				}

				cidrs.push(parsed.cidr);
			}

			const overlap = findOverlap(cidrs, rules.noOverlapWith ?? [], others);
			if (overlap) {
				return {ok: false, reason: `${label}: ${overlap}`};
			}

			return checkCount(label, list, rules, warnings);
		}

		case 'fqdn': {
			if (!fqdnPattern.test(text)) {
				return {ok: false, reason: `${label} must be a domain name such as cloud.fabrikam.com, not "${text}"`};
			}

			return {ok: true, value: text.toLowerCase(), warnings};
		}

		case 'region': {
			if (!/^[a-z0-9]+$/i.test(text)) {
				return {ok: false, reason: `${label} may contain letters and digits only (it becomes part of every endpoint name), not "${text}"`};
			}

			return {ok: true, value: text.toLowerCase(), warnings};
		}

		case 'enum': {
			const options = rules.options ?? [];
			const match = options.find(option => option.toLowerCase() === text.toLowerCase());
			if (!match) {
				return {ok: false, reason: `${label} must be one of ${options.join(', ')}, not "${text}"`};
			}

			return {ok: true, value: match, warnings};
		}

		case 'text': {
			if (text.length === 0) {
				return {ok: false, reason: `${label} must not be empty`};
			}

			// Free text is the one type no format rule constrains: an ESC or CR would be recorded and replayed to every reader.
			const control = controlCharacterProblem(label, text);
			if (control) {
				return {ok: false, reason: control};
			}

			if (rules.pattern && !new RegExp(rules.pattern, 'u').test(text)) {
				return {ok: false, reason: `${label}: ${rules.patternMessage ?? `must match ${rules.pattern}`}`};
			}

			return {ok: true, value: text, warnings};
		}
	}
}

function checkCount(label: string, list: string[], rules: NonNullable<InputStep['rules']>, warnings: string[]): InputVerdict {
	if (list.length === 0 && rules.warnWhenEmpty) {
		return {ok: true, value: list, warnings: [...warnings, rules.warnWhenEmpty]};
	}

	const minimum = rules.minItems ?? 1;
	if (list.length < minimum) {
		return {ok: false, reason: `${label} needs at least ${minimum} ${minimum === 1 ? 'entry' : 'entries'}`};
	}

	if (rules.warnBelow !== undefined && list.length < rules.warnBelow) {
		warnings.push(`only ${list.length} given; ${rules.warnBelow} are recommended for fault tolerance`);
	}

	return {ok: true, value: list, warnings};
}

function checkPrefix(label: string, cidr: Cidr, rules: NonNullable<InputStep['rules']>, warnings: string[]): InputVerdict | undefined {
	const {prefixMin, prefixMax, prefixRecommended} = rules;
	// Each bound applies on its own: a rule with only prefixMin (or only prefixMax) still refuses.
	const min = prefixMin ?? 0;
	const max = prefixMax ?? 32;
	if (cidr.prefix < min || cidr.prefix > max) {
		if (min === max) {
			return {ok: false, reason: `${label} must be a /${min}, not a /${cidr.prefix}`};
		}

		return prefixMin !== undefined && prefixMax !== undefined
			? {ok: false, reason: `${label} must be between /${prefixMin} and /${prefixMax}, not a /${cidr.prefix}`}
			: cidr.prefix < min
				? {ok: false, reason: `${label} must be a /${min} or smaller, not a /${cidr.prefix}`}
				: {ok: false, reason: `${label} must be a /${max} or larger, not a /${cidr.prefix}`};
	}

	if (prefixRecommended !== undefined && cidr.prefix !== prefixRecommended) {
		warnings.push(`a /${prefixRecommended} is recommended; /${cidr.prefix} given`);
	}

	return undefined;
}

function findOverlap(cidrs: Cidr[], otherNames: string[], others: OtherInputs): string | undefined {
	for (const name of otherNames) {
		const other = others[name];
		if (other === undefined) {
			continue;
		}

		for (const text of Array.isArray(other) ? other : [other]) {
			const parsed = parseCidr(text);
			if (!parsed.ok) {
				continue;
			}

			const clash = cidrs.find(cidr => cidrsOverlap(cidr, parsed.cidr));
			if (clash) {
				return `${clash.text} overlaps ${inputLabel(name)} ${text}`;
			}
		}
	}

	return undefined;
}
