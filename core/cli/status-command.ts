import { contractClient, dataDirFrom, withCore } from './open-core.ts';
import { osUser } from './os-user.ts';
import { DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_OK, HELP_OPTION, parseCommand, type CliIo } from './usage.ts';

export const STATUS_HELP = `Usage: flowdeck status [--json] [--data-dir DIR]

Shows what the ledger holds: run, workflow and connector counts, quarantined records, the last ingest,
the data directory and the Flowdeck version.

  --json           Print one JSON object instead of the table
${DATA_DIR_HELP}
`;

function ago(then: number, now: number): string {
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('status', args, { ...HELP_OPTION, ...DATA_DIR_OPTION, json: { type: 'boolean' } });
  if (values.help) {
    io.out(STATUS_HELP);
    return EXIT_OK;
  }
  const dataDir = dataDirFrom(values['data-dir'], io);
  const status = await withCore(dataDir, async (core) => {
    const client = contractClient(core, osUser(io.env));
    try {
      return await client.call('system/get-status', {});
    } finally {
      client.close();
    }
  });
  const { now } = status;
  if (values.json) {
    const { actor: _actor, now: _now, ...rest } = status;
    io.out(`${JSON.stringify({ ...rest, dataDir })}\n`);
    return EXIT_OK;
  }
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
  io.out(rows.map(([k, v]) => `${`${k}:`.padEnd(13)} ${v}\n`).join(''));
  return EXIT_OK;
}
