import {stepApplicability, type Applicability, type InputValues} from '../runbook/conditions.js';
import type {Phase, Step} from '../runbook/schema.js';
import {siteStep} from '../runbook/site-text.js';
import type {Session} from './state.js';

/** The session's input values, as conditions and site text read them. */
export function sessionInputValues(session: Session): InputValues {
	return Object.fromEntries(Object.entries(session.inputs).map(([name, record]) => [name, record.value]));
}

/** Whether a step applies in this session (its `when:` and its phase's hold, or are undecided). */
export function applicability(session: Session, phase: Phase, step: Step): Applicability {
	return stepApplicability(phase, step, sessionInputValues(session));
}

export function applies(session: Session, phase: Phase, step: Step): boolean {
	return applicability(session, phase, step).applies;
}

/** The step as this session reads it: its text carries the site's values (`{$input: …}`, `{$first/27: …}`). */
export function sessionStep<S extends Step>(session: Session, step: S): S {
	return siteStep(step, sessionInputValues(session));
}
