/** The variables through which tools pick up an explicit proxy (curl, PowerShell 7, Node, Python…). */
export const proxyVariables = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'];

export type ConfiguredProxy = {source: string; value: string};

/** Hides the password of `scheme://user:password@host` so evidence never carries credentials. */
export function redactProxy(value: string): string {
	return value.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
The explicit proxies an environment configures (non-empty values only), credentials redacted. Pure.
On Windows variable names are case-insensitive: `HTTP_PROXY` and `http_proxy` are one variable
(process.env answers both), so each name is reported once, as the environment spells it.
*/
export function findEnvProxies(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): ConfiguredProxy[] {
	const names = platform === 'win32' ? windowsNames(env) : proxyVariables;
	return names
		.filter(name => (env[name] ?? '').trim() !== '')
		.map(name => ({source: `environment ${name}`, value: redactProxy(env[name]!.trim())}));
}

/** The proxy variables as the Windows environment spells them, one per name whatever its case. */
function windowsNames(env: Readonly<Record<string, string | undefined>>): string[] {
	const spelled = new Map<string, string>();
	for (const name of Object.keys(env)) {
		const upper = name.toUpperCase();
		if (proxyVariables.includes(upper) && !spelled.has(upper)) {
			spelled.set(upper, name);
		}
	}

	return [...new Set(proxyVariables.map(name => name.toUpperCase()))].flatMap(upper => (spelled.has(upper) ? [spelled.get(upper)!] : []));
}
