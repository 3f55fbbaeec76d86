import {closeSync, fstatSync, openSync, readFileSync, type Stats} from 'node:fs';
import {parseCliArgs} from '../cli/args.js';
import {stateDirFor} from '../store/state-dir.js';

/*
The bundle's layout as its entry reads it (src/install/program-entry.ts, scripts/bundle.mjs): the
entry module, a marker line, then the program with each line behind `//`.
*/

/**
The line after which the program starts; the bundler writes it once. Joined at run time: as one
literal the minifier writes it as a template over three lines, and the entry would hold a copy.
*/
export const programMarker = ['', '//@azs-runbook-program', ''].join('\n');

/**
The state directory the arguments name, found by the program's own parser, else the default. Throws
the parser's usage error when the arguments do not parse (the program then reports it).
*/
export function stateDirFromArgv(argv: readonly string[]): string {
	return stateDirFor(parseCliArgs([...argv]).stateDir);
}

/**
The program's text (each line after the marker without its `//`), its bytes as stored (the code
cache's key), the line it starts on, and the file's owner and mode as read (whether a kit's cache
beside it may be run). The last marker, though the entry holds none: the program cannot hold one
(each of its lines starts with `//`, so none is `@azs-runbook-program`). Read as bytes: the program is ASCII (the bundler checks).
*/
export function programText(file: string): {source: string; stored: Buffer; lineOffset: number; stats: Stats} {
	const fd = openSync(file, 'r');
	let bytes: Buffer;
	let stats: Stats;
	try {
		stats = fstatSync(fd);
		bytes = readFileSync(fd);
	} finally {
		closeSync(fd);
	}

	const at = bytes.lastIndexOf(programMarker);
	if (at === -1) {
		throw new Error(`${file} holds no program after its loader: rebuild it (npm run build)`);
	}

	const start = at + programMarker.length;
	const lineOffset = bytes.subarray(0, start).toString('latin1').split('\n').length - 1;
	return {source: bytes.toString('latin1', start + 2).replaceAll('\n//', '\n'), stored: bytes.subarray(start), lineOffset, stats};
}
