/*
Brings the lab up by hand for a demonstration: `npm run lab:up` (as root). It prints the namespace
names and how to run the runbook from the DVM with test/lab/lab-worksheet.yaml; `npm run lab:down`
tears it down. Nothing here reaches outside the lab's own namespaces.
*/
import {ip} from './lab-config.js';
import {cleanStaleLabs, labUp} from './lab.js';
import {labPreflight} from './preflight.js';

const prefix = 'azlab';
const check = labPreflight(prefix);
if (!check.ok) {
	console.error(check.reason);
	process.exit(1);
}

cleanStaleLabs();
// The manual lab outlives this process: owner pid 1 marks it as "kept until lab:down".
const state = labUp(prefix, 1);
console.log(`lab ${prefix} up in ${state.buildMs} ms (run dir ${state.runDir})
  DVM:  ip netns exec ${prefix}-dvm <command>     (10.200.1.10, unrestricted)
  HLH:  ip netns exec ${prefix}-hlh <command>     (10.200.1.11, restricted)
  DNS forwarders ${ip.dns}, ${ip.dns2}; NTP ${ip.ntp}; lab CA ${state.pkiDir}/labca.crt
  e.g.  ip netns exec ${prefix}-dvm env NODE_EXTRA_CA_CERTS=${state.pkiDir}/labca.crt node dist/azs-runbook.mjs   (worksheet: test/lab/lab-worksheet.yaml)
  down: npm run lab:down`);
