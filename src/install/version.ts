import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/*
The bundler (scripts/bundle.mjs) replaces this name with package.json's version as a string
literal, so the shipped bundle and the kits never read package.json at run time (a kit has none).
*/
declare const AZS_RUNBOOK_VERSION: string | undefined;

let cached: string | undefined;

/** azs-runbook's version: the constant built into the bundle, or package.json when run from source. */
export function programVersion(): string {
	if (typeof AZS_RUNBOOK_VERSION === 'string') {
		return AZS_RUNBOOK_VERSION;
	}

	cached ??= versionFromPackageJson();
	return cached;
}

/** From src/install/ or dist/install/ (tsc output and tests): the package root is two levels up. */
function versionFromPackageJson(): string {
	const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
	try {
		const parsed = JSON.parse(readFileSync(file, 'utf8')) as {version?: unknown};
		return typeof parsed.version === 'string' ? parsed.version : 'unknown';
	} catch {
		return 'unknown';
	}
}
