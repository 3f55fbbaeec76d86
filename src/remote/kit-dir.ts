import {createHash} from 'node:crypto';
import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {escapeControls} from '../text/escape-controls.js';

/*
A portable kit folder (npm run kit): the bundle, steps/, a launcher, maybe a Node.js runtime, and
SHA256SUMS of every file. collect copies what a remote host lacks of it; the sums decide what is
copied and are checked again on the remote host before anything there runs.
*/

export type KitFile = {name: string; sha256: string; bytes: number};

export type KitDir = {
	dir: string;
	/** The files the remote host always needs: the bundle and the step files. */
	program: KitFile[];
	/** The runtime, when the kit carries one: `node` (Linux) or `node.exe` (Windows). */
	runtime?: KitFile & {platform: 'posix' | 'windows'};
	/** The launchers the kit carries, by the platform they run on. */
	launchers: Partial<Record<'posix' | 'windows', KitFile>>;
	/** Names the remote folder: the same kit content always lands in the same folder. */
	id: string;
};

export type KitRead = {ok: true; kit: KitDir} | {ok: false; reason: string};

/** Names a remote shell reads as one plain word: letters, digits, dot, dash, underscore, slashes between. */
const safeName = /^[\w.-]+(?:\/[\w.-]+)*$/;

const maxSumsBytes = 256 * 1024;


/** Reads a kit folder and checks every listed file against SHA256SUMS here, before anything is copied. */
export function readKitDir(dir: string): KitRead {
	const sumsFile = path.join(dir, 'SHA256SUMS');
	if (!existsSync(sumsFile)) {
		return {ok: false, reason: `${escapeControls(dir, 'line')} is not a portable kit folder (no SHA256SUMS); build one with npm run kit and unpack it`};
	}

	if (statSync(sumsFile).size > maxSumsBytes) {
		return {ok: false, reason: 'the kit\'s SHA256SUMS is larger than 256 KB: not a kit'};
	}

	const sums = readFileSync(sumsFile, 'utf8');
	const files: KitFile[] = [];
	for (const line of sums.split(/\r?\n/).filter(Boolean)) {
		const match = /^([\da-f]{64}) [ *](.+)$/.exec(line);
		if (!match || !safeName.test(match[2]!) || match[2]!.split('/').includes('..')) {
			return {ok: false, reason: `the kit's SHA256SUMS has a line that is not "<sha256>  <name>" with a plain name: ${escapeControls(line, 'line').slice(0, 120)}`};
		}

		const [, sha256, name] = match as unknown as [string, string, string];
		const file = path.join(dir, ...name.split('/'));
		if (!existsSync(file)) {
			return {ok: false, reason: `the kit lists ${name}, which is missing from ${escapeControls(dir, 'line')}`};
		}

		// One read gives both the sum and the size.
		const data = readFileSync(file);
		const actual = createHash('sha256').update(data).digest('hex');
		if (actual !== sha256) {
			return {ok: false, reason: `the kit's ${name} has SHA-256 ${actual.slice(0, 12)}…, SHA256SUMS says ${sha256.slice(0, 12)}…: the kit was changed or damaged; unpack it again`};
		}

		files.push({name, sha256, bytes: data.length});
	}

	const byName = (name: string) => files.find(file => file.name === name);
	const program = files.filter(file => file.name === 'azs-runbook.mjs' || file.name.startsWith('steps/'));
	if (!byName('azs-runbook.mjs') || !byName('steps/azure-stack-hub.yaml')) {
		return {ok: false, reason: 'the kit has no azs-runbook.mjs or steps/azure-stack-hub.yaml in its SHA256SUMS'};
	}

	const node = byName('node');
	const nodeExe = byName('node.exe');
	const posixLauncher = byName('azs-runbook');
	const windowsLauncher = byName('azs-runbook.cmd');
	const id = createHash('sha256').update(sums).digest('hex').slice(0, 12);
	return {
		ok: true,
		kit: {
			dir,
			program,
			...(node ? {runtime: {...node, platform: 'posix' as const}} : nodeExe ? {runtime: {...nodeExe, platform: 'windows' as const}} : {}),
			launchers: {...(posixLauncher ? {posix: posixLauncher} : {}), ...(windowsLauncher ? {windows: windowsLauncher} : {})},
			id,
		},
	};
}

/** The kit this program runs from (the bundle beside SHA256SUMS), if it runs from one. */
export function ownKitDir(): string | undefined {
	const here = path.dirname(fileURLToPath(import.meta.url));
	return existsSync(path.join(here, 'SHA256SUMS')) && existsSync(path.join(here, 'azs-runbook.mjs')) ? here : undefined;
}
