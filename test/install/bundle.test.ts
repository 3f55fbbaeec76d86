import {spawnSync} from 'node:child_process';
import {cpSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {locateStepsDir} from '../../src/install/steps-dir.js';
import {cliPath, repoRoot, tempDir} from '../helpers/paths.js';
import {buildWithPlugins, loadBundleScript} from './bundle-plugins.js';

const packageVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {version: string}).version;

function runBundle(bundle: string, args: string[], cwd: string) {
	return spawnSync(process.execPath, [bundle, ...args], {cwd, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}});
}

describe('the single-file bundle', () => {
	it('runs on its own beside steps/, as in a kit: version built in, no package.json, no node_modules', () => {
		const kit = tempDir('azs-kit-');
		cpSync(cliPath, path.join(kit, 'azs-runbook.mjs'));
		cpSync(path.join(repoRoot, 'steps'), path.join(kit, 'steps'), {recursive: true});
		const elsewhere = tempDir('azs-cwd-');
		const version = runBundle(path.join(kit, 'azs-runbook.mjs'), ['--version'], elsewhere);
		expect(version.stdout.trim()).toBe(packageVersion);
		const validate = runBundle(path.join(kit, 'azs-runbook.mjs'), ['--state-dir', path.join(elsewhere, 'state'), 'validate'], elsewhere);
		expect(validate.stderr).toBe('');
		expect(validate.status).toBe(0);
		const scenarios = runBundle(path.join(kit, 'azs-runbook.mjs'), ['--state-dir', path.join(elsewhere, 'state'), 'train', 'list'], elsewhere);
		expect(scenarios.status).toBe(0);
		expect(scenarios.stdout.length).toBeGreaterThan(0);
	});

	it('gives ink-select-input its pointer from the TUI\'s glyph set instead of loading the figures package', async () => {
		// execa still uses figures, loaded only when a command step runs; the TUI's first frame does not.
		const {selectPointer} = await loadBundleScript<{selectPointer: unknown}>();
		const esbuild = await import('esbuild');
		const result = await esbuild.build({
			entryPoints: [path.join(repoRoot, 'node_modules', 'ink-select-input', 'build', 'Indicator.js')],
			bundle: true,
			write: false,
			platform: 'node',
			format: 'esm',
			outdir: tempDir('azs-pointer-'),
			metafile: true,
			logLevel: 'error',
			external: ['ink', 'react'],
			plugins: [selectPointer as never],
		});
		const inputs = Object.keys(result.metafile.inputs);
		expect(inputs).toContain('src/ui/select-pointer.ts');
		expect(inputs.filter(file => file.includes('node_modules/figures/'))).toEqual([]);
	});

	it('carries no React DevTools bridge, no development React and no zod translations', () => {
		const text = readFileSync(cliPath, 'utf8');
		// zod's German error messages (one of 60-odd translations; English stays).
		expect(text).not.toContain('erwartet instanceof');
		expect(text).not.toContain('connectToDevTools');
		// A warning only the reconciler's development build prints.
		expect(text).not.toContain('unique "key" prop');
		// zod's schema compiler and JSON Schema reader, which the program never calls.
		expect(text).not.toContain('this schema must use the runtime parser');
		expect(text).not.toContain('Circular reference not resolved');
	});

	it('leaves zod\'s compiler out with the same exports, and fails the build when zod exports something new there', async () => {
		const {zodUnusedPartsLeftOut} = await loadBundleScript<{zodUnusedPartsLeftOut: unknown}>();
		const published = readFileSync(path.join(repoRoot, 'node_modules', 'zod', 'v4', 'core', 'compile.js'), 'utf8');
		const buildWith = async (source: string) => {
			// A copy where the plugin looks for zod's module.
			const copy = path.join(tempDir('azs-zod-'), 'node_modules', 'zod', 'v4', 'core');
			mkdirSync(copy, {recursive: true});
			writeFileSync(path.join(copy, 'compile.js'), source);
			return readFileSync(await buildWithPlugins(`export * from ${JSON.stringify(path.join(copy, 'compile.js'))};`, [zodUnusedPartsLeftOut]), 'utf8');
		};

		const built = await buildWith(published);
		expect(built).toContain('is not in this build of azs-runbook');
		expect(built).not.toContain('this schema must use the runtime parser');
		await expect(buildWith(`${published}\nexport const compileAsync = () => {};\n`)).rejects.toThrow(/core\/compile\.js now exports .*compileAsync/);
	});

	it('--if-stale rebuilds only when a recorded input changed', () => {
		const record = path.join(repoRoot, 'dist', 'azs-runbook.inputs.json');
		const bundle = () => spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'bundle.mjs'), '--if-stale'], {cwd: repoRoot, encoding: 'utf8'});
		expect(bundle().status).toBe(0);
		const built = statSync(cliPath).mtimeMs;
		expect(bundle().status).toBe(0);
		expect(statSync(cliPath).mtimeMs).toBe(built);

		const recorded = JSON.parse(readFileSync(record, 'utf8')) as {files: Array<{file: string; sha256: string}>};
		const cli = recorded.files.find(entry => entry.file === 'src/cli.ts');
		expect(cli).toBeDefined();
		// The entry that loads the program is an input too.
		expect(recorded.files.some(entry => entry.file === 'src/install/program-entry.ts')).toBe(true);
		cli!.sha256 = '0'.repeat(64);
		writeFileSync(record, JSON.stringify(recorded));
		expect(bundle().status).toBe(0);
		expect(statSync(cliPath).mtimeMs).not.toBe(built);
		expect(readFileSync(record, 'utf8')).not.toContain('0'.repeat(64));
	});
});

describe('the rebuild record', () => {
	it('leaves out the plugins\' virtual modules, not a file on another drive of a Windows build machine', async () => {
		const {isVirtualModule} = await loadBundleScript<{isVirtualModule: (input: string) => boolean}>();
		expect(isVirtualModule('empty-module:ink-devtools')).toBe(true);
		expect(isVirtualModule('builtin-on-first-use:dgram')).toBe(true);
		expect(isVirtualModule('D:/src/azs-runbook/src/cli.ts')).toBe(false);
		expect(isVirtualModule('node_modules/ink/build/index.js')).toBe(false);
	});
});

describe('locateStepsDir', () => {
	it('finds steps/ beside the bundle, one or two levels up, or beside the executable', () => {
		const root = tempDir('azs-steps-');
		const make = (dir: string) => {
			mkdirSync(dir, {recursive: true});
			writeFileSync(path.join(dir, 'azure-stack-hub.yaml'), '');
			return dir;
		};

		const kitSteps = make(path.join(root, 'kit', 'steps'));
		expect(locateStepsDir(path.join(root, 'kit'), '/nonexistent')).toBe(kitSteps);
		const repoSteps = make(path.join(root, 'repo', 'steps'));
		expect(locateStepsDir(path.join(root, 'repo', 'dist'), '/nonexistent')).toBe(repoSteps);
		expect(locateStepsDir(path.join(root, 'repo', 'src', 'runbook'), '/nonexistent')).toBe(repoSteps);
		const exeSteps = make(path.join(root, 'exe', 'steps'));
		expect(locateStepsDir(path.join(root, 'elsewhere', 'a', 'b'), path.join(root, 'exe'))).toBe(exeSteps);
	});
});
