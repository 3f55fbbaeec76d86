/** The machine-wide WinHTTP proxy: direct, a proxy (and where it was read), or unknown and why. */
export type WinHttpProxy = {direct: true; from?: string} | {direct: false; server: string; bypass?: string; from?: string} | {unknown: string};

/** Where WinHTTP keeps its setting: a REG_BINARY value read by `reg query`. */
export const winHttpRegistryKey = 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections';
export const winHttpRegistryValue = 'WinHttpSettings';

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

/**
Parses `reg query <key> /v WinHttpSettings`, whose output does not depend on the UI language: the
REG_BINARY value is the WINHTTP proxy blob — DWORD size (0x18), DWORD counter, DWORD flags (bit 2:
a proxy is set), DWORD length + proxy list, DWORD length + bypass list, all little-endian. Anything
that does not read that way is `unknown`, never "direct". Pure.
*/
export function parseWinHttpRegistry(text: string): WinHttpProxy {
	const hex = /WinHttpSettings\s+REG_BINARY\s+([\da-f]*)/i.exec(text)?.[1];
	if (hex === undefined) {
		return {unknown: `${winHttpRegistryValue} not found in the registry output`};
	}

	const bytes = Buffer.from(hex.length % 2 === 0 ? hex : '', 'hex');
	if (bytes.length < 16) {
		return {unknown: `${winHttpRegistryValue} is ${bytes.length} bytes, too short to read`};
	}

	const flags = bytes.readUInt32LE(8);
	const readString = (offset: number): {text: string; next: number} | undefined => {
		if (offset + 4 > bytes.length) {
			return undefined;
		}

		const length = bytes.readUInt32LE(offset);
		const end = offset + 4 + length;
		return end > bytes.length ? undefined : {text: bytes.subarray(offset + 4, end).toString('latin1'), next: end};
	};

	const server = readString(12);
	if (!server) {
		return {unknown: `${winHttpRegistryValue} has a proxy length beyond its end`};
	}

	const from = 'registry WinHttpSettings';
	// Flag 0x2 (PROXY_TYPE_PROXY) with a server named means a proxy; 0x1 alone is direct access.
	if ((flags & 0x2) === 0 || server.text.trim() === '') {
		return {direct: true, from};
	}

	const bypass = readString(server.next)?.text.trim();
	return {direct: false, server: server.text.trim(), ...(bypass ? {bypass} : {}), from};
}

/** Runs a program with arguments (no shell) and gives its standard output; the seam tests stub. */
export type RunProgram = (file: string, args: readonly string[], options: {signal: AbortSignal; timeoutMs: number}) => Promise<string>;

const runWithExeca: RunProgram = async (file, args, {signal, timeoutMs}) => {
	// Loaded on use: only Windows needs it, and the check registry stays loadable from CommonJS.
	const {execa} = await import('execa');
	const result = await execa(file, [...args], {timeout: timeoutMs, cancelSignal: signal, reject: false});
	return String(result.stdout);
};

/**
Reads the WinHTTP proxy: `netsh winhttp show proxy` first; when its output cannot be read (another
UI language, netsh missing) the registry value itself through `reg query`. Both unreadable is
`unknown`, which the check reports as a warning, never as "no proxy". Windows only; never throws.
*/
export async function readWinHttpProxy(signal: AbortSignal, timeoutMs: number, run: RunProgram = runWithExeca): Promise<WinHttpProxy> {
	let netsh: WinHttpProxy;
	try {
		netsh = parseNetshWinHttp(await run('netsh', ['winhttp', 'show', 'proxy'], {signal, timeoutMs}));
	} catch (error) {
		netsh = {unknown: `netsh: ${(error as Error).message}`};
	}

	if (!('unknown' in netsh) || signal.aborted) {
		return netsh;
	}

	try {
		const registry = parseWinHttpRegistry(await run('reg', ['query', winHttpRegistryKey, '/v', winHttpRegistryValue], {signal, timeoutMs}));
		return 'unknown' in registry ? {unknown: `netsh: ${netsh.unknown}; registry: ${registry.unknown}`} : registry;
	} catch (error) {
		return {unknown: `netsh: ${netsh.unknown}; registry: ${(error as Error).message}`};
	}
}
