import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { CoreClient } from '../contract/client.ts';
import { RUN_STATUSES, type RunFilter, type RunStatus, type RunSummary } from '../contract/runs.ts';
import { csvRecord } from './csv.ts';
import { contractClient, dataDirFrom, withCore } from './open-core.ts';
import { cliCaller } from './os-user.ts';
import { CliError, DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_OK, HELP_OPTION, parseCommand, UsageError, type CliIo } from './usage.ts';

export const EXPORT_HELP = `Usage: flowdeck export runs [--format csv|json] [--out FILE] [filters] [--data-dir DIR]

Writes every matching run, newest first, as CSV (RFC 4180, with a header row) or as one JSON array.

  --format csv|json      Output format (default: csv)
  --out FILE             Write to FILE instead of standard output (replaced only once the export is complete)
  --status LIST          Only these statuses, comma-separated: ${RUN_STATUSES.join(',')}
  --connector LIST       Only these connectors (names or ids), comma-separated
  --since ISO            Only runs started at or after this time, e.g. 2025-01-31 or 2025-01-31T08:00:00Z
  --until ISO            Only runs started before this time
${DATA_DIR_HELP}
`;

const PAGE = 500;
const CSV_HEADER = ['id', 'connector', 'connector_kind', 'workflow', 'workflow_id', 'external_id', 'status', 'raw_status',
  'started_at', 'finished_at', 'duration_ms', 'error_message'];

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function parseInstant(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t)) {
    throw new UsageError(`flowdeck export runs: ${flag} '${value}' is not an ISO date or time (e.g. 2025-01-31 or 2025-01-31T08:00:00Z).`);
  }
  return t;
}

function parseStatuses(value: string | undefined): RunStatus[] | undefined {
  if (value === undefined) return undefined;
  const statuses = list(value);
  const bad = statuses.find((s) => !(RUN_STATUSES as readonly string[]).includes(s));
  if (bad || !statuses.length) {
    throw new UsageError(`flowdeck export runs: unknown status '${bad ?? value}'. Use any of: ${RUN_STATUSES.join(', ')}.`);
  }
  return statuses as RunStatus[];
}

async function connectorIds(client: CoreClient, value: string | undefined): Promise<string[] | undefined> {
  if (value === undefined) return undefined;
  const wanted = list(value);
  const { items } = await client.call('connectors/list-connectors', {});
  return wanted.map((w) => {
    const found = items.find((c) => c.name === w || c.id === w);
    if (!found) {
      const known = items.map((c) => c.name).join(', ') || 'none yet';
      throw new CliError(`No connector named '${w}'. Known connectors: ${known}.`);
    }
    return found.id;
  });
}

interface Format {
  start: string;
  row(run: RunSummary, index: number): string;
  end(count: number): string;
}

const FORMATS: Record<'csv' | 'json', Format> = {
  csv: {
    start: csvRecord(CSV_HEADER),
    row: (r) => csvRecord([r.id, r.connectorName, r.connectorKind, r.workflowName, r.workflowId, r.externalId, r.status,
      r.rawStatus, iso(r.startedAt), iso(r.finishedAt), r.durationMs, r.errorMessage]),
    end: () => '',
  },
  json: {
    start: '[',
    row: (r, i) => `${i === 0 ? '\n' : ',\n'}${JSON.stringify(r)}`,
    end: (count) => (count ? '\n]\n' : ']\n'),
  },
};

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (text && !out.write(text)) await once(out, 'drain');
}

/** Pages through runs/list-runs (keyset paging) and streams each page out. */
async function streamRuns(client: CoreClient, filter: RunFilter, format: Format, out: NodeJS.WritableStream): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  await write(out, format.start);
  do {
    const page: { items: RunSummary[]; nextCursor: string | null } = await client.call('runs/list-runs', { filter, cursor, limit: PAGE });
    let chunk = '';
    for (const run of page.items) chunk += format.row(run, count++);
    await write(out, chunk);
    cursor = page.nextCursor;
  } while (cursor);
  await write(out, format.end(count));
  return count;
}

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('export', args, {
    ...HELP_OPTION, ...DATA_DIR_OPTION, format: { type: 'string' }, out: { type: 'string' }, status: { type: 'string' },
    connector: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' },
  }, 1);
  if (values.help) {
    io.out(EXPORT_HELP);
    return EXIT_OK;
  }
  if (positionals[0] !== 'runs') {
    throw new UsageError(positionals[0] ? `flowdeck export: cannot export '${positionals[0]}'; only 'runs'.` : 'flowdeck export: say what to export: `flowdeck export runs`.');
  }
  const formatName = values.format ?? 'csv';
  if (formatName !== 'csv' && formatName !== 'json') throw new UsageError(`flowdeck export runs: --format must be csv or json, not '${formatName}'.`);
  if (values.out === '') throw new UsageError('flowdeck export runs: --out needs a file name.');
  const statuses = parseStatuses(values.status);
  const from = parseInstant('--since', values.since);
  const to = parseInstant('--until', values.until);
  const target = values.out === undefined ? null : path.resolve(io.cwd, values.out);
  const count = await withCore(dataDirFrom(values['data-dir'], io), async (core) => {
    const client = contractClient(core, cliCaller(io.env));
    try {
      const ids = await connectorIds(client, values.connector);
      const filter: RunFilter = {
        ...(statuses ? { statuses } : {}), ...(ids ? { connectorIds: ids } : {}),
        ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}),
      };
      if (target === null) return await streamRuns(client, filter, FORMATS[formatName], io.stdout);
      return await exportToFile(target, (out) => streamRuns(client, filter, FORMATS[formatName], out));
    } finally {
      client.close();
    }
  });
  io.err(`Exported ${count} run${count === 1 ? '' : 's'}${target ? ` to ${target}` : ''}.\n`);
  return EXIT_OK;
}

/** Writes next to the target and renames at the end, so a failed export never leaves a half file behind. */
async function exportToFile(target: string, fill: (out: NodeJS.WritableStream) => Promise<number>): Promise<number> {
  const partial = `${target}.partial-${process.pid}`;
  // Private to the owner (0600 on POSIX): an export holds error messages and workflow names.
  const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  try {
    await once(out, 'open');
    const count = await fill(out);
    out.end();
    await once(out, 'finish');
    await rename(partial, target);
    return count;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`Cannot write ${target}: its folder does not exist.`);
    throw error;
  }
}
