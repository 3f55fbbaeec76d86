import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {childOutput} from '../helpers/child-output.js';

/*
Real headless Chromium (Debian's `chromium`), run with the network off: inside a fresh network
namespace that has no interface but a loopback that is down (`unshare -n`, which needs root), with
a fresh profile, every background service off, and a NetLog of every request it tried. Each run is
bounded; the whole process group is killed afterwards, so no browser outlives a test.
*/

const binary = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(candidate => existsSync(candidate));

/** Why Chromium cannot run here, or undefined when it can. */
export function chromiumUnavailable(): string | undefined {
	if (!binary) {
		return 'chromium is not installed (Debian package chromium, listed in .ci/lab-packages.txt)';
	}

	if (process.platform !== 'linux' || process.getuid?.() !== 0) {
		return 'needs root on Linux to run the browser in a network namespace without network';
	}

	return existsSync('/usr/bin/unshare') ? undefined : 'unshare (util-linux) is not installed';
}

export type ChromiumRun = {stdout: string; stderr: string; code: number | null; netLog: string};

/** Runs Chromium once on `url` with `extra` arguments (e.g. --dump-dom, --screenshot=FILE); bounded at `limitMs`. */
export async function runChromium(url: string, extra: string[], limitMs = 90_000): Promise<ChromiumRun> {
	const profile = mkdtempSync(path.join(os.tmpdir(), 'azs-chromium-'));
	const netLogFile = path.join(profile, 'netlog.json');
	const args = [
		'-n', binary!,
		'--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
		'--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--disable-default-apps', '--no-pings',
		'--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter', `--user-data-dir=${path.join(profile, 'profile')}`,
		`--log-net-log=${netLogFile}`, '--net-log-capture-mode=Everything',
		...extra, url,
	];
	const child = spawn('/usr/bin/unshare', args, {detached: true, stdio: ['ignore', 'pipe', 'pipe']});
	const output = childOutput(child);
	const killGroup = () => {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// Already gone.
		}
	};

	const timer = setTimeout(killGroup, limitMs);
	try {
		const code = await output.closed;
		return {stdout: output.stdout(), stderr: output.stderr(), code, netLog: existsSync(netLogFile) ? readFileSync(netLogFile, 'utf8') : ''};
	} finally {
		clearTimeout(timer);
		// The browser's helpers (zygote, renderer) share its process group: none may outlive the test.
		killGroup();
		await noneLeft(profile);
		rmSync(profile, {recursive: true, force: true});
	}
}

/** Live processes (zombies aside) whose command line names `marker`. */
function liveProcesses(marker: string): number[] {
	return readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).flatMap(pid => {
		try {
			const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			const state = /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
			return cmdline.includes(marker) && state !== 'Z' ? [Number(pid)] : [];
		} catch {
			return [];
		}
	});
}

/** Waits (bounded, 10 s) until no browser process of this run is alive; fails the test otherwise. */
async function noneLeft(profile: string): Promise<void> {
	for (let tries = 0; tries < 100; tries++) {
		const left = liveProcesses(profile);
		if (left.length === 0) {
			return;
		}

		for (const pid of left) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Gone meanwhile.
			}
		}

		await new Promise(resolve => setTimeout(resolve, 100));
	}

	throw new Error(`Chromium processes still alive after the run: ${liveProcesses(profile).join(', ')}`);
}

/** Every URL the NetLog saw requested (any scheme), de-duplicated. */
export function requestedUrls(netLog: string): string[] {
	return [...new Set([...netLog.matchAll(/"url":"([^"]+)"/g)].map(match => match[1]!))];
}

/*
Chromium's own services still try to call home in headless mode despite the flags (measured with
Chromium 156: update.googleapis.com from the component updater); they fail here (no network) and
are the browser's, not the page's. Everything else the NetLog saw was asked for by the page.
*/
const browserServiceHosts = /^https?:\/\/(?:update\.googleapis\.com|clients\d*\.google\.com|[\w-]+\.gvt1\.com|safebrowsing\.googleapis\.com|optimizationguide-pa\.googleapis\.com|accounts\.google\.com)\//;

/** The URLs the page itself requested: everything in the NetLog but Chromium's own services. */
export function pageRequests(netLog: string): string[] {
	return requestedUrls(netLog).filter(url => !browserServiceHosts.test(url));
}
