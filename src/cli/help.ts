/** The help text, written by hand so it reads like documentation, not a flag dump. */
export const helpText = `azs-runbook: a guided, resumable runbook with live network checks for Azure Stack Hub deployments

Usage
  azs-runbook [command] [options]

Commands
  (none)                     the interactive runbook in a terminal; without one, the status
  help [COMMAND]             this help, or one command's (also: COMMAND --help)
  status [--json]            where the deployment stands: phases, gates, next step
  run [--phase ID | --step ID | --stale] [--yes] [--json]
                             run the checks and commands of a phase, a step, or everything
                             runnable (results that must re-run first); --stale: only those;
                             --yes acknowledges instruction steps
  set NAME=VALUE             enter an input (lists: comma-separated), validated like the TUI
  confirm STEP               attest a confirm step (recorded with who and when)
  override STEP --reason TEXT
                             accept a failed step anyway; the reason, who and when are recorded
  unfreeze NAME --reason TEXT
                             allow a frozen input (DNS forwarders, time server) to change;
                             every result that used it becomes stale
  note "TEXT" [--step ID]     a timestamped note in the journal (who, when, which step; default
                             the step where the session is): a ticket, a version, what was said
  sessions                   list saved sessions with their phase and last activity
  reset [--yes]              start the session again; the old state is kept as a backup
  validate [FILE]            check a step file (default: the embedded runbook)
  journal [--all] [--json]   every recorded action: time, who, what (--all: also moves and starts)
  journal verify             check the journal's hash chain and the saved state against it;
                             names the first edited, deleted or moved line (exit 3)
  journal verify --head SEQ:HASH | --allowed-signers FILE
                             prove the journal still holds a head written down earlier, or one
                             signed with journal sign (checked against an allowed-signers file)
  journal sign --identity KEY [--signer NAME]
                             sign the journal head with your SSH key (ssh-keygen -Y sign)
  journal rebuild --yes      rebuild the saved state from the journal's verified entries,
                             when the two disagree (both old files are kept aside)
  report [--format json|md|junit|html] [--out FILE] [--redact]
                             the session's report: per phase what is done, pending, blocked
                             (and who must act), overridden, each failure with its remediation;
                             JSON follows schemas/report.schema.json; the format defaults to
                             the --out extension (.json, .xml, .html) or Markdown; html is
                             one self-contained file with a picture of the network
  requests [--owner TEAM] [--format md|json|csv] [--out FILE] [--redact]
                             one change request per team that must act: the exact rules
                             (source range, destination, protocol, port, what was seen),
                             merged across checks, with evidence and the overrides in force;
                             JSON follows schemas/requests.schema.json; TEAM: firewall-team,
                             dns-team, proxy-security-team, network-team, oem, customer, operator
  handover [--out FILE] [--redact]
                             one page for the next engineer or shift, with the resume command
  diff [--since TIME] [--json]
                             what changed between runs per check: newly failing, fixed, still
                             failing; TIME: 2026-01-05T09:30Z, 09:30 (today) or an age (2h)
  inputs                     every input with its value
  inputs export FILE         the values as an answer file (.yaml worksheet or .json)
  inputs import FILE         load an answer file; every value validated like typed input;
                             says what was taken, refused (and why) and what is missing

Many vantage points (results proven on another host, merged into this session)
  collect --host VANTAGE=user@address [--host …] [--phase ID | --step ID]
                             run each host's steps there over OpenSSH (system ssh; keys from the
                             agent or -i/--identity FILE; ~/.ssh/config or --ssh-config FILE;
                             host keys always verified) and merge the results, labelled with the
                             vantage (dvm, hlh, workstation, public-vip); --remote-tool PATH names
                             azs-runbook there (default: azs-runbook on its PATH); a host without
                             it gets the kit copied (scp, SHA-256 checked there): --kit DIR, or the
                             kit this program runs from
  results export --out FILE [--run] [--phase ID | --steps A,B] [--vantage NAME]
                             this host's results for one vantage, sealed with a content hash,
                             to carry on a file where there is no SSH path; --run measures this
                             host's steps first (ungated: the owning session decides)
  results import FILE        merge such a file; refuses another runbook, changed inputs, a step
                             of another vantage or an edited file, each with the reason

Training (instructor-led exercises on a simulated site: the real runbook, the real judgement code)
  train list                 the scenarios and what each teaches
  train start SCENARIO --trainee NAME [--session NAME]
                             a new exercise, stored apart from real sessions (in <state-dir>/training)
                             and marked TRAINING everywhere; the scenario's worksheet is loaded
  --training                 with the commands above and the TUI: work on a training session;
                             checks run on its simulated site, never the network
                             (e.g. azs-runbook --training --session drill, run --training --phase dvm-egress)
  train hint STEP --session NAME
                             the step's next hint; hints used are counted in the journal
  train why STEP             why the step matters, from the step file
  train escalate STEP --to TEAM [--reason TEXT] --session NAME
                             hand a finding to the team that must fix it (dns-team, firewall-team, …)
  train inject SESSION CONDITION
                             add a fault mid-exercise: a condition the scenario prepares, or inline
                             YAML such as '{flows: [{to: login.microsoftonline.com, port: 443, action: drop}]}';
                             the trainee's next run sees it
  train clear SESSION [CONDITION]
                             remove a condition (all of them: the healthy site), as a team's fix would
  train conditions SESSION   what is in force and what can be injected
  train summary [SESSION…] [--json]
                             per trainee: faults found and missed, time per phase, hints, overrides
                             where a fix was expected
  train verify [SCENARIO…]   run scenarios end to end and compare every verdict with the expectation

Options
  --session NAME             the session to use (default: default); alone, opens it in the
                             interactive runbook (created if new)
  --new                      create the --session one if it does not exist yet (without it, only
                             run and set on "default" start a session; other names must exist)
  --state-dir DIR            where sessions are kept (default: the platform config directory)
  --operator NAME            who is acting (default: the OS user)
  --runbook FILE             use another step file instead of the embedded Azure Stack Hub runbook
  --timeout MS               per-probe timeout (default 5000)
  --ca FILE                  also trust this CA certificate (PEM); may be repeated
  --dns-server IP[:PORT]     resolve through this server instead of the DNS forwarders input
  --json                     machine-readable output (status, run, journal, diff, inputs import)
  --format FORMAT            report: json, md, junit or html; requests: md, json or csv
  --out FILE                 write a report or hand-over to FILE (mode 0600) instead of stdout
  --redact                   replace IP addresses, domains, tenant and host names by tokens
                             (IP-1, DOMAIN-1, …), the same value always the same token
  --since TIME               diff: compare against the results at that time
  --all                      journal: also list position moves and step starts
  --training                 use a training session (see Training above)
  --trainee NAME             train start: who the exercise is for
  --to TEAM                  train escalate: the team the finding goes to
  --owner TEAM               requests: only this team's change request
  -h, --help                 this help
  -v, --version              the version

Exit codes
  0  everything that ran passed (or nothing needed to run)
  1  a blocking check or command failed, or the requested phase is locked
  2  usage or input error (bad flag, invalid value, invalid step file)
  3  state problem (corrupt state file kept aside, session locked by another process,
     a journal that fails verification)
`;
