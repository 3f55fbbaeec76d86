import path from 'node:path';
import {loadRunbook, runbookSources} from './load-runbook.js';
import {hashFile} from './runbook-cache.js';
import type {ShippedRunbook} from './shipped-runbook.js';

/**
Validates the runbook in `stepsDirectory` and records it with the SHA-256 of each file it was
built from, all named relative to that directory (the build machine's paths stay out of the
bundle). Run by scripts/bundle.mjs; a runbook that does not validate fails the build.
*/
export function shippedRunbookRecord(stepsDirectory: string, runbookName = 'azure-stack-hub.yaml'): ShippedRunbook {
	const loaded = loadRunbook(path.join(stepsDirectory, runbookName), path.join('steps', runbookName));
	const relative = (file: string) => path.relative(stepsDirectory, file).split(path.sep).join('/');
	const files = runbookSources(loaded).map(file => {
		const sha256 = hashFile(file);
		if (sha256 === undefined) {
			throw new Error(`cannot read ${file}, a source of the shipped runbook`);
		}

		return {file: relative(file), sha256};
	});
	return {files, loaded: {...loaded, file: relative(loaded.file)}};
}
