import os from 'node:os';
import path from 'node:path';

/**
The platform's config directory for azs-runbook, where conf keeps its files
(~/.config/azs-runbook on Linux, %APPDATA%\azs-runbook\Config on Windows,
~/Library/Preferences/azs-runbook on macOS). Computed by the same rules as conf (env-paths) without
loading conf, so start-up can find the state directory's cache before anything heavy is loaded.
*/
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
	const name = 'azs-runbook';
	if (platform === 'win32') {
		return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), name, 'Config');
	}

	if (platform === 'darwin') {
		return path.join(home, 'Library', 'Preferences', name);
	}

	return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), name);
}

/** The state directory a command line names with --state-dir (resolved), or the default one. */
export function stateDirFor(named: string | undefined): string {
	return named ? path.resolve(named) : defaultStateDir();
}

/** Training sessions live apart from real deployments, so they never mix in the session list. */
export function trainingStateDir(stateDir: string): string {
	return path.join(stateDir, 'training');
}
