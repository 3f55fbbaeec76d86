import {escapeControls} from '../text/escape-controls.js';
import {hops, verdictMarks, verdictWords, type Hop, type NetworkMap, type NetworkPath, type PathVerdict} from './network-map.js';
import {xmlAttr, xmlText} from './xml.js';

/*
The network picture as one SVG element, drawn from the pure model (network-map.ts). Self-contained:
no external reference, no script, no font file; well-formed XML (it is parsed as XML in the tests).
Readable without colour: every path carries a mark (✔ ! ✖ · ↻), a word and a line style, and a
failing path names the layer that failed and the team that fixes it, written on the path itself.
*/

const width = 1000;
const top = 92;
const rowHeight = 62;
const sourceX = 10;
const sourceWidth = 150;
const hopX: Record<Exclude<Hop, 'destination'>, number> = {'bmc-switch': 235, tor: 335, border: 435, firewall: 535};
const destinationX = 660;
const destinationWidth = 190;

export const verdictColours: Record<PathVerdict, string> = {pass: '#1a7f37', warn: '#9a6700', fail: '#cf222e', 'not-run': '#6e7781', stale: '#8250df'};
const dash: Record<PathVerdict, string | undefined> = {pass: undefined, warn: '10 4', fail: undefined, 'not-run': '4 4', stale: '2 4'};

/** Untrusted text for SVG content or attributes: control characters made visible, markup escaped. */
const text = (value: string) => xmlText(escapeControls(value, 'line'));
const attr = (value: string) => xmlAttr(escapeControls(value, 'line'));

function rowY(index: number): number {
	return top + (index * rowHeight) + (rowHeight / 2);
}

/** What is written on a path: `✖ FAIL: TCP 53 dropped · firewall team`. */
export function pathCaption(path: NetworkPath): string {
	const word = `${verdictMarks[path.verdict]} ${verdictWords[path.verdict]}`;
	if (path.verdict !== 'fail') {
		return `${word}: ${path.service}`;
	}

	const layers = path.layers.length > 0 ? path.layers.join('; ') : `${path.service} failed`;
	return `${word}: ${layers}${path.owners.length > 0 ? ` · ${path.owners.join(', ')}` : ''}${path.waived ? ' (overridden)' : ''}`;
}

/** The caption split for drawing: what failed, and who fixes it (for failing paths). */
function captionParts(path: NetworkPath): [string, string | undefined] {
	if (path.verdict !== 'fail') {
		return [pathCaption(path), undefined];
	}

	const word = `${verdictMarks[path.verdict]} ${verdictWords[path.verdict]}`;
	const layers = path.layers.length > 0 ? path.layers.join('; ') : `${path.service} failed`;
	const owners = path.owners.length > 0 ? `fix: ${path.owners.join(', ')}${path.waived ? ' (overridden)' : ''}` : path.waived ? '(overridden)' : undefined;
	return [`${word}: ${layers}`, owners];
}

function box(x: number, y: number, w: number, h: number, title: string, subtitle: string | undefined, extra = ''): string {
	const lines = [`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="#f6f8fa" stroke="#57606a"${extra}/>`];
	lines.push(`<text x="${x + 8}" y="${y + (subtitle ? h / 2 - 3 : h / 2 + 5)}" class="node">${text(title)}</text>`);
	if (subtitle) {
		lines.push(`<text x="${x + 8}" y="${y + h / 2 + 13}" class="addr">${text(subtitle)}</text>`);
	}

	return lines.join('');
}

function renderPath(path: NetworkPath, index: number): string {
	const y = rowY(index);
	const colour = verdictColours[path.verdict];
	const start = sourceX + sourceWidth;
	const end = destinationX;
	const stopX = path.blockedAt && path.blockedAt !== 'destination' ? hopX[path.blockedAt] + 35 : end;
	const dashed = dash[path.verdict] ? ` stroke-dasharray="${dash[path.verdict]}"` : '';
	const parts = [`<g class="path ${path.verdict}" data-path="${attr(path.id)}" data-verdict="${path.verdict}">`, `<title>${text(`${path.source.label} → ${path.destination.label}${path.destination.address ? ` ${path.destination.address}` : ''}: ${pathCaption(path)}`)}</title>`];
	parts.push(`<line x1="${start}" y1="${y + 8}" x2="${stopX}" y2="${y + 8}" stroke="${colour}" stroke-width="3"${dashed}/>`);
	if (path.verdict === 'fail' && stopX < end) {
		// Past the device that stops it, the traffic never arrives: a thin grey dotted stub.
		parts.push(`<line x1="${stopX}" y1="${y + 8}" x2="${end}" y2="${y + 8}" stroke="#afb8c1" stroke-width="1.5" stroke-dasharray="2 5"/>`);
	}

	const markX = path.verdict === 'fail' && stopX < end ? stopX : end - 12;
	parts.push(`<circle cx="${markX}" cy="${y + 8}" r="10" fill="#ffffff" stroke="${colour}" stroke-width="2"/>`, `<text x="${markX}" y="${y + 13}" text-anchor="middle" class="mark" fill="${colour}">${text(verdictMarks[path.verdict])}</text>`);
	// What failed above the line, who fixes it below: both stay inside the space between the boxes.
	const [what, who] = captionParts(path);
	parts.push(`<text x="${start + 8}" y="${y - 6}" class="caption" fill="${colour}">${text(what)}</text>`);
	if (who) {
		parts.push(`<text x="${start + 8}" y="${y + 27}" class="owner" fill="${colour}">${text(who)}</text>`);
	}
	parts.push(box(destinationX, y - 14, destinationWidth, 44, path.destination.label, path.destination.address));
	parts.push(`<text x="${destinationX + destinationWidth + 10}" y="${y + 13}" class="word" fill="${colour}">${text(`${verdictMarks[path.verdict]} ${verdictWords[path.verdict]}`)}</text>`, '</g>');
	return parts.join('');
}

/** Source boxes span the consecutive rows of one source (the DVM's four paths share one DVM box). */
function sourceBoxes(map: NetworkMap): string[] {
	const boxes: string[] = [];
	let first = 0;
	for (let index = 1; index <= map.paths.length; index++) {
		const current = map.paths[first]!;
		if (index < map.paths.length && map.paths[index]!.source.role === current.source.role) {
			continue;
		}

		const y = rowY(first) - 16;
		const height = rowY(index - 1) - rowY(first) + 48;
		boxes.push(box(sourceX, y, sourceWidth, height, current.source.label, current.source.address, ` data-node="${attr(current.source.role)}"`));
		first = index;
	}

	return boxes;
}

function networkFrames(map: NetworkMap): string[] {
	const frames: string[] = [];
	const bmcRows = map.paths.map((path, index) => ({path, index})).filter(({path}) => path.source.role === 'dvm' || path.source.role === 'hlh');
	if (bmcRows.length > 0) {
		const y = rowY(bmcRows[0]!.index) - 24;
		const height = rowY(bmcRows.at(-1)!.index) - rowY(bmcRows[0]!.index) + 62;
		frames.push(`<rect x="4" y="${y}" width="${sourceWidth + 12}" height="${height}" fill="none" stroke="#8c959f" stroke-dasharray="6 3"/>`, `<text x="8" y="${y - 5}" class="addr">${text(`BMC network${map.bmcNetwork ? ` ${map.bmcNetwork}` : ''}`)}</text>`);
	}

	const vipRow = map.paths.findIndex(path => path.source.role === 'public-vip');
	if (vipRow !== -1 && map.publicVip) {
		frames.push(`<text x="8" y="${rowY(map.paths.length - 1) + 44}" class="addr">${text(`Public VIP pool ${map.publicVip}`)}</text>`);
	}

	return frames;
}

function legend(y: number): string {
	const items = (['pass', 'warn', 'fail', 'not-run', 'stale'] as const).map((verdict, index) => {
		const x = 10 + (index * 130);
		const dashed = dash[verdict] ? ` stroke-dasharray="${dash[verdict]}"` : '';
		return `<line x1="${x}" y1="${y}" x2="${x + 36}" y2="${y}" stroke="${verdictColours[verdict]}" stroke-width="3"${dashed}/><text x="${x + 42}" y="${y + 5}" class="addr">${text(`${verdictMarks[verdict]} ${verdictWords[verdict]}`)}</text>`;
	});
	return `<g class="legend">${items.join('')}</g>`;
}

/** The deployment network as an SVG element (no XML declaration: it is inlined in the HTML report). */
export function renderNetworkSvg(map: NetworkMap): string {
	const height = top + (map.paths.length * rowHeight) + 70;
	const failing = map.paths.filter(path => path.verdict === 'fail').length;
	const description = `${map.paths.length} paths, ${failing} failing. ${map.paths.map(path => `${path.source.label} to ${path.destination.label}: ${pathCaption(path)}`).join('. ')}`;
	const parts = [
		`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="net-title net-desc" class="network">`,
		'<title id="net-title">The deployment network, each path with its latest verdict</title>',
		`<desc id="net-desc">${text(description)}</desc>`,
		'<style>.node{font:600 14px sans-serif;fill:#24292f}.addr{font:12px monospace;fill:#57606a}.caption{font:600 12px sans-serif;paint-order:stroke;stroke:#ffffff;stroke-width:4px}.owner{font:italic 12px sans-serif;paint-order:stroke;stroke:#ffffff;stroke-width:4px}.mark{font:700 13px sans-serif}.word{font:700 13px sans-serif}.hop{font:600 12px sans-serif;fill:#24292f}</style>',
	];
	for (const hop of hops) {
		const x = hopX[hop.id];
		parts.push(`<g data-node="${hop.id}"><rect x="${x}" y="10" width="70" height="44" rx="6" fill="#eaeef2" stroke="#57606a"/><text x="${x + 35}" y="37" text-anchor="middle" class="hop">${text(hop.short)}</text><title>${text(hop.label)}</title>`);
		parts.push(`<line x1="${x + 35}" y1="54" x2="${x + 35}" y2="${height - 60}" stroke="#d0d7de" stroke-width="1.5" stroke-dasharray="3 3"/></g>`);
	}

	parts.push(`<text x="${hopX['bmc-switch']}" y="70" class="addr">${text('BMC switch · ToR switches · Border · Customer firewall')}</text>`);
	parts.push(...networkFrames(map), ...sourceBoxes(map), ...map.paths.map((path, index) => renderPath(path, index)), legend(height - 20), '</svg>');
	return parts.join('\n');
}
