import type {FixOwner} from '../../checks/types.js';
import {buildRequests, requestOwners} from '../../reports/build-requests.js';
import {renderRequestsCsv, renderRequestsMarkdown} from '../../reports/render-requests.js';
import {UsageError} from '../args.js';
import type {CliContext} from '../context.js';
import {chooseFormat, cliReport, emit, renderOptionsFor} from './report.js';

const formats = ['md', 'json', 'csv'] as const;

const usage = 'usage: azs-runbook requests [--owner TEAM] [--format md|json|csv] [--out FILE] [--redact]';

function ownerFrom(context: CliContext): FixOwner | undefined {
	const given = context.args.owner;
	if (given === undefined) {
		return undefined;
	}

	if (!(requestOwners as readonly string[]).includes(given)) {
		throw new UsageError(`--owner must be one of ${requestOwners.join(', ')}, not "${given}"`);
	}

	return given as FixOwner;
}

/**
`requests [--owner TEAM] [--format md|json|csv] [--out FILE] [--redact]`: one change request per team
that must act, from the session's failing findings. Reads only; takes no lock.
*/
export async function requestsCommand(context: CliContext): Promise<number> {
	if (context.args.positionals.length > 0) {
		throw new UsageError(usage);
	}

	const format = chooseFormat(context, formats, {'.json': 'json', '.csv': 'csv'}, 'md');
	const owner = ownerFrom(context);
	const report = await cliReport(context);
	const requests = buildRequests(report, owner ? {owner} : {});
	const text = format === 'json' ? `${JSON.stringify(requests, null, 2)}\n` : format === 'csv' ? renderRequestsCsv(requests) : renderRequestsMarkdown(requests, renderOptionsFor(context, report.journal));
	emit(context, text, `the change request${owner ? '' : 's'} (${format})`);
	return 0;
}
