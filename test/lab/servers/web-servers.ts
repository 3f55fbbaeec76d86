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
	| {kind: 'proxy'; host: string; port: number; upstream: Record<string, {host: string; port: number}>};

export type WebServers = {ports: number[]; close: () => Promise<void>};

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
