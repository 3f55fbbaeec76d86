import {hops, verdictMarks, verdictWords, type NetworkMap, type NetworkPath, type PathVerdict} from '../../reports/network-map.js';
import type {StyledLine} from './layout.js';
import type {Tone} from './step-summary.js';
import {wrapText} from './wrap-text.js';
import {marks} from '../glyphs.js';

/*
The Network screen's lines: the same picture as the HTML report's SVG (one model, network-map.ts),
drawn with box-drawing characters. Each path is one row: source, the devices it crosses, a verdict
mark where it ends or dies, the destination and the verdict in words; a failing path gets a second
row with the failing layer and the team that fixes it. Readable without colour: marks and words.
*/

const tones: Record<PathVerdict, Tone> = {pass: 'good', warn: 'caution', fail: 'bad', 'not-run': 'muted', stale: 'busy'};
const rails: Record<PathVerdict, string> = {pass: '─', warn: '─', fail: '─', 'not-run': '┄', stale: '┈'};

function fit(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}${marks.cut}` : text.padEnd(width);
}

/** `─[BMC]─[ToR]─[Bdr]─[FW]──✔` or, dying at the firewall, `─[BMC]─[ToR]─[Bdr]─[FW]✖··`. */
export function pipeOf(path: NetworkPath): string {
	const rail = rails[path.verdict];
	let pipe = '';
	let dead = false;
	for (const hop of hops) {
		pipe += `${dead ? '·' : rail}[${hop.short === 'Border' ? 'Bdr' : hop.short}]`;
		if (path.verdict === 'fail' && path.blockedAt === hop.id) {
			pipe += verdictMarks.fail;
			dead = true;
		}
	}

	// Every pipe is 25 columns, so destinations line up.
	if (dead) {
		return `${pipe}${'·'.repeat(Math.max(0, 25 - [...pipe].length))}`;
	}

	return `${pipe}${rail.repeat(Math.max(1, 24 - [...pipe].length))}${verdictMarks[path.verdict]}`;
}

/** Short names for a terminal row (`VIP 203.0.113.0/27`); the HTML picture has room for the long ones. */
const shortLabels: Record<string, string> = {'Public VIP': 'VIP', 'Identity endpoints': 'Identity endpoints', 'DNS forwarders': 'DNS'};

function describe(side: {label: string; address?: string}): string {
	const label = shortLabels[side.label] ?? side.label;
	return side.address ? `${label} ${side.address}` : label;
}

/** The network picture as screen lines for a terminal `width` columns wide (80 and more). */
export function networkLines(map: NetworkMap, width: number): StyledLine[] {
	const wide = width >= 110;
	// 80 columns: "│ " + source 18 + " " + pipe 25 + "▸ " + destination 25 + " " + "✖ FAIL".
	const sourceWidth = wide ? 24 : 18;
	const destinationWidth = wide ? 40 : 25;
	const lines: StyledLine[] = [
		{text: fit(`Legend: ${(['pass', 'warn', 'fail', 'not-run', 'stale'] as const).map(verdict => `${verdictMarks[verdict]} ${verdictWords[verdict]}`).join('  ')}   BMC switch, ToR, Border, FW = customer firewall`, width), tone: 'muted'},
	];
	let group: string | undefined;
	for (const path of map.paths) {
		const inBmc = path.source.role !== 'public-vip';
		const frame = inBmc ? 'BMC network' : 'Public VIP pool';
		if (frame !== group) {
			if (group !== undefined) {
				lines.push({text: '└'});
			}

			const range = inBmc ? map.bmcNetwork : map.publicVip;
			lines.push({text: fit(`┌─ ${frame}${range ? ` ${range}` : ''} `, width), bold: true});
			group = frame;
		}

		const row = `│ ${fit(describe(path.source), sourceWidth)} ${pipeOf(path)}▸ ${fit(describe(path.destination), destinationWidth)} ${verdictMarks[path.verdict]} ${verdictWords[path.verdict]}`;
		lines.push({text: fit(row, width), tone: tones[path.verdict], key: path.id});
		if (path.verdict === 'fail') {
			const what = path.layers.length > 0 ? path.layers.join('; ') : `${path.service} failed`;
			const who = path.owners.length > 0 ? ` · fix: ${path.owners.join(', ')}` : '';
			for (const [index, text] of wrapText(`${what}${who}${path.waived ? ' (overridden)' : ''}`, width - 6).entries()) {
				lines.push({text: `│     ${text}`, tone: 'bad', key: `${path.id}-why-${index}`});
			}
		}
	}

	lines.push({text: '└'});
	return lines;
}
