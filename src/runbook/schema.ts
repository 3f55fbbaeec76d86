import {z} from 'zod';

/*
The step-file schema. It is the single source of the runbook's TypeScript types: every type below
is inferred from it, so the loader, the engine and the UI cannot disagree about a field.
Objects are strict: an unknown key is a typo until proven otherwise.
*/

/**
Names every JavaScript object already answers to (`constructor`, `toString`…): as step ids and input
names they become keys of the saved session, where `inputs.constructor` would find Object's function.
*/
const objectPropertyNames: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype).map(name => name.toLowerCase()));

export const inputTypes = ['ipv4', 'ipv4-list', 'cidr', 'cidr-list', 'fqdn', 'ipv4-or-fqdn', 'region', 'enum', 'text'] as const;
export type InputType = (typeof inputTypes)[number];

/**
Where a step must be measured from: the DVM (source in the BMC network), the HLH OS, a workstation in
a permitted network, or a host whose address is in the Public VIP pool. A result measured elsewhere
proves nothing about the rule for this place.
*/
export const vantageNames = ['dvm', 'hlh', 'workstation', 'public-vip'] as const;
export type VantageName = (typeof vantageNames)[number];
/** The vantage names as a schema; a function so a module that needs it builds no schema when loaded. */
export const vantageSchema = () => z.enum(vantageNames);

/** Where a command step may run (`platforms:`); skipped elsewhere with a reason. */
export const platforms = ['win32', 'linux', 'darwin'] as const;

/*
The schemas are built on first use, not when the module loads: zod takes ~20–30 ms to build them,
and a first frame with the shipped runbook (validated when the bundle was built) needs none.
*/
function buildSchemas() {
	const vantage = vantageSchema();
	const id = z
		.string()
		.regex(/^[a-z][a-z0-9]*(?:[-._][a-z0-9]+)*$/, 'must be lower-case letters, digits, "-", "_" or "." and start with a letter')
		.refine(value => !objectPropertyNames.has(value.toLowerCase()), {message: 'is a name every JavaScript object already has (like "constructor"); choose another'});

	/** A duration in seconds, or a string such as `90s`, `15m`, `12h`, `7d`. */
	const durationSchema = z.union([
		z.number().int().positive(),
		z.string().regex(/^\d+[smhd]$/, 'must be seconds or a number followed by s, m, h or d (e.g. "12h")'),
	]);

	const inputRulesSchema = z.strictObject({
		/** Lists: fewer items are refused. */
		minItems: z.number().int().min(0).optional(),
		/** Lists: fewer items are accepted with a warning (the docs ask for two DNS forwarders). */
		warnBelow: z.number().int().min(1).optional(),
		/** Lists: warn when empty instead of refusing (permitted networks: empty means default deny). */
		warnWhenEmpty: z.string().optional(),
		/** CIDR: smallest and largest allowed prefix length (a /22 is larger than a /26). */
		prefixMin: z.number().int().min(0).max(32).optional(),
		prefixMax: z.number().int().min(0).max(32).optional(),
		/** CIDR: the recommended prefix, warned about when different. */
		prefixRecommended: z.number().int().min(0).max(32).optional(),
		/** Names of other network inputs this one must not overlap. */
		noOverlapWith: z.array(id).optional(),
		/** ipv4: a network input (cidr) the address must be a host of: inside it, neither its network nor its broadcast address. */
		hostIn: id.optional(),
		/** ipv4: network inputs (cidr) the address must not lie in (the DVM is not a Public VIP). */
		notIn: z.array(id).optional(),
		/** ipv4: address inputs this one must differ from (the DVM is not the HLH). */
		differentFrom: z.array(id).optional(),
		/** enum: the allowed values. */
		options: z.array(z.string().min(1)).min(1).optional(),
		/** text: a regular expression the value must match, and what to say when it does not. */
		pattern: z.string().optional(),
		patternMessage: z.string().optional(),
		/** ipv4-or-fqdn: the warning shown when an FQDN is given. */
		fqdnWarning: z.string().optional(),
	});

	/**
	A condition on an input's value: the step or phase applies only when it holds. `is` and `isNot` take
	one value or a list; the input must be an enum entered earlier, and the values must be its options.
	*/
	const conditionSchema = z.strictObject({
		input: id,
		is: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
		isNot: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
	});

	/** One condition, or a list of conditions that must all hold. */
	const whenSchema = z.union([conditionSchema, z.array(conditionSchema).min(1)]);

	/** Keys into the runbook's `sources`: the documents a step's facts come from. */
	const sourceRefSchema = z.union([id, z.array(id).min(1)]);

	/** A document the runbook's facts come from, with the date of the version read. */
	const sourceDocSchema = z.strictObject({
		/** Path in Microsoft's documentation repository (azure-stack/operator/…) or a URL (issues, release notes). */
		doc: z.string().min(1),
		/** The version read: the page's ms.date, or the date of the thread. */
		date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-08-13'),
		/** What the document is, in a few words. */
		title: z.string().min(1),
		/** The public address, when it differs from the doc path. */
		url: z.string().optional(),
	});

	const commonStepFields = {
		id,
		title: z.string().min(1),
		/** What to do, in Markdown-ish plain text. */
		body: z.string().min(1),
		/** Why it matters. Shown on demand and in training. */
		why: z.string().optional(),
		/** What to do when it fails. */
		onFailure: z.string().optional(),
		/** Whether the phase gate waits for this step. */
		blocking: z.boolean().default(true),
		/** Whether an operator may override a failure (with a reason). */
		overridable: z.boolean().default(true),
		/** Why a step cannot be overridden, shown when someone tries. */
		notOverridableReason: z.string().optional(),
		/** Hints for training; counted when asked for. */
		hints: z.array(z.string()).optional(),
		/** The documents this step's facts come from (keys of the runbook's `sources`). */
		source: sourceRefSchema.optional(),
		/** The step applies only when this holds; otherwise status, gating and reports skip it and say why. */
		when: whenSchema.optional(),
	};

	const instructionStepSchema = z.strictObject({
		kind: z.literal('instruction'),
		...commonStepFields,
	});

	const inputStepSchema = z.strictObject({
		kind: z.literal('input'),
		...commonStepFields,
		/** The input's name, used by references (`$input: name`). */
		name: id,
		type: z.enum(inputTypes),
		rules: inputRulesSchema.optional(),
		/** Freeze the value when its phase completes; later changes need an explicit unfreeze. */
		freeze: z.boolean().default(false),
		/** Example shown as a placeholder. */
		example: z.string().optional(),
		default: z.union([z.string(), z.array(z.string())]).optional(),
	});

	const confirmStepSchema = z.strictObject({
		kind: z.literal('confirm'),
		...commonStepFields,
		/** The sentence the operator attests, recorded with who and when. */
		attestation: z.string().min(1),
		/** A checkpoint attested again and again (the deployment's daily check): each time is recorded, the next is due `every` after the last. */
		recurring: z.strictObject({every: durationSchema}).optional(),
	});

	const checkStepSchema = z.strictObject({
		kind: z.literal('check'),
		...commonStepFields,
		check: z.string().min(1),
		params: z.record(z.string(), z.unknown()).default({}),
		/** How long a result stays valid before it must re-run. */
		ttl: durationSchema.optional(),
		/** Where this check must run; default: its phase's vantage. */
		vantage: vantage.optional(),
	});

	const commandStepSchema = z.strictObject({
		kind: z.literal('command'),
		...commonStepFields,
		/** Program and arguments, run without a shell. Items may reference inputs as `{$input: name}`. */
		argv: z.array(z.union([z.string(), z.strictObject({$input: id})])).min(1),
		/** Only run on these platforms; skipped elsewhere with a reason. */
		platforms: z.array(z.enum(platforms)).optional(),
		timeout: durationSchema.optional(),
		/** Exit codes that count as success (default: 0). */
		successExitCodes: z.array(z.number().int()).optional(),
		ttl: durationSchema.optional(),
		/** Where this command must run; default: its phase's vantage. */
		vantage: vantage.optional(),
	});

	const stepSchema = z.discriminatedUnion('kind', [
		instructionStepSchema,
		inputStepSchema,
		confirmStepSchema,
		checkStepSchema,
		commandStepSchema,
	]);

	const phaseSchema = z.strictObject({
		id,
		title: z.string().min(1),
		body: z.string().min(1),
		/** Where the phase's checks and commands must run from, unless a step says otherwise. */
		vantage: vantage.optional(),
		/** The whole phase applies only when this holds. */
		when: whenSchema.optional(),
		source: sourceRefSchema.optional(),
		steps: z.array(stepSchema).min(1),
	});

	const endpointListsSchema = z.strictObject({
		/** The enum input whose value chooses the list. */
		selectBy: id,
		/** Input value → endpoint file, relative to the step file. */
		lists: z.record(z.string(), z.string().min(1)),
	});

	const runbookSchema = z.strictObject({
		id,
		title: z.string().min(1),
		version: z.string().min(1),
		description: z.string().min(1),
		/** Default result time-to-live for checks that set none. */
		defaultTtl: durationSchema.default('12h'),
		endpointLists: endpointListsSchema.optional(),
		/** The ipv4-list input whose values are the DNS forwarders every name lookup goes through. */
		dnsForwardersInput: id.optional(),
		/** The documents steps cite with `source:`, keyed by a short name. Optional, so a runbook without it keeps its hash. */
		sources: z.record(z.string(), sourceDocSchema).optional(),
		/**
		How the engine knows where it runs: per vantage, the inputs (IPv4 addresses or CIDR networks)
		a local source address must match. The exact addresses (DVM, HLH) are tried before networks.
		*/
		vantageInputs: z.partialRecord(vantage, z.array(id).min(1)).optional(),
		phases: z.array(phaseSchema).min(1),
	});

	/** One endpoint of an outbound list. Wildcards carry concrete sample hosts to probe. */
	const endpointSchema = z.strictObject({
		/** Host as published, possibly a wildcard (`*.msauth.net`). */
		host: z.string().min(1),
		/** Concrete hosts to probe for a wildcard entry. */
		samples: z.array(z.string().min(1)).optional(),
		ports: z.array(z.number().int().min(1).max(65_535)).min(1),
		protocol: z.enum(['https', 'http', 'tcp', 'udp']),
		/** Category used by references (`$endpoints: identity`). */
		category: id,
		purpose: z.string().min(1),
		requirement: z.enum(['mandatory', 'required', 'optional', 'recommended', 'conditional']),
		/** Needed during deployment from the DVM, not only afterwards. */
		atDeploy: z.boolean(),
		/** Path to request for the HTTP layer (default `/`). */
		path: z.string().optional(),
	});

	const endpointListSchema = z.strictObject({
		id,
		cloud: z.string().min(1),
		/** Where the list was taken from. */
		source: z.string().min(1),
		/** The date of the list (the source page's date), shown with every result that used it. */
		listDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2022-01-10'),
		endpoints: z.array(endpointSchema).min(1),
	});

	return {durationSchema, inputRulesSchema, conditionSchema, whenSchema, sourceRefSchema, sourceDocSchema, instructionStepSchema, inputStepSchema, confirmStepSchema, checkStepSchema, commandStepSchema, stepSchema, phaseSchema, endpointListsSchema, runbookSchema, endpointSchema, endpointListSchema};
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;

/** The step-file schemas (built once, on first use). */
export function runbookSchemas(): Schemas {
	built ??= buildSchemas();
	return built;
}

export type InputRules = z.infer<Schemas['inputRulesSchema']>;
export type Condition = z.infer<Schemas['conditionSchema']>;
export type When = z.infer<Schemas['whenSchema']>;
export type SourceDoc = z.infer<Schemas['sourceDocSchema']>;
/**
A parameter value: a literal, or a reference resolved at run time:
`{$input: name}` (an input's value) or `{$endpoints: category}` (entries of the selected endpoint list).
*/
export type ParamValue = unknown;
export type Runbook = z.infer<Schemas['runbookSchema']>;
export type Phase = z.infer<Schemas['phaseSchema']>;
export type Step = z.infer<Schemas['stepSchema']>;
export type StepKind = Step['kind'];
export type InstructionStep = z.infer<Schemas['instructionStepSchema']>;
export type InputStep = z.infer<Schemas['inputStepSchema']>;
export type ConfirmStep = z.infer<Schemas['confirmStepSchema']>;
export type CheckStep = z.infer<Schemas['checkStepSchema']>;
export type CommandStep = z.infer<Schemas['commandStepSchema']>;
export type Endpoint = z.infer<Schemas['endpointSchema']>;
export type EndpointList = z.infer<Schemas['endpointListSchema']>;
