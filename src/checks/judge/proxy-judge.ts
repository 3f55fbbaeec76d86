import type {ConfiguredProxy} from '../proxy/env-proxy.js';
import type {Judgement} from './verdict.js';

/** What points to a transparent proxy: collected by the check from its own probe and other checks' evidence. */
export type TransparentEvidence = {
	/** `host:port` of an unlikely port that nonetheless accepted a connection. */
	unlikelyPortOpen?: string;
	/** Proxy headers seen in HTTP answers (`via: …`). */
	proxyHeaders: string[];
	/** Issuers of certificates that did not verify: an intercepting proxy's CA. */
	interceptionIssuers: string[];
};

/**
Verdict for `proxy.none`. Pure. An explicit proxy fails (Azure Stack Hub has no proxy support);
TLS interception fails; other signs of a transparent proxy warn, since a transparent proxy that does
not intercept TLS is supported.
*/
export function judgeProxy(configured: readonly ConfiguredProxy[], transparent: TransparentEvidence, checked: readonly string[]): Judgement {
	if (configured.length > 0) {
		const list = configured.map(proxy => `${proxy.source} = ${proxy.value}`).join('; ');
		return {
			status: 'fail',
			summary: `an explicit proxy is configured: ${list}`,
			remediation: `Remove the proxy setting (${configured.map(proxy => proxy.source).join(', ')}) on this host. Azure Stack Hub does not support an explicit proxy: egress must be direct through NAT or a transparent proxy; ask the proxy/security team for that if direct egress is blocked.`,
			owner: 'operator',
		};
	}

	if (transparent.interceptionIssuers.length > 0) {
		const issuers = [...new Set(transparent.interceptionIssuers)].join(', ');
		return {
			status: 'fail',
			summary: `a transparent proxy intercepts TLS (certificates issued by ${issuers})`,
			remediation: `Exempt the Azure Stack Hub endpoints from TLS inspection (issuing CA: ${issuers}); TLS interception is not supported.`,
			owner: 'proxy-security-team',
		};
	}

	const signs = [
		...(transparent.unlikelyPortOpen ? [`${transparent.unlikelyPortOpen} accepted a connection (something answers on every port)`] : []),
		...[...new Set(transparent.proxyHeaders)].map(header => `HTTP answers carry "${header}"`),
	];
	if (signs.length > 0) {
		return {
			status: 'warn',
			summary: `no explicit proxy, but a transparent proxy is in the path: ${signs.join('; ')}`,
			remediation: 'A transparent proxy is supported only without TLS interception and authentication: confirm both with the proxy/security team.',
			owner: 'proxy-security-team',
		};
	}

	return {status: 'pass', summary: `no explicit proxy configured (checked ${checked.join(', ')})`};
}
