import type { Core } from '../app.ts';
import { withKeychainCore } from './keychain-core.ts';
import { dataDirFrom } from './open-core.ts';
import { CliError, DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_FAILED, EXIT_OK, HELP_OPTION, parseCommand, UsageError, type CliIo } from './usage.ts';

/** The part of the core this module uses (a narrow view; core/app.ts builds the whole). */
type HostCore = Pick<Core, 'connectors'>;

export const POLL_HELP = `Usage: flowdeck poll --once [--connector NAME] [--data-dir DIR]
       flowdeck poll [--data-dir DIR]

Collects runs from your connectors into the ledger, with the credentials from the system keychain.

  --once            Poll every connector (or just --connector) once, reading every new page, then exit.
                    Exits with 1, naming the reason, if any connector failed.
  --connector NAME  Only this connector (name or id)
  (no --once)       Keep polling on the adaptive schedule until Ctrl+C (for headless machines; \`flowdeck serve\`
                    does the same while it runs)
${DATA_DIR_HELP}
`;

function targets(core: HostCore, name: string | undefined): { id: string; name: string; paused: boolean; polled: boolean }[] {
  const all = core.connectors.service.list();
  if (name === undefined) return all.filter((c) => c.polled && !c.paused);
  const found = core.connectors.service.find(name);
  if (!found) throw new CliError(`No connector named '${name}'. Known connectors: ${all.map((c) => c.name).join(', ') || 'none yet'}.`);
  const item = all.find((c) => c.id === found.id)!;
  if (!item.polled) throw new CliError(`'${item.name}' receives its runs (${item.kind}); nothing polls it.`);
  if (item.paused) throw new CliError(`'${item.name}' is paused. Resume it with \`flowdeck connectors resume ${JSON.stringify(item.name)}\`.`);
  return [item];
}

/** Polls each connector once, reading every new page; says how each went (ok lines on `ok`, failures on `failed`). Returns the failures. */
export async function pollEach(core: HostCore, list: readonly { id: string; name: string }[], ok: (text: string) => void, failed: (text: string) => void): Promise<number> {
  let failures = 0;
  for (const c of list) {
    const outcome = await core.connectors.scheduler.pollOnce(c.id);
    if (!outcome) continue;
    if (outcome.ok) {
      ok(`${c.name}: ok, ${outcome.runsIngested} new run${outcome.runsIngested === 1 ? '' : 's'} (${outcome.pages} page${outcome.pages === 1 ? '' : 's'}).\n`);
    } else {
      failures++;
      failed(`${c.name}: ${outcome.health === 'needs_attention' ? 'needs attention' : 'failed'}: ${outcome.message ?? 'the poll failed.'}\n`);
    }
  }
  return failures;
}

async function pollOnce(core: HostCore, name: string | undefined, io: CliIo): Promise<number> {
  const list = targets(core, name);
  if (!list.length) {
    io.err('No connectors to poll. Add one with `flowdeck connectors add`.\n');
    return EXIT_OK;
  }
  const failed = await pollEach(core, list, (t) => io.out(t), (t) => io.err(t));
  if (failed) io.err(`${failed} of ${list.length} connector${list.length === 1 ? '' : 's'} failed.\n`);
  return failed ? EXIT_FAILED : EXIT_OK;
}

export async function pollCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('poll', args, { ...HELP_OPTION, ...DATA_DIR_OPTION, once: { type: 'boolean' }, connector: { type: 'string' } });
  if (values.help) {
    io.out(POLL_HELP);
    return EXIT_OK;
  }
  if (values.connector === '') throw new UsageError('flowdeck poll: --connector needs a name.');
  if (values.connector !== undefined && !values.once) throw new UsageError('flowdeck poll: --connector goes with --once.');
  const dataDir = dataDirFrom(values['data-dir'], io);
  return withKeychainCore(dataDir, async (core) => {
    if (values.once) return pollOnce(core, values.connector, io);
    core.connectors.scheduler.start();
    io.err(`Polling ${core.connectors.service.list().filter((c) => c.polled && !c.paused).length} connector(s) (data: ${dataDir}). Press Ctrl+C to stop.\n`);
    const signal = await io.waitForStop();
    io.err(`\nStopping (${signal})…\n`);
    return EXIT_OK;
  });
}
