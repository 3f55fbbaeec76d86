import net from 'node:net';
import type {ProbeRecord} from '../types.js';

export type TcpProbeOptions = {
	host: string;
	port: number;
	timeoutMs: number;
	signal: AbortSignal;
};

/**
Opens one TCP connection and closes it at once. Never rejects: every outcome is a record.
A hard deadline (not the socket's idle timer) bounds the attempt, so an ACL that drops SYNs
shows as `TIMEOUT`, a reset as `ECONNREFUSED`, an ICMP reject as `EHOSTUNREACH`.
*/
export async function probeTcp(options: TcpProbeOptions): Promise<ProbeRecord> {
	const {host, port, timeoutMs, signal} = options;
	const target = `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
	const started = performance.now();
	return new Promise(resolve => {
		let settled = false;
		const socket = net.connect({host, port, autoSelectFamily: false});
		const finish = (fields: Partial<ProbeRecord> & {ok: boolean}) => {
			if (settled) {
				return;
			}

			settled = true;
			clearTimeout(timer);
			signal.removeEventListener('abort', onAbort);
			socket.destroy();
			resolve({target, kind: 'tcp', durationMs: Math.round(performance.now() - started), ...fields});
		};

		const onAbort = () => {
			finish({ok: false, errorCode: 'ABORTED'});
		};

		const timer = setTimeout(() => {
			finish({ok: false, errorCode: 'TIMEOUT'});
		}, timeoutMs);
		if (signal.aborted) {
			onAbort();
			return;
		}

		signal.addEventListener('abort', onAbort, {once: true});
		socket.once('connect', () => {
			finish({ok: true, localAddress: socket.localAddress});
		});
		socket.once('error', (error: NodeJS.ErrnoException) => {
			finish({ok: false, errorCode: error.code ?? error.message});
		});
	});
}
