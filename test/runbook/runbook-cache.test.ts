import {cpSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {embeddedRunbookPath} from '../../src/install/steps-dir.js';
import {loadRunbook, runbookSources} from '../../src/runbook/load-runbook.js';
import {readCachedRunbook, writeCachedRunbook} from '../../src/runbook/runbook-cache.js';
import {tempDir} from '../helpers/paths.js';

function copyEmbedded() {
	const dir = tempDir();
	const stepsDir = path.dirname(embeddedRunbookPath());
	cpSync(stepsDir, dir, {recursive: true});
	return path.join(dir, 'azure-stack-hub.yaml');
}

describe('runbook cache', () => {
	it('returns the validated runbook while version and every source file are unchanged', () => {
		const file = copyEmbedded();
		const cacheDir = tempDir();
		const loaded = loadRunbook(file);
		expect(readCachedRunbook(cacheDir, file, '1.0.0')).toBeUndefined();
		writeCachedRunbook(cacheDir, loaded, runbookSources(loaded), '1.0.0');
		expect(readCachedRunbook(cacheDir, file, '1.0.0')).toEqual(loaded);
		expect(readCachedRunbook(cacheDir, file, '1.0.1')).toBeUndefined();
	});

	it('is not used once the step file or an endpoint list changes', () => {
		const file = copyEmbedded();
		const cacheDir = tempDir();
		const loaded = loadRunbook(file);
		writeCachedRunbook(cacheDir, loaded, runbookSources(loaded), '1');
		const list = path.join(path.dirname(file), 'endpoints', 'azure-china.yaml');
		writeFileSync(list, `${readFileSync(list, 'utf8')}\n# edited\n`);
		expect(readCachedRunbook(cacheDir, file, '1')).toBeUndefined();
		writeCachedRunbook(cacheDir, loadRunbook(file), runbookSources(loaded), '1');
		writeFileSync(file, readFileSync(file, 'utf8').replace('title: Before you start', 'title: Before you begin'));
		expect(readCachedRunbook(cacheDir, file, '1')).toBeUndefined();
	});

	it('ignores a damaged cache entry', () => {
		const file = copyEmbedded();
		const cacheDir = tempDir();
		const loaded = loadRunbook(file);
		writeCachedRunbook(cacheDir, loaded, runbookSources(loaded), '1');
		for (const entry of readdirSync(cacheDir)) {
			writeFileSync(path.join(cacheDir, entry), '{"version":');
		}

		expect(readCachedRunbook(cacheDir, file, '1')).toBeUndefined();
	});
});
