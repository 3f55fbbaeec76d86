import {parseArgs} from 'node:util';
import {closest} from '../runbook/suggest.js';

/** Parsed command line. Only node:util, so `--help` stays fast. */
export type CliArgs = {
	command: string | undefined;
	positionals: string[];
	session: string;
	/** --session was given (the TUI then opens it directly instead of the start menu). */
	sessionGiven: boolean;
	/** --new: create the --session one if it does not exist yet (otherwise only run/set on "default" do). */
	new: boolean;
	stateDir?: string;
	operator?: string;
	runbook?: string;
	timeoutMs?: number;
	ca: string[];
	dnsServers?: string[];
	json: boolean;
	yes: boolean;
	phase?: string;
	step?: string;
	/** run: only the results that must re-run. */
	stale: boolean;
	reason?: string;
	/** `journal verify --head SEQ:HASH`: a head printed earlier that the journal must still contain. */
	head?: string;
	/** Report format: json, md or junit. */
	format?: string;
	/** Write the output to this file instead of standard output. */
	out?: string;
	/** Replace IP addresses, domains, tenant and host names with consistent tokens. */
	redact: boolean;
	/** diff: compare against the results at this time. */
	since?: string;
	/** journal: also list position moves and step starts. */
	all: boolean;
	/** The session is a training exercise: the training state directory and the simulated site. */
	training: boolean;
	/** train start: who the exercise is for. */
	trainee?: string;
	/** train escalate: the team the finding is handed to. */
	to?: string;
	/** collect: VANTAGE=user@address, repeatable. */
	host: string[];
	/** collect: the SSH private key (`ssh -i`). */
	identity?: string;
	/** collect: another ssh config file (`ssh -F`). */
	sshConfig?: string;
	/** collect: the azs-runbook command on the remote hosts. */
	remoteTool?: string;
	/** collect: the remote login shell, when the remote tool path needs quoting. */
	remoteShell?: string;
	/** collect: a portable kit folder to copy to hosts that have no azs-runbook. */
	kit?: string;
	/** results export: comma-separated step ids. */
	steps?: string;
	/** results export: the vantage the results prove. */
	vantage?: string;
	/** results export: measure this host's steps first. */
	run: boolean;
	/** journal verify: check the signed head with this allowed-signers file. */
	allowedSigners?: string;
	/** journal sign: the principal named in the allowed-signers file. */
	signer?: string;
	/** requests: only this team's change request. */
	owner?: string;
	help: boolean;
	version: boolean;
};

export class UsageError extends Error {
	override name = 'UsageError';

	/** `helpTopic`: the command whose help the one-line error points to (`azs-runbook help TOPIC`). */
	constructor(message: string, readonly helpTopic?: string) {
		super(message);
	}
}

/** Every flag. */
const optionSpec = {
	session: {type: 'string'},
	new: {type: 'boolean', default: false},
	'state-dir': {type: 'string'},
	operator: {type: 'string'},
	runbook: {type: 'string'},
	timeout: {type: 'string'},
	ca: {type: 'string', multiple: true},
	'dns-server': {type: 'string', multiple: true},
	json: {type: 'boolean', default: false},
	yes: {type: 'boolean', short: 'y', default: false},
	phase: {type: 'string'},
	step: {type: 'string'},
	stale: {type: 'boolean', default: false},
	reason: {type: 'string'},
	head: {type: 'string'},
	format: {type: 'string'},
	out: {type: 'string'},
	redact: {type: 'boolean', default: false},
	since: {type: 'string'},
	all: {type: 'boolean', default: false},
	training: {type: 'boolean', default: false},
	trainee: {type: 'string'},
	to: {type: 'string'},
	host: {type: 'string', multiple: true},
	identity: {type: 'string', short: 'i'},
	'ssh-config': {type: 'string'},
	'remote-tool': {type: 'string'},
	'remote-shell': {type: 'string'},
	kit: {type: 'string'},
	steps: {type: 'string'},
	vantage: {type: 'string'},
	run: {type: 'boolean', default: false},
	'allowed-signers': {type: 'string'},
	signer: {type: 'string'},
	owner: {type: 'string'},
	help: {type: 'boolean', short: 'h', default: false},
	version: {type: 'boolean', short: 'v', default: false},
} as const;

const knownFlags = Object.keys(optionSpec).map(name => `--${name}`);

/** node:util's long message for an unknown flag, made one line with "did you mean". */
function unknownOptionMessage(error: Error & {code?: string}): string {
	const name = /Unknown option '([^']+)'/.exec(error.message)?.[1];
	if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || name === undefined) {
		return error.message;
	}

	const match = closest(name, knownFlags);
	return `unknown option ${name}${match ? ` (did you mean ${match}?)` : ''}`;
}

/** Parses argv strictly: an unknown flag is a usage error, not silently ignored. */
export function parseCliArgs(argv: string[]): CliArgs {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			strict: true,
			options: optionSpec,
		});
	} catch (error) {
		throw new UsageError(unknownOptionMessage(error as Error & {code?: string}));
	}

	const {values, positionals} = parsed;
	let timeoutMs: number | undefined;
	if (values.timeout !== undefined) {
		timeoutMs = Number(values.timeout);
		if (!Number.isInteger(timeoutMs) || timeoutMs < 50 || timeoutMs > 60_000) {
			throw new UsageError(`--timeout must be a whole number of milliseconds between 50 and 60000, not "${values.timeout}"`);
		}
	}

	return {
		command: positionals[0],
		positionals: positionals.slice(1),
		session: values.session ?? 'default',
		sessionGiven: values.session !== undefined,
		new: values.new,
		stateDir: values['state-dir'],
		operator: values.operator,
		runbook: values.runbook,
		timeoutMs,
		ca: values.ca ?? [],
		dnsServers: values['dns-server'],
		json: values.json,
		yes: values.yes,
		phase: values.phase,
		step: values.step,
		stale: values.stale,
		reason: values.reason,
		head: values.head,
		format: values.format,
		out: values.out,
		redact: values.redact,
		since: values.since,
		all: values.all,
		training: values.training,
		trainee: values.trainee,
		to: values.to,
		host: values.host ?? [],
		identity: values.identity,
		sshConfig: values['ssh-config'],
		remoteTool: values['remote-tool'],
		remoteShell: values['remote-shell'],
		kit: values.kit,
		steps: values.steps,
		vantage: values.vantage,
		run: values.run,
		allowedSigners: values['allowed-signers'],
		signer: values.signer,
		owner: values.owner,
		help: values.help,
		version: values.version,
	};
}
