import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';

/** One lab web endpoint. `cert` names a certificate of the lab PKI (see pki.ts). */
export type WebPlan =
	| {kind: 'https'; host: string; port: number; cert: string}
	| {kind: 'http'; host: string; port: number; mode: 'ok' | 'proxy-403'}
	/** Accepts TCP and never says a word: a proxy or firewall holding connections. */
	| {kind: 'hang'; host: string; port: number}
	/** Intercepting TLS proxy: presents its own CA's certificate and relays to `upstream` by SNI (`*`: any other name). */
	| {kind: 'proxy'; host: string; port: number; upstream: Record<string, {host: string; port: number}>}
	/** HTTPS "what is my address": the peer address as JSON at /json, as plain text elsewhere. */
	| {kind: 'echo'; host: string; port: number; cert: string}
	/**
	An explicit HTTP proxy. `auth-407` answers everything with 407 and three Proxy-Authenticate schemes;
	`deny-403` refuses everything with 403 (its policy); `connect-200` answers CONNECT with 200 and tunnels
	to `names[host]` (or the address given).
	*/
	| {kind: 'explicit-proxy'; host: string; port: number; mode: 'auth-407' | 'deny-403' | 'connect-200'; names: Record<string, string>};

export type WebServers = {ports: number[]; close: () => Promise<void>};

const via = '1.1 proxy.contoso.example (squid/5.7)';

/** An explicit HTTP proxy: refuses with 407 and its schemes, or with 403 (policy), or tunnels CONNECT to the lab host. */
function explicitProxy(entry: Extract<WebPlan, {kind: 'explicit-proxy'}>, track: (socket: net.Socket) => void): net.Server {
	const refuse = 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nProxy-Authenticate: NTLM\r\nProxy-Authenticate: Basic realm="Contoso proxy"\r\n'
		+ `Via: ${via}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
	const forbid = `HTTP/1.1 403 Forbidden\r\nVia: ${via}\r\nX-Squid-Error: ERR_ACCESS_DENIED 0\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
	const server = http.createServer((request, response) => {
		response.writeHead(entry.mode === 'auth-407' ? 407 : 403, {via, ...(entry.mode === 'auth-407' ? {'proxy-authenticate': ['Negotiate', 'NTLM', 'Basic realm="Contoso proxy"']} : {})});
		response.end();
	});
	server.on('connect', (request: http.IncomingMessage, client: net.Socket) => {
		track(client);
		if (entry.mode !== 'connect-200') {
			client.end(entry.mode === 'auth-407' ? refuse : forbid);
			return;
		}

		const [host = '', port = '443'] = (request.url ?? '').split(':');
		const upstream = net.connect({host: entry.names[host] ?? host, port: Number(port)}, () => {
			client.write(`HTTP/1.1 200 Connection established\r\nVia: ${via}\r\n\r\n`);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		track(upstream);
		upstream.on('error', () => client.end(`HTTP/1.1 502 Bad Gateway\r\nVia: ${via}\r\nContent-Length: 0\r\n\r\n`));
		upstream.on('close', () => client.destroy());
		client.on('close', () => upstream.destroy());
	});
	return server;
}

/** Starts the planned endpoints; resolves once every one listens. Port 0 picks a free port. */
export async function startWebServers(pkiDir: string, plan: readonly WebPlan[]): Promise<WebServers> {
	const read = (file: string) => fs.readFileSync(path.join(pkiDir, file));
	const chainOf = (name: string) => (fs.existsSync(path.join(pkiDir, `${name}.chain.crt`)) ? read(`${name}.chain.crt`) : read(`${name}.crt`));
	const servers: net.Server[] = [];
	const sockets = new Set<net.Socket>();
	const track = (socket: net.Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
	};

	const labCa = read('labca.crt');
	for (const entry of plan) {
		let server: net.Server;
		if (entry.kind === 'https') {
			server = https.createServer({key: read(`${entry.cert}.key`), cert: chainOf(entry.cert)}, (request, response) => {
				response.writeHead(200, {'content-type': 'text/plain', server: 'azlab'});
				response.end(`ok ${entry.cert}\n`);
			});
			server.on('tlsClientError', () => undefined);
		} else if (entry.kind === 'http') {
			server = http.createServer((request, response) => {
				if (entry.mode === 'proxy-403') {
					response.writeHead(403, {via: '1.1 proxy.contoso.example (squid/5.7)', 'x-squid-error': 'ERR_ACCESS_DENIED 0', server: 'squid/5.7'});
					response.end('blocked by proxy\n');
					return;
				}

				response.writeHead(200, {'content-type': 'text/plain'});
				response.end('ok\n');
			});
		} else if (entry.kind === 'hang') {
			server = net.createServer(() => undefined);
		} else if (entry.kind === 'echo') {
			server = https.createServer({key: read(`${entry.cert}.key`), cert: chainOf(entry.cert)}, (request, response) => {
				const address = (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
				const json = request.url?.startsWith('/json') === true;
				response.writeHead(200, {'content-type': json ? 'application/json' : 'text/plain'});
				response.end(json ? `${JSON.stringify({ip: address})}\n` : `${address}\n`);
			});
			server.on('tlsClientError', () => undefined);
		} else if (entry.kind === 'explicit-proxy') {
			server = explicitProxy(entry, track);
		} else {
			const {upstream} = entry;
			server = tls.createServer({key: read('proxy.key'), cert: chainOf('proxy')}, client => {
				const target = client.servername ? (upstream[client.servername] ?? upstream['*']) : undefined;
				if (!target) {
					client.end('HTTP/1.1 403 Forbidden\r\nVia: 1.1 inspect.contoso.example\r\ncontent-length: 17\r\n\r\nblocked by proxy\n');
					return;
				}

				const relay = tls.connect({host: target.host, port: target.port, servername: client.servername as string, ca: labCa}, () => {
					client.pipe(relay);
					relay.pipe(client);
				});
				track(relay);
				relay.on('close', () => client.destroy());
				client.on('close', () => relay.destroy());
			});
			server.on('tlsClientError', () => undefined);
		}

		server.on(entry.kind === 'proxy' ? 'secureConnection' : 'connection', track);
		if (entry.kind === 'https' || entry.kind === 'proxy') {
			server.on('connection', track);
		}

		servers.push(server);
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(entry.port, entry.host, () => resolve());
		});
	}

	return {
		ports: servers.map(server => (server.address() as net.AddressInfo).port),
		async close() {
			for (const socket of sockets) {
				socket.destroy();
			}

			await Promise.all(servers.map(async server => new Promise<void>(resolve => server.close(() => resolve()))));
		},
	};
}
