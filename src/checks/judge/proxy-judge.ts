import type {ProxyDiagnosis, ProxyTry} from '../proxy/diagnose-proxy.js';
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
export function judgeProxy(configured: readonly ConfiguredProxy[], transparent: TransparentEvidence, checked: readonly string[], diagnosis?: ProxyDiagnosis, unreadable: readonly string[] = []): Judgement {
	if (configured.length > 0) {
		return judgeExplicitProxy(configured, diagnosis);
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

	if (unreadable.length > 0) {
		// A setting that could not be read is not a setting that is absent.
		return {
			status: 'warn',
			summary: `no explicit proxy found, but ${unreadable.join('; ')}`,
			remediation: 'Read the WinHTTP proxy by hand (netsh winhttp show proxy, or reg query "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections" /v WinHttpSettings) and reset it (netsh winhttp reset proxy) if one is set.',
			owner: 'operator',
		};
	}

	return {status: 'pass', summary: `no explicit proxy configured (checked ${checked.join(', ')})`};
}

/** What the proxy said to CONNECT, in words: "407 Proxy Authentication Required (asks for Negotiate, NTLM, Basic; via …)". */
function describeProxyAnswer(answer: ProxyTry): string {
	if (answer.failure) {
		return `${answer.proxy}: ${answer.failure}`;
	}

	const details = [
		...(answer.schemes.length > 0 ? [`asks for ${answer.schemes.join(', ')}`] : []),
		...(answer.via ? [`via ${answer.via}`] : []),
	];
	return `${answer.proxy} answered CONNECT ${answer.target} with ${answer.status ?? '?'} ${answer.reason ?? ''}`.trimEnd() + (details.length > 0 ? ` (${details.join('; ')})` : '');
}

/**
An explicit proxy is always a failure. With the second look (each endpoint directly and through the
proxy) the remediation is exact: direct egress works → the operator removes the setting; direct
egress fails → the site needs NAT or a transparent proxy (proxy/security team).
*/
function judgeExplicitProxy(configured: readonly ConfiguredProxy[], diagnosis: ProxyDiagnosis | undefined): Judgement {
	const list = configured.map(proxy => `${proxy.source} = ${proxy.value}`).join('; ');
	const settings = configured.map(proxy => proxy.source).join(', ');
	const head = `an explicit proxy is configured: ${list}`;
	if (!diagnosis || diagnosis.direct.length === 0) {
		return {
			status: 'fail',
			summary: head,
			remediation: `Remove the proxy setting (${settings}) on this host. Azure Stack Hub does not support an explicit proxy: egress must be direct through NAT or a transparent proxy; ask the proxy/security team for that if direct egress is blocked.`,
			owner: 'operator',
		};
	}

	const answers = [...new Set(diagnosis.viaProxy.map(answer => describeProxyAnswer(answer)))];
	const blockedDirect = diagnosis.direct.filter(attempt => !attempt.ok);
	const proxyPart = answers.length > 0 ? `; through it: ${answers.join('; ')}` : '';
	if (blockedDirect.length === 0) {
		return {
			status: 'fail',
			summary: `${head}${proxyPart}; direct egress works (${diagnosis.direct.map(attempt => attempt.target).join(', ')})`,
			remediation: `Remove the proxy setting (${settings}) on this host: the endpoints answer directly, and Azure Stack Hub supports no explicit proxy (netsh winhttp reset proxy; unset the variable).`,
			owner: 'operator',
		};
	}

	return {
		status: 'fail',
		summary: `${head}${proxyPart}; direct egress fails: ${blockedDirect.map(attempt => attempt.summary).join('; ')}`,
		remediation: `The site needs NAT or a transparent proxy (no authentication, no TLS interception) for this host and, after deployment, the Public VIP /27: Azure Stack Hub cannot use the explicit proxy, and without it ${blockedDirect.map(attempt => attempt.target).join(', ')} cannot be reached. Then remove the proxy setting (${settings}).`,
		owner: 'proxy-security-team',
	};
}
