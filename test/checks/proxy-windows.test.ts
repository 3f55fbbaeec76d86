import {describe, expect, it} from 'vitest';
import {findEnvProxies} from '../../src/checks/proxy/env-proxy.js';
import {parseWinHttpRegistry, readWinHttpProxy, winHttpRegistryKey, type RunProgram} from '../../src/checks/proxy/netsh.js';
import {proxyNone} from '../../src/checks/proxy-none.js';
import {realProbes} from '../../src/checks/probes/real-probes.js';
import type {CheckContext} from '../../src/checks/types.js';

/*
Windows behaviour stubbed where Linux cannot show it: netsh speaking another language or missing,
the WinHttpSettings registry value read instead, and an environment whose names are case-insensitive.
*/

/** The WINHTTP proxy blob as `reg query` prints it: size, counter, flags, proxy, bypass (little-endian). */
function registryOutput(flags: number, proxy: string, bypass = ''): string {
	const dword = (value: number) => {
		const buffer = Buffer.alloc(4);
		buffer.writeUInt32LE(value);
		return buffer;
	};

	const blob = Buffer.concat([dword(0x18), dword(7), dword(flags), dword(proxy.length), Buffer.from(proxy, 'latin1'), dword(bypass.length), Buffer.from(bypass, 'latin1')]);
	return `\r\n${winHttpRegistryKey}\r\n    WinHttpSettings    REG_BINARY    ${blob.toString('hex').toUpperCase()}\r\n\r\n`;
}

// German Windows: netsh answers in German, the registry output is the same everywhere.
const netshGerman = '\r\nAktuelle WinHTTP-Proxyeinstellungen:\r\n\r\n    Direkter Zugriff (kein Proxyserver).\r\n\r\n';

function stub(outputs: Record<string, string | Error>): {run: RunProgram; calls: string[][]} {
	const calls: string[][] = [];
	return {
		calls,
		async run(file, args) {
			calls.push([file, ...args]);
			const output = outputs[file];
			if (output instanceof Error) {
				throw output;
			}

			return output ?? '';
		},
	};
}

const signal = new AbortController().signal;

describe('WinHTTP proxy on Windows', () => {
	it('reads the registry when netsh speaks another language, with argument arrays', async () => {
		const {run, calls} = stub({netsh: netshGerman, reg: registryOutput(3, 'proxy.contoso.example:8080', '<local>')});
		expect(await readWinHttpProxy(signal, 1000, run)).toEqual({direct: false, server: 'proxy.contoso.example:8080', bypass: '<local>', from: 'registry WinHttpSettings'});
		expect(calls).toEqual([['netsh', 'winhttp', 'show', 'proxy'], ['reg', 'query', winHttpRegistryKey, '/v', 'WinHttpSettings']]);
	});

	it('reads direct access from the registry when netsh is missing', async () => {
		const {run} = stub({netsh: Object.assign(new Error('spawn netsh ENOENT'), {code: 'ENOENT'}), reg: registryOutput(1, '')});
		expect(await readWinHttpProxy(signal, 1000, run)).toEqual({direct: true, from: 'registry WinHttpSettings'});
	});

	it('never reads a blob it cannot parse as "direct"', () => {
		expect(parseWinHttpRegistry(`    WinHttpSettings    REG_BINARY    1800000000000000030000`)).toMatchObject({unknown: expect.stringContaining('too short')});
		expect(parseWinHttpRegistry(`    WinHttpSettings    REG_BINARY    18000000000000000300000040000000414243`)).toMatchObject({unknown: expect.stringContaining('beyond its end')});
		expect(parseWinHttpRegistry('FEHLER: Der angegebene Registrierungsschlüssel wurde nicht gefunden.')).toMatchObject({unknown: expect.any(String)});
	});

	it('makes an unreadable setting a warning in proxy.none, not a pass', async () => {
		const {run} = stub({netsh: netshGerman, reg: 'FEHLER: Zugriff verweigert.'});
		const context: CheckContext = {
			signal, timeoutMs: 1000, dnsServers: [], extraCaPem: [],
			probes: {...realProbes, environment: () => ({}), winHttpProxy: async (abort, timeoutMs) => readWinHttpProxy(abort, timeoutMs, run)},
		};
		const result = await proxyNone.run(proxyNone.params.parse({winHttp: true}), context);
		expect(result).toMatchObject({status: 'warn', owner: 'operator'});
		expect(result.summary).toContain('the WinHTTP proxy setting could not be read (netsh: Aktuelle WinHTTP-Proxyeinstellungen:; registry: WinHttpSettings not found in the registry output)');
	});

	it('reports HTTP_PROXY once where variable names are case-insensitive', () => {
		// process.env on Windows: one variable, found by any spelling of its name.
		const values: Record<string, string> = {HTTP_PROXY: 'http://proxy.contoso.example:8080', Path: 'C:\\Windows'};
		const windowsEnv = new Proxy(values, {
			get: (target, name) => (typeof name === 'string' ? Object.entries(target).find(([key]) => key.toUpperCase() === name.toUpperCase())?.[1] : undefined),
		});
		expect(findEnvProxies(windowsEnv, 'win32')).toEqual([{source: 'environment HTTP_PROXY', value: 'http://proxy.contoso.example:8080'}]);
		// The same environment read with POSIX rules shows the double report the Windows rule prevents.
		expect(findEnvProxies(windowsEnv, 'linux')).toHaveLength(2);
	});
});
