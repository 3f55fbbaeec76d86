import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import type {AddressInfo, Socket} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseHttpHead, proxyMarkers} from '../../src/checks/http/parse-head.js';
import {probeWeb} from '../../src/checks/probes/web-probe.js';
import {describeChain} from '../../src/checks/tls/certificate.js';
import {tlsNotIntercepted} from '../../src/checks/tls-not-intercepted.js';
import {checkContext} from '../checks/helpers.js';
import {random} from '../helpers/seeded-random.js';

/*
A hostile TLS peer: every field of its certificate is untrusted input. A certificate whose validity
date cannot be read ("Bad time value") once crashed the tool with RangeError: Invalid time value.
Here real TLS servers on loopback present malformed certificates (made with openssl, then edited
byte by byte), and the certificate and HTTP parsers are fed malformed values directly.
*/

let dir: string;
let key: string;
let der: Buffer;

function pem(body: Buffer): string {
	return `-----BEGIN CERTIFICATE-----\n${body.toString('base64').replaceAll(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
}

/** The DER certificate with its second UTCTime (notAfter) replaced by `value` (13 bytes). */
function withNotAfter(value: Buffer): Buffer {
	const copy = Buffer.from(der);
	const first = copy.indexOf(Buffer.from([0x17, 0x0D]));
	const second = copy.indexOf(Buffer.from([0x17, 0x0D]), first + 2);
	value.copy(copy, second + 2, 0, 13);
	return copy;
}

/** Serves `certificate` on loopback for one probe; undefined when OpenSSL refuses to load it. */
async function serve<T>(certificate: Buffer, work: (port: number) => Promise<T>): Promise<T | undefined> {
	let server: tls.Server;
	try {
		server = tls.createServer({key, cert: pem(certificate)}, socket => {
			socket.on('error', () => undefined);
			socket.end('HTTP/1.1 200 OK\r\n\r\n');
		});
	} catch {
		return undefined;
	}

	server.on('tlsClientError', () => undefined);
	// The server's side of a connection can outlive the probe's: close them, or server.close() waits.
	const sockets = new Set<Socket>();
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	try {
		return await work((server.address() as AddressInfo).port);
	} finally {
		for (const socket of sockets) {
			socket.destroy();
		}

		await new Promise(resolve => server.close(resolve));
	}
}

async function probe(port: number) {
	return probeWeb({address: '127.0.0.1', port, hostname: 'login.example', scheme: 'https', extraCaPem: [], timeoutMs: 3000, signal: new AbortController().signal, http: {method: 'HEAD', path: '/'}});
}

beforeAll(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'azs-hostile-tls-'));
	execFileSync('openssl', ['req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/CN=AAAAAAAAAAAA/O=Hostile'], {cwd: dir, stdio: 'ignore', timeout: 20_000});
	key = readFileSync(path.join(dir, 'k.pem'), 'utf8');
	der = Buffer.from(readFileSync(path.join(dir, 'c.pem'), 'utf8').replaceAll(/-----[^-]+-----|\s/g, ''), 'base64');
});

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('a certificate with an unreadable validity date', () => {
	it('is a finding naming the unreadable field, never a RangeError', async () => {
		const result = await serve(withNotAfter(Buffer.from('261399999999Z')), async port => {
			const context = checkContext({timeoutMs: 3000});
			return tlsNotIntercepted.run(tlsNotIntercepted.params.parse({endpoints: [{host: '127.0.0.1', ports: [port], protocol: 'https'}]}), context);
		});
		expect(result?.status).toBe('fail');
		expect(result?.summary).toContain('the certificate presented cannot be read (notAfter "Bad time value"');
		expect(result?.owner).toBe('proxy-security-team');
	});

	it('fuzz: malformed validity dates and byte flips over the certificate are classified, never thrown', async () => {
		const dates = ['261399999999Z', 'ZZZZZZZZZZZZZ', '000000000000Z', '991231235960Z', '2612301405361', '\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000', '-1-1-1-1-1-1Z', '26123014053+Z', '26123014\u001B[2JZ'];
		const cases: Buffer[] = dates.map(date => withNotAfter(Buffer.from(date, 'latin1')));
		const next = random(12);
		for (let index = 0; index < 120; index++) {
			const copy = Buffer.from(der);
			// Flip bytes inside the signed part (names, dates, extensions), not the outer lengths.
			for (let flip = 0; flip < 1 + Math.floor(next() * 3); flip++) {
				const at = 8 + Math.floor(next() * (copy.length - 90));
				copy[at] = Math.floor(next() * 256);
			}

			cases.push(copy);
		}

		const tally = {served: 0, refusedByOpenSsl: 0, handshake: 0, failedHandshake: 0, unreadable: 0};
		for (const certificate of cases) {
			const result = await serve(certificate, probe);
			if (!result) {
				tally.refusedByOpenSsl++;
				continue;
			}

			tally.served++;
			expect(result.tcp.ok).toBe(true);
			expect(result.tls).toBeDefined();
			if (result.tls?.handshake) {
				tally.handshake++;
				tally.unreadable += result.tls.unreadable ? 1 : 0;
			} else {
				tally.failedHandshake++;
				expect(result.tls?.errorCode).toBeTruthy();
			}
		}

		console.log(`hostile certificates: ${cases.length} cases, ${JSON.stringify(tally)}`);
		expect(tally.served).toBeGreaterThan(0);
		expect(tally.unreadable).toBeGreaterThanOrEqual(1);
	}, 120_000);

	it('a certificate subject carrying ESC is kept as data (escaped only at output)', async () => {
		const copy = Buffer.from(der);
		// Issuer and subject (self-signed): both names carry it.
		for (let at = copy.indexOf('AAAAAAAAAAAA'); at !== -1; at = copy.indexOf('AAAAAAAAAAAA', at)) {
			Buffer.from('\u001B]0;pwned\u0007AA', 'latin1').copy(copy, at);
		}

		const result = await serve(copy, probe);
		expect(result?.tls?.chain?.[0]?.subject).toContain('\u001B]0;pwned');
	});
});

describe('certificate and HTTP parsing fed malformed values', () => {
	it('describeChain classifies any field of any type', () => {
		const next = random(7);
		const values: unknown[] = [undefined, null, '', 'Bad time value', 42, Number.NaN, {}, [], ['a', 'b'], 'Nov 30 13:00:00 2026 GMT', '\u001B]0;x\u0007', 'x'.repeat(10_000), true, {toString: 'not a function'}];
		const pick = () => values[Math.floor(next() * values.length)];
		for (let index = 0; index < 2000; index++) {
			const cert: Record<string, unknown> = {subject: {CN: pick(), O: pick()}, issuer: next() < 0.1 ? pick() : {CN: pick()}, valid_from: pick(), valid_to: pick(), subjectaltname: pick(), fingerprint256: next() < 0.5 ? `fp${index}` : pick()};
			cert.issuerCertificate = next() < 0.3 ? cert : next() < 0.5 ? pick() : undefined;
			const chain = describeChain(cert as never);
			for (const info of chain) {
				expect(typeof info.subject).toBe('string');
				expect(info.validTo === undefined || !Number.isNaN(Date.parse(info.validTo))).toBe(true);
			}
		}
	});

	it('parseHttpHead: random bytes, floods and prototype names never throw or reach Object.prototype', () => {
		const next = random(3);
		for (let index = 0; index < 3000; index++) {
			const length = Math.floor(next() * 400);
			let text = 'HTTP/1.1 200 OK\r\n';
			for (let at = 0; at < length; at++) {
				text += next() < 0.1 ? '\r\n' : next() < 0.1 ? ':' : String.fromCodePoint(Math.floor(next() * 256));
			}

			const head = parseHttpHead(`${text}\r\n\r\n`);
			expect(head?.status).toBe(200);
			proxyMarkers(head!);
		}

		const head = parseHttpHead('HTTP/1.1 200 \u001B]0;pwned\u0007\r\nconstructor: x\r\n__proto__: y\r\ntoString: z\r\nVia: 1.1 squid\r\n\r\n')!;
		expect(head.headers.constructor).toBe('x');
		expect(head.headers.__proto__).toBe('y');
		expect(proxyMarkers(head)).toEqual(['via: 1.1 squid']);
		expect(head.reason).toBe('\u001B]0;pwned\u0007');
	});
});

describe('through the CLI: the step is recorded, never left running, and what the peer sent is escaped', () => {
	it('a malformed certificate and a hostile HTTP reply give failed steps and escaped reports', async () => {
		const {execa} = await import('execa');
		const net = await import('node:net');
		const {writeFileSync} = await import('node:fs');
		const {cliPath} = await import('../helpers/paths.js');
		// Subject with OSC, notAfter unreadable.
		const certificate = withNotAfter(Buffer.from('261399999999Z'));
		for (let at = certificate.indexOf('AAAAAAAAAAAA'); at !== -1; at = certificate.indexOf('AAAAAAAAAAAA', at)) {
			Buffer.from('\u001B]0;pwned\u0007AA', 'latin1').copy(certificate, at);
		}

		const http = net.createServer(socket => {
			socket.on('error', () => undefined);
			socket.once('data', () => socket.end('HTTP/1.1 403 Denied \u009B31m\u001B]0;reason\u0007\r\nServer: squid \u001B]2;header\u0007\r\nVia: 1.1 proxy\u202Eevil\r\n\r\n', 'latin1'));
		});
		await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
		try {
			await serve(certificate, async tlsPort => {
				const httpPort = (http.address() as AddressInfo).port;
				const runbook = path.join(dir, 'peer.yaml');
				const stateDir = path.join(dir, 'state');
				writeFileSync(runbook, `id: peer
title: Peer runbook
version: "1"
description: hostile peers
phases:
  - id: egress
    title: Egress
    body: b
    steps:
      - {kind: check, id: tls, title: TLS, body: b, check: tls.not-intercepted, params: {endpoints: [{host: 127.0.0.1, ports: [${tlsPort}], protocol: https}], timeoutMs: 3000}}
      - {kind: check, id: web, title: Web, body: b, check: egress.endpoint, params: {endpoints: [{host: 127.0.0.1, ports: [${httpPort}], protocol: http}], timeoutMs: 3000}}
`);
				const cli = async (...args: string[]) => execa(process.execPath, [cliPath, '--runbook', runbook, '--state-dir', stateDir, '--session', 'peer', '--new', ...args], {reject: false, env: {NO_COLOR: '1'}, stdin: 'ignore'});
				const run = await cli('run', '--yes');
				expect(run.stderr).not.toContain('Invalid time value');
				expect(run.exitCode).toBe(1);
				const status = await cli('status', '--json');
				const steps = (JSON.parse(status.stdout) as {phases: Array<{steps?: Array<{id: string; state: string}>}>}).phases.flatMap(phase => phase.steps ?? []);
				expect(steps.filter(step => step.state === 'running')).toEqual([]);
				// eslint-disable-next-line no-control-regex
				const rawControl = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/;
				for (const format of ['md', 'json', 'junit']) {
					const report = await cli('report', '--format', format);
					expect(report.stdout).not.toMatch(rawControl);
					expect(report.stdout).toContain('cannot be read');
					expect(report.stdout).toMatch(/\\u001b\\?\]0;pwned/);
				}

				const json = await cli('report', '--format', 'json');
				expect(json.stdout).toContain('\\u009b31m');
			});
		} finally {
			await new Promise(resolve => http.close(resolve));
		}
	}, 60_000);
});
