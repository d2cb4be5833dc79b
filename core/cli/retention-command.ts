import type { Core } from '../app.ts';
import { CoreError } from '../contract/errors.ts';
import { KEEP_DAYS_MAX } from '../contract/monitoring.ts';
import { contractClient, dataDirFrom, withCore } from './open-core.ts';
import { cliCaller } from './os-user.ts';
import {
  CliError, DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_OK, HELP_OPTION, parseCommand, UsageError, type CliIo,
} from './usage.ts';

/** The part of the core this module uses (a narrow view; core/app.ts builds the whole). */
type HostCore = Pick<Core, 'connect'>;

export const RETENTION_HELP = `Usage: flowdeck retention [set <days>|prune] [--json] [--data-dir DIR]

Flowdeck keeps its own copy of every run, longer than the vendors keep theirs: 365 days unless you change it.
Runs older than that are removed once a day. The hourly and daily totals behind charts, error counts and SLA
reports are never removed, so old ranges still show their totals.

  flowdeck retention [--json]      Show how many days of runs are kept
  flowdeck retention set <days>    Keep runs for <days> days (1 to ${KEEP_DAYS_MAX})
  flowdeck retention prune         Remove the runs older than that now, and say how many went
${DATA_DIR_HELP}
`;

const SUBCOMMANDS = ['show', 'set', 'prune'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
const runs = (n: number) => `${n} run${n === 1 ? '' : 's'}`;

function daysFrom(positionals: string[]): number {
  const text = positionals[1];
  if (text === undefined) throw new UsageError('flowdeck retention set: give the number of days, e.g. `flowdeck retention set 90`.');
  const days = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(days >= 1 && days <= KEEP_DAYS_MAX)) {
    throw new UsageError(`flowdeck retention set: give whole days from 1 to ${KEEP_DAYS_MAX}, not '${text}'.`);
  }
  return days;
}

async function perform(core: HostCore, sub: Sub, days: number, json: boolean, io: CliIo): Promise<void> {
  const client = contractClient(core, cliCaller(io.env));
  try {
    if (sub === 'prune') {
      const r = await client.call('monitoring/prune-runs', {});
      io.out(json ? `${JSON.stringify(r)}\n` : r.deleted === 0
        ? `No run started before ${iso(r.cutoff)}: nothing to remove.\n`
        : `Removed ${runs(r.deleted)} that started before ${iso(r.cutoff)}. Their hourly and daily totals stay.\n`);
      return;
    }
    const r = sub === 'set'
      ? await client.call('monitoring/set-retention', { keepDays: days })
      : await client.call('monitoring/get-retention', {});
    if (json) io.out(`${JSON.stringify(r)}\n`);
    else if (sub === 'set') io.out(`Runs are now kept for ${r.keepDays} days. Older ones go at the next daily pass, or now with \`flowdeck retention prune\`.\n`);
    else io.out(`Runs are kept for ${r.keepDays} days; older ones are removed once a day (their hourly and daily totals stay).\n`);
  } catch (error) {
    if (error instanceof CoreError) throw new CliError(error.message);
    throw error;
  } finally {
    client.close();
  }
}

export async function retentionCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('retention', args, { ...HELP_OPTION, ...DATA_DIR_OPTION, json: { type: 'boolean' } }, 2);
  if (values.help) {
    io.out(RETENTION_HELP);
    return EXIT_OK;
  }
  const sub = (positionals[0] ?? 'show') as Sub;
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) {
    throw new UsageError(`flowdeck retention: unknown subcommand '${sub}' (use set or prune, or nothing to show the setting).`);
  }
  if (sub !== 'set' && positionals.length > 1) throw new UsageError(`flowdeck retention ${sub}: unexpected argument '${positionals[1]}'`);
  const days = sub === 'set' ? daysFrom(positionals) : 0;
  await withCore(dataDirFrom(values['data-dir'], io), (core) => perform(core, sub, days, values.json === true, io), io.clock);
  return EXIT_OK;
}
