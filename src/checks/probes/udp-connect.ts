import type dgram from 'node:dgram';

type ConnectWithError = (port: number, address: string, callback: (error?: NodeJS.ErrnoException | null) => void) => void;

/**
Connects a UDP socket and reports the outcome. Node passes a connect error (no route, bad address)
to the callback instead of emitting 'error', though the type says the callback takes no argument;
ignoring it would make the following send throw.
*/
export function connectUdp(socket: dgram.Socket, port: number, address: string, done: (error?: NodeJS.ErrnoException) => void): void {
	(socket.connect as unknown as ConnectWithError).call(socket, port, address, error => {
		done(error ?? undefined);
	});
}
