import {formatIpv4, parseCidr} from '../inputs/ipv4.js';
import type {InputValues} from './conditions.js';
import type {Step} from './schema.js';

/*
Site values in a step's text: `{$input: name}` becomes the input's value, and `{$first/27: name}` or
`{$last/27: name}` the first or last /27 (any prefix) of a network input, so the screen says "allow
10.50.4.0/27", not "the first /27". A value not entered yet shows as a placeholder that names it.
*/

const tokenPattern = /\{\$([a-z]+)(?:\/(\d{1,2}))?:\s*([^}\s]*)\s*\}/g;

export type SiteToken = {text: string; kind: string; prefix?: number; name: string};

/** The `{$…}` tokens in a text, in order, whether valid or not (the loader judges them). */
export function siteTokens(text: string): SiteToken[] {
	return [...text.matchAll(tokenPattern)].map(match => ({
		text: match[0],
		kind: match[1]!,
		...(match[2] === undefined ? {} : {prefix: Number(match[2])}),
		name: match[3]!,
	}));
}

/** `{first: true}` is the first subnet of that prefix, otherwise the last; undefined when the network is not one or is smaller. */
export function subnetOf(network: string, prefix: number, first: boolean): string | undefined {
	const parsed = parseCidr(network.trim());
	if (!parsed.ok || prefix < parsed.cidr.prefix || prefix > 32) {
		return undefined;
	}

	const start = first ? parsed.cidr.network : parsed.cidr.network + (2 ** (32 - parsed.cidr.prefix)) - (2 ** (32 - prefix));
	return `${formatIpv4(start)}/${prefix}`;
}

const listed = (value: string | readonly string[]): string => (typeof value === 'string' ? value : value.join(', '));

function renderToken(token: SiteToken, values: InputValues): string {
	const value = values[token.name];
	if (token.kind === 'input') {
		return value === undefined || (typeof value !== 'string' && value.length === 0) ? `‹${token.name}›` : listed(value);
	}

	const where = token.kind === 'first' ? 'first' : 'last';
	const placeholder = `‹the ${where} /${token.prefix ?? '?'} of ${token.name}›`;
	if (typeof value !== 'string' || token.prefix === undefined) {
		return placeholder;
	}

	return subnetOf(value, token.prefix, token.kind === 'first') ?? placeholder;
}

/** The text with every site token replaced by the session's value or a placeholder naming the input. */
export function renderSiteText(text: string, values: InputValues): string {
	return text.replaceAll(tokenPattern, (...match: string[]) => {
		const [whole] = match;
		const token = siteTokens(whole!)[0];
		return token && ['input', 'first', 'last'].includes(token.kind) ? renderToken(token, values) : whole!;
	});
}

/** The step with its readable text (title, body, why, on-failure, attestation, hints) carrying the site's values. */
export function siteStep<S extends Step>(step: S, values: InputValues): S {
	const render = (text: string) => renderSiteText(text, values);
	return {
		...step,
		title: render(step.title),
		body: render(step.body),
		...(step.why === undefined ? {} : {why: render(step.why)}),
		...(step.onFailure === undefined ? {} : {onFailure: render(step.onFailure)}),
		...(step.hints === undefined ? {} : {hints: step.hints.map(render)}),
		...(step.kind === 'confirm' ? {attestation: render(step.attestation)} : {}),
	};
}
