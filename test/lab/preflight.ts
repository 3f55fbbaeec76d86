import fs from 'node:fs';
import path from 'node:path';
import {trySh} from './exec.js';
import {libfaketime} from './services.js';

const searchPath = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/bin'];

function has(program: string): boolean {
	return searchPath.some(dir => dir !== '' && fs.existsSync(path.join(dir, program)));
}

/**
Whether the network lab can be built here, and if not, one line saying why.
Needs root (network namespaces), iproute2, nftables, dnsmasq, nsd, chronyd, libfaketime and openssl;
NETLAB_DISABLE=1 turns the lab off (its tests then skip, or fail under NETLAB_REQUIRED=1).
*/
export function labPreflight(prefix: string): {ok: true} | {ok: false; reason: string} {
	const hint = "install the packages in .ci/lab-packages.txt and run as root";
	if (process.env.NETLAB_DISABLE === '1') {
		return {ok: false, reason: 'netlab: disabled by NETLAB_DISABLE=1'};
	}

	if (process.platform !== 'linux') {
		return {ok: false, reason: `netlab: needs Linux network namespaces (this is ${process.platform})`};
	}

	if (process.getuid?.() !== 0) {
		return {ok: false, reason: `netlab: not root (needs ip netns); ${hint}`};
	}

	const missing = ['ip', 'nft', 'dnsmasq', 'nsd', 'chronyd', 'openssl'].filter(program => !has(program));
	if (!libfaketime) {
		missing.push('libfaketime');
	}

	if (missing.length > 0) {
		return {ok: false, reason: `netlab: missing ${missing.join(', ')}; ${hint}`};
	}

	const probe = `${prefix}-probe`;
	if (!trySh(['ip', 'netns', 'add', probe])) {
		return {ok: false, reason: 'netlab: cannot create a network namespace here (container without CAP_SYS_ADMIN?)'};
	}

	trySh(['ip', 'netns', 'del', probe]);
	return {ok: true};
}
