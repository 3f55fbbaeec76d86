import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {repoRoot, tempDir} from '../helpers/paths.js';

/** scripts/bundle.mjs, for its plugins and patch functions (typed by the caller). */
export async function loadBundleScript<Script>(): Promise<Script> {
	return await import(pathToFileURL(path.join(repoRoot, 'scripts', 'bundle.mjs')).href) as Script;
}

/**
Builds one ES module (its text, resolved from the repository) with the given plugins, the way
scripts/bundle.mjs builds the program, and returns the built file's path.
*/
export async function buildWithPlugins(contents: string, plugins: unknown[]): Promise<string> {
	const esbuild = await import('esbuild');
	const out = path.join(tempDir('azs-plugin-build-'), 'module.mjs');
	await esbuild.build({
		stdin: {contents, resolveDir: repoRoot, loader: 'js'},
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20.19',
		outfile: out,
		logLevel: 'silent',
		plugins: plugins as never[],
	});
	return out;
}

/** Imports a module built by buildWithPlugins. */
export async function importBuilt<Module>(file: string): Promise<Module> {
	return await import(pathToFileURL(file).href) as Module;
}
