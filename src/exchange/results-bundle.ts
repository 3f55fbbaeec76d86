import {z} from 'zod';
import {canonicalJson, sha256} from '../runbook/canonical-json.js';
import {vantageSchema} from '../runbook/schema.js';

/*
A results bundle carries check results measured on one host to the session that owns the
deployment: over SSH (`collect`) or on a file (`results export` / `results import`). It names the
runbook and the inputs the results were measured with, the vantage they came from, and a hash
over all of it, so a result is never merged into a session it does not belong to.
*/

export const bundleFormat = 'azs-runbook-results/1';

/** The most of a command's output a bundle may carry, as a local run keeps it. */
export const maxCommandOutputChars = 16_000;

// Built on first use: the TUI loads this module for the collect screen, and zod's first schemas in a
// process cost ~10 ms of warm-up before the first frame.
function buildBundleSchema() {
	const probeRecordSchema = z
		.object({target: z.string(), kind: z.string(), ok: z.boolean(), durationMs: z.number()})
		.passthrough();

	const checkResultSchema = z
		.object({
			checkId: z.string(),
			status: z.enum(['pass', 'warn', 'fail', 'error', 'skipped']),
			summary: z.string(),
			remediation: z.string().optional(),
			owner: z.string().optional(),
			evidence: z.array(probeRecordSchema),
			startedAt: z.string(),
			durationMs: z.number(),
			vantage: z.object({host: z.string(), localAddresses: z.array(z.string())}).passthrough(),
			endpointList: z.string().optional(),
		})
		.passthrough();


	const commandResultSchema = z
		.object({
			argv: z.array(z.string()),
			exitCode: z.number().int().optional(),
			failure: z.string().optional(),
			output: z.string(),
			truncated: z.boolean(),
			startedAt: z.string(),
			durationMs: z.number(),
			host: z.string(),
		})
		.strict();

	const inputValueSchema = z.union([z.string(), z.array(z.string())]);

	const bundleSchema = z
		.object({
			format: z.literal(bundleFormat),
			runbookId: z.string(),
			runbookHash: z.string(),
			/** The vantage the host was there to prove (dvm, hlh, workstation, public-vip). */
			vantage: vantageSchema(),
			/** The host that measured: its name and the addresses its sockets used. */
			host: z.object({name: z.string(), addresses: z.array(z.string())}),
			operator: z.string(),
			createdAt: z.string(),
			/** Every input the results were measured with, by name. */
			inputs: z.record(z.string(), inputValueSchema),
			results: z.array(
				z.object({
					stepId: z.string(),
					ttlSeconds: z.number(),
					usedInputs: z.array(z.string()),
					result: checkResultSchema,
				}),
			),
			/** Command steps that ran there: exit code and captured output. */
			commands: z
				.array(
					z.object({
						stepId: z.string(),
						ttlSeconds: z.number(),
						usedInputs: z.array(z.string()),
						state: z.enum(['passed', 'failed', 'error']),
						command: commandResultSchema,
					}),
				)
				.optional(),
			/** Steps the host did not run, and why (a command for another platform). */
			notRun: z.array(z.object({stepId: z.string(), reason: z.string()})).optional(),
			/** SHA-256 over the canonical JSON of everything above. */
			contentHash: z.string(),
		})
		.strict();

	return bundleSchema;
}

let bundleSchema: ReturnType<typeof buildBundleSchema> | undefined;

export type ResultsBundle = z.infer<ReturnType<typeof buildBundleSchema>>;
export type BundleContent = Omit<ResultsBundle, 'contentHash'>;
export type BundledResult = ResultsBundle['results'][number];
export type BundledCommand = NonNullable<ResultsBundle['commands']>[number];

/** The largest bundle accepted: a full runbook's evidence is a few hundred KB. */
export const maxBundleBytes = 8 * 1024 * 1024;

export function sealBundle(content: BundleContent): ResultsBundle {
	return {...content, contentHash: sha256(canonicalJson(content))};
}

export type ParsedBundle = {ok: true; bundle: ResultsBundle} | {ok: false; reason: string};

/** Parses a bundle's text; any shape problem or a hash that does not match is a refusal, never a throw. */
export function parseBundle(text: string): ParsedBundle {
	if (Buffer.byteLength(text, 'utf8') > maxBundleBytes) {
		return {ok: false, reason: `larger than ${maxBundleBytes / 1024 / 1024} MB; not a results file`};
	}

	let raw: unknown;
	try {
		raw = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (error) {
		return {ok: false, reason: `not JSON (${(error as Error).message})`};
	}

	bundleSchema ??= buildBundleSchema();
	const parsed = bundleSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		return {ok: false, reason: `not a results file of this version: ${issue.path.join('.') || 'file'}: ${issue.message}`};
	}

	const {contentHash, ...content} = parsed.data;
	const expected = sha256(canonicalJson(content));
	if (expected !== contentHash) {
		return {ok: false, reason: `its content hash does not match (file says ${contentHash.slice(0, 12)}…, content is ${expected.slice(0, 12)}…): it was edited after it was written`};
	}

	return {ok: true, bundle: parsed.data};
}
