import path from 'node:path';
import {stepsDir} from '../install/steps-dir.js';
import type {LoadedRunbook} from './load-runbook.js';
import {hashFile} from './runbook-cache.js';

/*
The embedded runbook, validated when the bundle was built (scripts/bundle.mjs), so a first start
skips parsing and validating ~1,850 lines of YAML before any cache exists. It is used only for the
shipped step file, and only while every file it was built from (the runbook and its endpoint
lists, named relative to steps/) still has the recorded SHA-256: an edited steps/ folder, or any
other --runbook, is parsed and validated as before. Outside the bundle there is no record.
*/
declare const AZS_SHIPPED_RUNBOOK: string | undefined;

export type ShippedRunbook = {
	/** Relative to the steps directory, with "/" separators. */
	files: Array<{file: string; sha256: string}>;
	/** `file` is relative too (the runbook's own name); the real path is set when used. */
	loaded: LoadedRunbook;
};

/** The build-time validated runbook for `file`, when it is the shipped one and unchanged. */
export function shippedRunbook(file: string, record: string | undefined = typeof AZS_SHIPPED_RUNBOOK === 'string' ? AZS_SHIPPED_RUNBOOK : undefined): LoadedRunbook | undefined {
	if (record === undefined) {
		return undefined;
	}

	const steps = stepsDir();
	const shipped = JSON.parse(record) as ShippedRunbook;
	const resolved = path.resolve(file);
	if (resolved !== path.join(steps, ...shipped.loaded.file.split('/'))) {
		return undefined;
	}

	const unchanged = shipped.files.length > 0 && shipped.files.every(source => hashFile(path.join(steps, ...source.file.split('/'))) === source.sha256);
	return unchanged ? {...shipped.loaded, file: resolved} : undefined;
}
