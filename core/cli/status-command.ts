import type { Core } from '../app.ts';
import type { CoreClient } from '../contract/client.ts';
import type { ListStatesOutput } from '../contract/states.ts';
import { connectorView } from '../state/sight.ts';
import { contractClient, dataDirFrom, withLookCore } from './open-core.ts';
import { cliCaller } from './os-user.ts';
import { pollEach } from './poll-command.ts';
import { attentionBlock, attentionLines, CHECK_UNKNOWN, checkCode, checkSummary, statusWorkflows } from './status-states.ts';
import { DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_OK, HELP_OPTION, parseCommand, type CliIo } from './usage.ts';

/** The part of the core this module uses (a narrow view; core/app.ts builds the whole). */
type HostCore = Pick<Core, 'clock' | 'connect' | 'connectors' | 'states'>;

export const STATUS_HELP = `Usage: flowdeck status [--json] [--check] [--data-dir DIR]

Shows what needs your attention now — each workflow's live state, the same one the console shows — and what the
ledger holds: run, workflow and connector counts, quarantined records, the last ingest, the data directory and the
Flowdeck version.

  --json           Print one JSON object instead of the table: needsAttention, workflows (worst first, each with
                   id, name, vendor, externalId, state, since, reason and lastError), and the counts
  --check          For monitoring scripts (Nagios/Icinga plugin convention): print a one-line verdict and the
                   workflows that need attention, and exit with
                     0 OK        nothing needs attention
                     1 WARNING   a workflow is late or failing
                     2 CRITICAL  a workflow missed its schedule, or its vendor switched it off
                     3 UNKNOWN   Flowdeck cannot see some workflows (a connector cannot poll), or could not check
                   A known problem outranks what cannot be seen (2, then 1, then 3). When connectors have not been
                   polled recently (Flowdeck was not running), each is polled once first, with the credentials from
                   the system keychain, so the verdict is about fresh data; what it did goes to stderr. A check
                   never sends notifications. Wrong options exit 3 as well.
${DATA_DIR_HELP}
`;

function ago(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

/**
 * The live states, after polling once every connector whose workflows Flowdeck cannot see for want of a recent poll
 * (what `flowdeck poll --once` does), so a check judges fresh data rather than Flowdeck's own absence.
 */
async function freshStates(core: HostCore, client: CoreClient, io: CliIo): Promise<ListStatesOutput> {
  const now = core.clock.now();
  // The same judgement as the live states: a connector whose view is blind cannot vouch for its workflows.
  const list = core.connectors.service.list().filter((c) => c.polled && !c.paused && connectorView(c, core.states.life, now).blind !== null);
  if (!list.length) return client.call('workflows/list-states', {});
  const why = [...new Set(list.map((c) => connectorView(c, core.states.life, now).blind!.message.replace(/\.$/, '')))].join('; ');
  io.err(`Flowdeck has not seen ${list.length === 1 ? 'one connector' : `${list.length} connectors`} recently (${why}); polling ${list.length === 1 ? 'it' : 'each'} once before judging:\n`);
  const failed = await pollEach(core, list, (t) => io.err(`  ${t}`), (t) => io.err(`  ${t}`));
  io.err(failed ? `${failed} of ${list.length} could not be polled: their workflows stay unknown.\n` : 'Done; judging the fresh data.\n');
  return client.call('workflows/list-states', {});
}

export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseCommand('status', args, { ...HELP_OPTION, ...DATA_DIR_OPTION, json: { type: 'boolean' }, check: { type: 'boolean' } }));
  } catch (error) {
    // A monitoring system reads exit code 2 as CRITICAL: a check it called wrongly is UNKNOWN.
    if (!args.includes('--check')) throw error;
    io.out(`FLOWDECK UNKNOWN - ${(error as Error).message}\n`);
    return CHECK_UNKNOWN;
  }
  if (values.help) {
    io.out(STATUS_HELP);
    return EXIT_OK;
  }
  const check = values.check ?? false;
  let read;
  try {
    const dataDir = dataDirFrom(values['data-dir'], io);
    read = await withLookCore(dataDir, io, check, async (core) => {
      const client = contractClient(core, cliCaller(io.env));
      try {
        const states = check ? await freshStates(core, client, io) : await client.call('workflows/list-states', {});
        return { dataDir, status: await client.call('system/get-status', {}), states };
      } finally {
        client.close();
      }
    });
  } catch (error) {
    if (!check) throw error;
    // A check that cannot look is UNKNOWN, never a false OK or a usage code.
    io.out(`FLOWDECK UNKNOWN - ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`);
    return CHECK_UNKNOWN;
  }
  const { dataDir, status, states } = read;
  const code = check ? checkCode(states.workflows) : EXIT_OK;
  if (values.json) {
    const { actor: _actor, now: _now, role: _role, ...rest } = status;
    io.out(`${JSON.stringify({
      needsAttention: states.needsAttention, workflows: statusWorkflows(states), ...rest, dataDir,
      stateCounts: states.counts, blindCauses: states.causes.map((c) => c.message),
      ...(check ? { check: { code, summary: checkSummary(code, states) } } : {}),
    })}\n`);
    return code;
  }
  if (check) {
    io.out(`${checkSummary(code, states)}\n${attentionLines(states).map((l) => `${l}\n`).join('')}`);
    return code;
  }
  const { now } = status;
  const last = status.lastIngestAt === null ? 'never' : `${new Date(status.lastIngestAt).toISOString()} (${ago(status.lastIngestAt, now)})`;
  const rows: [string, string][] = [
    ['Version', status.version],
    ['Data dir', dataDir],
    ['Runs', String(status.counts.runs)],
    ['Workflows', String(status.counts.workflows)],
    ['Connectors', String(status.counts.connectors)],
    ['Quarantined', String(status.counts.quarantined)],
    ['Last ingest', last],
    ...(status.storage.state === 'ok' ? [] : [['Storage', `${status.storage.state}: ${status.storage.message ?? ''}`] as [string, string]]),
  ];
  io.out(`${attentionBlock(states)}\n${rows.map(([k, v]) => `${`${k}:`.padEnd(13)} ${v}\n`).join('')}`);
  return EXIT_OK;
}
