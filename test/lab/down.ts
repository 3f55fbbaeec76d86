/*
Tears the lab down: `npm run lab:down` removes the manual lab (prefix azlab), and any test lab whose
run died without teardown. Processes first, then namespaces.
*/
import path from 'node:path';
import {cleanStaleLabs, labDown, readLabState, repoRoot} from './lab.js';

const prefix = process.argv[2] ?? 'azlab';
labDown(readLabState(prefix) ?? {prefix, runDir: path.join(repoRoot, '.lab-run', prefix), pids: []});
const stale = cleanStaleLabs();
console.log(`lab ${prefix} down${stale.length > 0 ? `; also removed stale labs ${stale.join(', ')}` : ''}`);
