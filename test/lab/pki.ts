import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Names of the lab's certificates; each has `<name>.key` and `<name>.crt` (leafs also `<name>.chain.crt`). */
export const labCertificates = ['labca', 'proxyca', 'login', 'mgmt', 'graph', 'expired', 'wrongname', 'selfsigned', 'proxy', 'echo'] as const;

/**
The CA every lab endpoint chains to, trusted by the checks as an extra CA. It plays Microsoft's public
CA in the lab, so its name carries "Microsoft": tls.not-intercepted's default expected issuers accept it,
and the runbook demonstration passes without special parameters.
*/
export const labCaName = 'AzLab Microsoft Root CA (simulated)';
/** The intercepting proxy's CA: the name a test expects to see in an interception finding. */
export const proxyCaName = 'Contoso Inspection Proxy CA';

const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];

function openssl(dir: string, args: string[]): void {
	execFileSync('openssl', args, {cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000});
}

function makeCa(dir: string, name: string, commonName: string): void {
	openssl(dir, ['req', '-x509', '-new', '-nodes', ...curve, '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '3650', '-subj', `/CN=${commonName}/O=AzLab`,
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

function makeLeaf(dir: string, name: string, ca: string, names: string[], days: number): void {
	openssl(dir, ['req', '-new', '-nodes', ...curve, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${names[0]}`]);
	fs.writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${names.map(host => `DNS:${host}`).join(',')}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`);
	// A negative day count gives a notAfter in the past: an expired certificate without faking the clock.
	openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', String(days), '-extfile', `${name}.ext`]);
	fs.writeFileSync(path.join(dir, `${name}.chain.crt`), fs.readFileSync(path.join(dir, `${name}.crt`), 'utf8') + fs.readFileSync(path.join(dir, `${ca}.crt`), 'utf8'));
}

/**
Generates the lab PKI into `dir` with openssl (about 0.3 s): two CAs and the endpoint certificates.
`moreLoginNames` join the login certificate (and the proxy's), e.g. every identity host of an endpoint list.
*/
export function generatePki(dir: string, moreLoginNames: readonly string[] = []): void {
	fs.mkdirSync(dir, {recursive: true});
	makeCa(dir, 'labca', labCaName);
	makeCa(dir, 'proxyca', proxyCaName);
	const login = [...new Set(['login.microsoftonline.com', 'login.windows.net', ...moreLoginNames])].filter(name => name !== 'management.azure.com' && name !== 'graph.windows.net');
	makeLeaf(dir, 'login', 'labca', login, 30);
	makeLeaf(dir, 'mgmt', 'labca', ['management.azure.com'], 30);
	makeLeaf(dir, 'graph', 'labca', ['graph.windows.net'], 30);
	makeLeaf(dir, 'expired', 'labca', ['expired.example'], -1);
	makeLeaf(dir, 'wrongname', 'labca', ['not-the-right-name.example'], 30);
	makeLeaf(dir, 'echo', 'labca', ['myip.lab.example'], 30);
	makeLeaf(dir, 'proxy', 'proxyca', [...login, 'management.azure.com', 'graph.windows.net'], 30);
	openssl(dir, ['req', '-x509', '-new', '-nodes', ...curve, '-keyout', 'selfsigned.key', '-out', 'selfsigned.crt', '-days', '30', '-subj', '/CN=selfsigned.example', '-addext', 'subjectAltName=DNS:selfsigned.example']);
}

/** Reads a PKI file as text. */
export function readPki(dir: string, file: string): string {
	return fs.readFileSync(path.join(dir, file), 'utf8');
}
