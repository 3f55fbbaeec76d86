import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadEndpointList} from '../../src/runbook/load-runbook.js';
import type {Endpoint, EndpointList} from '../../src/runbook/schema.js';

const stepsDir = path.dirname(embeddedRunbookPath());
const load = (name: string): EndpointList => loadEndpointList(path.join(stepsDir, 'endpoints', name));
const lists = {
	AzureCloud: load('azure-public.yaml'),
	AzureUSGovernment: load('azure-us-government.yaml'),
	AzureChinaCloud: load('azure-china.yaml'),
};

/** The six Microsoft CRL locations the page gives for every cloud. */
const microsoftCrls = ['crl.microsoft.com/pki/crl/products', 'mscrl.microsoft.com/pki/mscorp', 'www.microsoft.com/pki/certs', 'www.microsoft.com/pki/mscorp', 'www.microsoft.com/pkiops/crl', 'www.microsoft.com/pkiops/certs'];
const knownCategories = ['identity', 'crl', 'marketplace', 'patch-update', 'registration', 'usage', 'defender', 'diagnostics', 'remote-support', 'telemetry'];
const isWildcard = (endpoint: Endpoint) => endpoint.host.startsWith('*.');
/** Hosts a probe can actually connect to: concrete hosts and the samples of wildcards. */
const probeable = (list: EndpointList) => new Set(list.endpoints.flatMap(endpoint => (isWildcard(endpoint) ? endpoint.samples ?? [] : [endpoint.host])));
const hostsIn = (list: EndpointList, category: string) => list.endpoints.filter(endpoint => endpoint.category === category).map(endpoint => endpoint.host);

describe.each(Object.entries(lists))('endpoint list for %s', (cloud, list) => {
	it('names its cloud, source page and date', () => {
		expect(list.cloud).toBe(cloud);
		expect(list.source).toBe('https://learn.microsoft.com/azure-stack/operator/azure-stack-integrate-endpoints');
		expect(list.listDate).toBe('2022-01-10');
	});

	it('uses known categories, and has identity endpoints needed at deployment', () => {
		for (const endpoint of list.endpoints) {
			expect(knownCategories, endpoint.host).toContain(endpoint.category);
		}

		const identity = list.endpoints.filter(endpoint => endpoint.category === 'identity');
		expect(identity.length).toBeGreaterThanOrEqual(2);
		expect(identity.every(endpoint => endpoint.atDeploy)).toBe(true);
		expect(identity.some(endpoint => endpoint.requirement === 'mandatory')).toBe(true);
	});

	it('matches protocol and ports', () => {
		for (const endpoint of list.endpoints) {
			expect(endpoint.ports, endpoint.host).toEqual(endpoint.protocol === 'http' ? [80] : [443]);
		}
	});

	it('gives wildcards concrete samples below their domain (never the apex, which the wildcard does not cover), or says why not', () => {
		for (const endpoint of list.endpoints.filter(isWildcard)) {
			const domain = endpoint.host.slice(2);
			if (!endpoint.samples) {
				expect(endpoint.purpose, endpoint.host).toMatch(/no published concrete host/);
				continue;
			}

			expect(endpoint.samples.length, endpoint.host).toBeGreaterThan(0);
			for (const sample of endpoint.samples) {
				expect(sample, endpoint.host).not.toContain('*');
				expect(sample.endsWith(`.${domain}`), `${sample} is below ${endpoint.host}`).toBe(true);
			}
		}
	});

	it('probes usage wildcards only with usage hosts, never the remote-support or diagnostics hosts', () => {
		const elsewhere = new Set(list.endpoints.filter(endpoint => endpoint.category === 'remote-support' || endpoint.category === 'diagnostics').flatMap(endpoint => [endpoint.host, ...(endpoint.samples ?? [])]));
		for (const endpoint of list.endpoints.filter(each => each.category === 'usage')) {
			for (const sample of endpoint.samples ?? []) {
				expect(elsewhere.has(sample) || sample.startsWith('edgesupprd') || sample.startsWith('azsdiag'), `${sample} as a usage sample`).toBe(false);
			}
		}
	});

	it('has all six Microsoft CRL locations, the new update URL, and the Defender and telemetry rows the page gives for every cloud', () => {
		expect(list.endpoints.filter(endpoint => endpoint.category === 'crl').map(endpoint => `${endpoint.host}${endpoint.path ?? ''}`)).toEqual(microsoftCrls);
		expect(hostsIn(list, 'patch-update')).toContain('azurestackhub.download.prss.microsoft.com');
		expect(hostsIn(list, 'defender')).toEqual(['*.wdcp.microsoft.com', '*.wdcpalt.microsoft.com', '*.wd.microsoft.com', '*.update.microsoft.com', '*.download.microsoft.com', 'secure.aadcdn.microsoftonline-p.com']);
		expect(hostsIn(list, 'telemetry')).toEqual(expect.arrayContaining(['settings-win.data.microsoft.com', 'login.live.com', '*.events.data.microsoft.com']));
	});

	it('lists each host once per category', () => {
		const keys = list.endpoints.map(endpoint => `${endpoint.category} ${endpoint.host}${endpoint.path ?? ''}`);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe('the Azure public cloud list', () => {
	const list = lists.AzureCloud;

	it('has the whole identity row of the page', () => {
		expect(hostsIn(list, 'identity')).toEqual([
			'login.microsoftonline.com',
			'login.windows.net',
			'graph.windows.net',
			'secure.aadcdn.microsoftonline-p.com',
			'www.office.com',
			'management.core.windows.net',
			'management.azure.com',
			'*.msftauth.net',
			'*.msauth.net',
			'*.msocdn.com',
		]);
	});

	it('has the Microsoft CRL locations over HTTP 80', () => {
		const crl = list.endpoints.filter(endpoint => endpoint.category === 'crl');
		expect(crl.map(endpoint => `${endpoint.host}${endpoint.path ?? ''}`)).toEqual(microsoftCrls);
		expect(crl.every(endpoint => endpoint.protocol === 'http' && endpoint.requirement === 'recommended')).toBe(true);
	});

	it('covers every outbound set of the page', () => {
		expect(new Set(list.endpoints.map(endpoint => endpoint.category))).toEqual(new Set(knownCategories));
	});

	it('has at least 25 probeable hosts', () => {
		expect(probeable(list).size).toBeGreaterThanOrEqual(25);
	});

	it('marks usage conditional (pay-as-you-use) and the optional sets optional', () => {
		for (const endpoint of list.endpoints) {
			if (endpoint.category === 'usage' || endpoint.category === 'telemetry') {
				expect(endpoint.requirement, endpoint.host).toBe('conditional');
			}

			if (['marketplace', 'patch-update', 'registration', 'defender', 'diagnostics', 'remote-support'].includes(endpoint.category)) {
				expect(endpoint.requirement, endpoint.host).toBe('optional');
				expect(endpoint.atDeploy, endpoint.host).toBe(false);
			}
		}
	});
});

describe('per-cloud variants', () => {
	it('US Government uses its own sign-in, ARM and usage hosts', () => {
		const list = lists.AzureUSGovernment;
		expect(hostsIn(list, 'identity')).toEqual(expect.arrayContaining(['login.microsoftonline.us', 'graph.windows.net']));
		expect(hostsIn(list, 'registration')).toEqual(['management.usgovcloudapi.net']);
		expect(hostsIn(list, 'usage')).toEqual(['*.usgovtrafficmanager.net', '*.cloudapp.usgovcloudapi.net']);
	});

	it('China uses its own sign-in, Graph, ARM and usage hosts', () => {
		const list = lists.AzureChinaCloud;
		expect(hostsIn(list, 'identity')).toEqual(expect.arrayContaining(['login.chinacloudapi.cn', 'graph.chinacloudapi.cn']));
		expect(hostsIn(list, 'registration')).toEqual(['management.chinacloudapi.cn']);
		expect(hostsIn(list, 'usage')).toEqual(['*.trafficmanager.cn', '*.cloudapp.chinacloudapi.cn']);
	});

	it('no sovereign list points at the public cloud\'s sign-in or ARM hosts', () => {
		for (const list of [lists.AzureUSGovernment, lists.AzureChinaCloud]) {
			const hosts = list.endpoints.map(endpoint => endpoint.host);
			expect(hosts).not.toContain('login.microsoftonline.com');
			expect(hosts).not.toContain('management.azure.com');
		}
	});
});
