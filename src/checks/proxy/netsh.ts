export type WinHttpProxy = {direct: true} | {direct: false; server: string; bypass?: string} | {unknown: string};

/**
Parses `netsh winhttp show proxy` (English output):
"Direct access (no proxy server)." means no proxy; otherwise "Proxy Server(s) : host:port" and
"Bypass List : …". Anything else (another UI language, an error) is `unknown`. Pure.
*/
export function parseNetshWinHttp(text: string): WinHttpProxy {
	if (/Direct access \(no proxy server\)/i.test(text)) {
		return {direct: true};
	}

	const server = /Proxy Server\(s\)\s*:\s*(.+)/i.exec(text)?.[1]?.trim();
	if (server) {
		const bypass = /Bypass List\s*:\s*(.+)/i.exec(text)?.[1]?.trim();
		return {direct: false, server, ...(bypass && bypass !== '(none)' ? {bypass} : {})};
	}

	return {unknown: text.trim().split(/\r?\n/).find(line => line.trim() !== '')?.trim() ?? 'no output'};
}

/** Runs `netsh winhttp show proxy` (argv array, no shell) and parses it. Windows only. */
export async function readWinHttpProxy(signal: AbortSignal, timeoutMs: number): Promise<WinHttpProxy> {
	try {
		// Loaded on use: only Windows needs it, and the check registry stays loadable from CommonJS.
		const {execa} = await import('execa');
		const result = await execa('netsh', ['winhttp', 'show', 'proxy'], {timeout: timeoutMs, cancelSignal: signal, reject: false});
		return parseNetshWinHttp(String(result.stdout));
	} catch (error) {
		return {unknown: (error as Error).message};
	}
}
