import path from 'node:path';
import Conf from 'conf';

/**
The platform's config directory for azs-runbook, as conf computes it
(e.g. ~/.config/azs-runbook on Linux, %APPDATA%\azs-runbook\Config on Windows).
*/
export function defaultStateDir(): string {
	const probe = new Conf({projectName: 'azs-runbook', projectSuffix: '', configName: 'sessions'});
	return path.dirname(probe.path);
}

/** Training sessions live apart from real deployments, so they never mix in the session list. */
export function trainingStateDir(stateDir: string): string {
	return path.join(stateDir, 'training');
}
