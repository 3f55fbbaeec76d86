import {z} from 'zod';
import {vantageSchema} from '../runbook/schema.js';

/*
What `collect` asks a remote host to do, sent on the remote command's standard input (never on its
command line, so no value is ever parsed by a remote shell): the runbook it must have, the session's
inputs, the steps that belong to the host's vantage, and the trust and resolver settings of the run.
*/

export const jobFormat = 'azs-runbook-job/1';

export const collectJobSchema = z
	.object({
		format: z.literal(jobFormat),
		runbookId: z.string(),
		runbookHash: z.string(),
		vantage: vantageSchema(),
		operator: z.string(),
		inputs: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
		stepIds: z.array(z.string()).min(1).max(500),
		extraCaPem: z.array(z.string().max(1024 * 1024)).max(16),
		timeoutMs: z.number().int().min(50).max(60_000),
		dnsServers: z.array(z.string()).max(16).optional(),
	})
	.strict();

export type CollectJob = z.infer<typeof collectJobSchema>;

/** The largest job read from standard input. */
export const maxJobBytes = 4 * 1024 * 1024;

export type ParsedJob = {ok: true; job: CollectJob} | {ok: false; reason: string};

export function parseJob(text: string): ParsedJob {
	if (Buffer.byteLength(text, 'utf8') > maxJobBytes) {
		return {ok: false, reason: 'the job is larger than 4 MB'};
	}

	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		return {ok: false, reason: `the job is not JSON (${(error as Error).message})`};
	}

	const parsed = collectJobSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		return {ok: false, reason: `not a job of this version: ${issue.path.join('.') || 'job'}: ${issue.message}`};
	}

	return {ok: true, job: parsed.data};
}
