/** The variables through which tools pick up an explicit proxy (curl, PowerShell 7, Node, Python…). */
export const proxyVariables = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'];

export type ConfiguredProxy = {source: string; value: string};

/** Hides the password of `scheme://user:password@host` so evidence never carries credentials. */
export function redactProxy(value: string): string {
	return value.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** The explicit proxies an environment configures (non-empty values only), credentials redacted. Pure. */
export function findEnvProxies(env: Readonly<Record<string, string | undefined>>): ConfiguredProxy[] {
	return proxyVariables
		.filter(name => (env[name] ?? '').trim() !== '')
		.map(name => ({source: `environment ${name}`, value: redactProxy(env[name]!.trim())}));
}
