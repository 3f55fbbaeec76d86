import {execFileSync, spawnSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {repoRoot, tempDir} from '../helpers/paths.js';
import {packageVersion} from './kits.js';

/*
`npm pack` ships the bundle (built by prepack) and every dependency inside the tarball
(bundleDependencies), so the tarball installs with npm's --offline: no registry on the HLH.
*/
describe('npm pack', () => {
	it('ships dist/azs-runbook.mjs and steps/, and the tarball installs globally with --offline', () => {
		const out = tempDir('azs-pack-');
		execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], {cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe']});
		const tarball = path.join(out, `azs-runbook-${packageVersion}.tgz`);
		const listing = execFileSync('tar', ['-tzf', tarball], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024}).split('\n');
		expect(listing).toContain('package/dist/azs-runbook.mjs');
		expect(listing).toContain('package/steps/azure-stack-hub.yaml');
		expect(listing).toContain('package/node_modules/ink/package.json');
		expect(listing.filter(name => name.startsWith('package/src/') || name.startsWith('package/dist/kits/'))).toEqual([]);

		const prefix = path.join(out, 'prefix');
		// An empty cache: nothing can come from an earlier download either.
		const install = spawnSync('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, '--cache', path.join(out, 'cache'), tarball], {encoding: 'utf8'});
		expect(install.stderr).not.toMatch(/ERR!/);
		expect(install.status).toBe(0);
		const installed = spawnSync(path.join(prefix, 'bin', 'azs-runbook'), ['--version'], {encoding: 'utf8'});
		expect(installed.stdout.trim()).toBe(packageVersion);
	}, 600_000);
});
