import type { Core } from '../app.ts';
import { auditActorOf } from '../contract/actor.ts';
import type { CallContext } from '../contract/handlers.ts';
import { CONNECTOR_FORMS } from '../contract/connector-forms.ts';
import { POLLED_KINDS, type ConnectorListItem, type PolledKind } from '../contract/connectors.ts';
import { withKeychainCore } from './keychain-core.ts';
import { contractClient, dataDirFrom } from './open-core.ts';
import { cliCaller } from './os-user.ts';
import { readSecret, secretFlagIn, type SecretInput } from './read-secret.ts';
import { CliError, DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_FAILED, EXIT_OK, HELP_OPTION, parseCommand, UsageError, type CliIo } from './usage.ts';

/** The part of the core this module uses (a narrow view; core/app.ts builds the whole). */
type HostCore = Pick<Core, 'connect' | 'connectors'>;

export const CONNECTORS_HELP = `Usage: flowdeck connectors <add|list|test|remove|pause|resume> [...] [--data-dir DIR]

Connect n8n, Make, GitHub Actions or Zapier. Credentials go to the system keychain; the ledger keeps only a reference.

  flowdeck connectors add <kind> --name NAME --url BASE-URL [--option KEY=VALUE …] --secret-stdin [--skip-test]
        kind: ${POLLED_KINDS.join(', ')}. The API key or token is read from standard input, never from the
        command line, e.g.  printf %s "$N8N_KEY" | flowdeck connectors add n8n --name prod --url https://n8n.example.com --secret-stdin
        The connection is tested first; nothing is saved if the test fails (unless --skip-test).
        Options: make: organizationId=<id> plan=core|pro|teams|enterprise; github: repos=owner/repo,owner/other;
        any kind: failoverUrl=<url>.
  flowdeck connectors list [--json]     Health, last poll and runs per connector
  flowdeck connectors test <name>       Test a saved connector with its stored credential
  flowdeck connectors remove <name>     Remove it and delete its credential from the keychain (its runs stay)
  flowdeck connectors pause <name>      Stop polling it; \`resume\` starts again
${DATA_DIR_HELP}
`;

const SUBCOMMANDS = ['add', 'list', 'test', 'remove', 'pause', 'resume'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

/** `key=value` → typed option: whole numbers become numbers, true/false booleans; the rest stays text. */
export function parseOption(text: string): [string, string | number | boolean] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`flowdeck connectors add: --option needs KEY=VALUE, not '${text}'.`);
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  if (/^\d+$/.test(raw) && raw.length < 16) return [key, Number(raw)];
  if (raw === 'true' || raw === 'false') return [key, raw === 'true'];
  return [key, raw];
}

function refuseSecretFlag(args: string[]): void {
  const flag = secretFlagIn(args);
  if (!flag) return;
  throw new UsageError(`flowdeck connectors: ${flag} is not accepted. A secret on the command line ends up in your shell history ` +
    'and in the process list other users can read. Pipe it in with --secret-stdin instead, e.g.\n' +
    '  printf %s "$KEY" | flowdeck connectors add n8n --name prod --url https://n8n.example.com --secret-stdin');
}

function requireName(sub: Sub, positionals: string[]): string {
  const name = positionals[1];
  if (!name) throw new UsageError(`flowdeck connectors ${sub}: give the connector's name, e.g. \`flowdeck connectors ${sub} prod\`.`);
  return name;
}

function findConnector(core: HostCore, name: string): { id: string; name: string } {
  const found = core.connectors.service.find(name);
  if (!found) {
    const known = core.connectors.service.list().map((c) => c.name).join(', ') || 'none yet';
    throw new CliError(`No connector named '${name}'. Known connectors: ${known}.`);
  }
  return found;
}

const iso = (t: number | null) => (t === null ? '-' : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'));
const HEALTH_WORDS: Record<ConnectorListItem['health'], string> = {
  ok: 'ok', degraded: 'degraded', needs_attention: 'NEEDS ATTENTION', paused: 'paused', new: 'not polled yet',
};

function printList(items: ConnectorListItem[], io: CliIo): void {
  if (!items.length) {
    io.out('No connectors. Add one with `flowdeck connectors add <kind> --name NAME --url URL --secret-stdin`.\n');
    return;
  }
  const table = [['NAME', 'KIND', 'HEALTH', 'LAST POLL', 'NEXT POLL', 'RUNS'],
    ...items.map((c) => [c.name, c.kind, HEALTH_WORDS[c.health], iso(c.lastPollAt), iso(c.nextPollAt), String(c.runCount)])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  io.out(table.map((row) => `${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`).join(''));
  for (const c of items) if (c.healthMessage) io.out(`\n${c.name}: ${c.healthMessage}\n`);
}

interface AddArgs {
  kind: PolledKind;
  name: string;
  url: string;
  options: Record<string, string | number | boolean>;
  skipTest: boolean;
}

async function add(core: HostCore, a: AddArgs, secret: string, caller: CallContext, io: CliIo): Promise<number> {
  const client = contractClient(core, caller);
  try {
    const draft = { kind: a.kind, name: a.name, baseUrl: a.url, options: a.options, credential: secret };
    if (!a.skipTest) {
      const verdict = await client.call('connectors/test-connector', draft);
      if (!verdict.ok) {
        io.err(`Test failed: ${verdict.message}\nNothing was saved. Fix it and run again, or add --skip-test to save anyway.\n`);
        return EXIT_FAILED;
      }
      io.err(`Test passed: ${verdict.message}\n`);
    }
    const added = await client.call('connectors/add-connector', draft);
    if (!added.ok) throw new CliError(added.message);
    io.out(`${added.message}\n`);
    io.err(`Collect its runs now with \`flowdeck poll --once --connector ${JSON.stringify(a.name)}\`, or leave \`flowdeck serve\` running.\n`);
    return EXIT_OK;
  } finally {
    client.close();
  }
}

function addArgs(positionals: string[], values: Record<string, unknown>): AddArgs {
  const kind = positionals[1];
  if (!kind || !(POLLED_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`flowdeck connectors add: say which kind (${POLLED_KINDS.join(', ')})${kind ? `, not '${kind}'` : ''}.`);
  }
  if (positionals.length > 2) throw new UsageError(`flowdeck connectors add: unexpected argument '${positionals[2]}'.`);
  const name = typeof values['name'] === 'string' ? values['name'].trim() : '';
  if (!name) throw new UsageError('flowdeck connectors add: --name NAME is required.');
  const url = typeof values['url'] === 'string' ? values['url'] : (CONNECTOR_FORMS[kind as PolledKind].defaultBaseUrl);
  if (!/^https?:\/\/[^/\s]+/.test(url)) throw new UsageError(`flowdeck connectors add: --url needs the ${CONNECTOR_FORMS[kind as PolledKind].baseUrlLabel.toLowerCase()} as http(s)://… (${CONNECTOR_FORMS[kind as PolledKind].baseUrlHelp})`);
  if (values['secret-stdin'] !== true) {
    throw new UsageError('flowdeck connectors add: the credential is read from standard input: add --secret-stdin and pipe it in.');
  }
  const options = Object.fromEntries(((values['option'] as string[] | undefined) ?? []).map(parseOption));
  return { kind: kind as PolledKind, name, url, options, skipTest: values['skip-test'] === true };
}

export async function connectorsCommand(args: string[], io: CliIo, stdin: SecretInput = process.stdin): Promise<number> {
  refuseSecretFlag(args);
  const { values, positionals } = parseCommand('connectors', args, {
    ...HELP_OPTION, ...DATA_DIR_OPTION, json: { type: 'boolean' }, name: { type: 'string' }, url: { type: 'string' },
    option: { type: 'string', multiple: true }, 'secret-stdin': { type: 'boolean' }, 'skip-test': { type: 'boolean' },
  }, 3);
  if (values.help) {
    io.out(CONNECTORS_HELP);
    return EXIT_OK;
  }
  const sub = positionals[0] as Sub | undefined;
  if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
    throw new UsageError(sub ? `flowdeck connectors: unknown subcommand '${sub}' (use ${SUBCOMMANDS.join(', ')}).` : `flowdeck connectors: say ${SUBCOMMANDS.join(', ')}.`);
  }
  if (sub !== 'add' && (values.name || values.url || values.option || values['secret-stdin'] || values['skip-test'])) {
    throw new UsageError(`flowdeck connectors ${sub}: --name, --url, --option, --secret-stdin and --skip-test only apply to add.`);
  }
  if (sub !== 'list' && values.json) throw new UsageError(`flowdeck connectors ${sub}: --json only applies to list.`);
  const caller = cliCaller(io.env);
  const dataDir = dataDirFrom(values['data-dir'], io);
  if (sub === 'add') {
    const a = addArgs(positionals, values as Record<string, unknown>);
    const secret = await readSecret(stdin, io.err);
    return withKeychainCore(dataDir, (core) => add(core, a, secret, caller, io));
  }
  if (sub === 'list' && positionals.length > 1) throw new UsageError(`flowdeck connectors list: unexpected argument '${positionals[1]}'.`);
  if (sub !== 'list' && positionals.length > 2) throw new UsageError(`flowdeck connectors ${sub}: unexpected argument '${positionals[2]}'.`);
  const name = sub === 'list' ? '' : requireName(sub, positionals);
  return withKeychainCore(dataDir, async (core) => {
    const service = core.connectors.service;
    if (sub === 'list') {
      const items = service.list();
      if (values.json) io.out(`${JSON.stringify(items)}\n`);
      else printList(items, io);
      return EXIT_OK;
    }
    const target = findConnector(core, name);
    if (sub === 'test') {
      const verdict = await service.testStored(target.id);
      if (!verdict) throw new CliError(`No connector named '${name}'.`);
      (verdict.ok ? io.out : io.err)(`${verdict.ok ? 'Connected' : 'Test failed'}: ${verdict.message}\n`);
      return verdict.ok ? EXIT_OK : EXIT_FAILED;
    }
    const outcome = sub === 'remove' ? await service.remove(target.id, auditActorOf(caller)) : service.setPaused(target.id, sub === 'pause', auditActorOf(caller));
    if (!outcome.ok) throw new CliError(outcome.message);
    io.out(`${outcome.message}\n`);
    return EXIT_OK;
  });
}
