import type {Runbook, SourceDoc} from './schema.js';

type Cites = {source?: string | string[]};

/** The keys a step or phase cites. */
export function sourceKeys(item: Cites): string[] {
	return item.source === undefined ? [] : typeof item.source === 'string' ? [item.source] : item.source;
}

/** The documents a step cites, in its order; keys the runbook does not define are left out (the loader refuses them). */
export function citedSources(runbook: Pick<Runbook, 'sources'>, item: Cites): SourceDoc[] {
	return sourceKeys(item).flatMap(key => {
		const doc = runbook.sources?.[key];
		return doc ? [doc] : [];
	});
}

/** `azure-stack/operator/azure-stack-network.md (2025-08-13): Network integration planning` */
export function formatSource(doc: SourceDoc): string {
	return `${doc.doc} (${doc.date}): ${doc.title}`;
}
