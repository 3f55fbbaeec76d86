import {benchDurableSave} from './durable-save.js';
import {benchFirstFrame} from './first-frame.js';
import {benchResumeLarge} from './resume-large.js';
import {benchPreflight} from './preflight.js';
import {benchHelp} from './startup.js';
import type {Figure} from './stats.js';
import {benchTuiMemory} from './tui-memory.js';

/*
`npm run bench`: prints every figure as a table (or JSON with --json). Each figure is measured
repeatedly; min, median (p50), p99 and max are shown.
*/
const json = process.argv.includes('--json');
const figures: Figure[] = [];
const log = (text: string) => {
	if (!json) {
		process.stderr.write(`${text}\n`);
	}
};

log('measuring --help start-up…');
figures.push(...benchHelp());
log('measuring the TUI\'s first frame in tmux…');
const firstFrame = benchFirstFrame();
figures.push(...firstFrame.figures);
if (firstFrame.skipped) {
	log(firstFrame.skipped);
}

log('measuring durable saves…');
figures.push(benchDurableSave());
log('measuring resume of a large session…');
figures.push(benchResumeLarge());

log('measuring the TUI\'s resident memory in tmux, at rest and over 10,000 watch iterations…');
const memory = benchTuiMemory();
figures.push(...memory.figures);
if (memory.skipped) {
	log(memory.skipped);
}

log('measuring the DVM-egress preflight against the network lab, as is and with 40 ms on its uplink…');
const preflight = benchPreflight();
figures.push(...preflight.figures);
if (preflight.skipped) {
	log(preflight.skipped);
}

if (json) {
	process.stdout.write(`${JSON.stringify({node: process.version, platform: process.platform, figures}, null, 2)}\n`);
} else {
	const format = (value: number) => value.toFixed(value < 10 ? 2 : 1);
	process.stdout.write(`node ${process.version} on ${process.platform}\n\n`);
	process.stdout.write('| figure | min | p50 | p99 | max | unit | runs | note |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n');
	for (const figure of figures) {
		process.stdout.write(`| ${figure.name} | ${format(figure.min)} | ${format(figure.p50)} | ${format(figure.p99)} | ${format(figure.max)} | ${figure.unit} | ${figure.samples} | ${figure.note ?? ''} |\n`);
	}
}
