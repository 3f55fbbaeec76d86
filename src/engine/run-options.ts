import type {ProbeEvent, ProbeSet} from '../checks/types.js';

/** How checks run: limits, trust and resolver overrides, shared by TUI, CLI and reports. */
export type RunOptions = {
	signal: AbortSignal;
	/** Per-probe timeout default, milliseconds. */
	timeoutMs: number;
	/** How many check steps run at once. */
	concurrency: number;
	/** Extra trusted CAs (PEM text), e.g. the customer's internal root or a lab CA. */
	extraCaPem: string[];
	/** Replaces the DNS forwarders input for name resolution (e.g. `127.0.0.1:5353` in tests). */
	dnsServersOverride?: string[];
	onProbe?: (stepId: string, event: ProbeEvent) => void;
	/**
	The probes a check step of the named session runs on, asked for per step (a training session answers
	from its scenario, read afresh for every step so an injected fault shows on the next run); default:
	the real probes.
	*/
	probesFor?: (stepId: string, session: string) => ProbeSet;
	/** Why command steps are recorded as skipped instead of run (training: the site is simulated, this machine is not it). */
	skipCommands?: string;
};

export const defaultRunOptions = (): RunOptions => ({
	signal: new AbortController().signal,
	timeoutMs: 5000,
	concurrency: 8,
	extraCaPem: [],
});
