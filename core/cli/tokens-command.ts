import type { Core } from '../app.ts';
import { auditActorOf, type AuditActor } from '../contract/actor.ts';
import { ROLE_LABELS, type TokenRole } from '../contract/permissions.ts';
import { generateNamedToken, hashToken, tokenNameProblem } from '../server/tokens.ts';
import { dataDirFrom, withCore } from './open-core.ts';
import { cliCaller } from './os-user.ts';
import {
  CliError, DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_OK, HELP_OPTION, parseCommand, UsageError, type CliIo,
} from './usage.ts';

/** The part of the core this module uses (a narrow view; core/app.ts builds the whole). */
type HostCore = Pick<Core, 'clock' | 'ledger'>;

export const TOKENS_HELP = `Usage: flowdeck tokens <add|list|revoke> [...] [--data-dir DIR]

Named access tokens let teammates open \`flowdeck serve\`; everything they change is audited under the name.
Each token carries a role: viewer (looks at everything but secrets), operator (also acknowledges and resolves
incidents, retries runs, switches workflows on and off, polls and pauses connectors) or admin (also changes
connectors, credentials, rules, channels, retention and the registry). The person who started serve is the owner.

  flowdeck tokens add <name> [--role viewer|operator|admin]
                                  Create a token (default role: viewer); it is printed once (only its SHA-256 is stored)
  flowdeck tokens list [--json]   Show tokens (names and dates, never the tokens)
  flowdeck tokens revoke <name>   Revoke a token; its open sessions end at once
${DATA_DIR_HELP}
`;

function requireName(sub: string, positionals: string[]): string {
  const name = positionals[1];
  if (!name) throw new UsageError(`flowdeck tokens ${sub}: give the token's name, e.g. \`flowdeck tokens ${sub} alice\`.`);
  const problem = tokenNameProblem(name);
  if (problem) throw new UsageError(`flowdeck tokens ${sub}: ${problem}`);
  return name;
}

const TOKEN_ROLES: readonly TokenRole[] = ['viewer', 'operator', 'admin'];

function roleFrom(value: string | undefined): TokenRole {
  if (value === undefined) return 'viewer';
  const role = TOKEN_ROLES.find((r) => r === value.toLowerCase());
  if (!role) throw new UsageError(`flowdeck tokens add: --role is viewer, operator or admin (not '${value}').`);
  return role;
}

function add(core: HostCore, name: string, role: TokenRole, by: AuditActor, io: CliIo): void {
  if (core.ledger.tokens.active().some((t) => t.name === name)) {
    throw new CliError(`A token named "${name}" already exists. Revoke it first (\`flowdeck tokens revoke ${name}\`) or pick another name.`);
  }
  const token = generateNamedToken();
  const now = core.clock.now();
  core.ledger.write(() => {
    core.ledger.tokens.add(name, hashToken(token), now, role);
    core.ledger.audit.append({ ...by, action: 'tokens/add', target: name, detail: { role } }, now);
  });
  io.err(`Created access token "${name}" with the role ${ROLE_LABELS[role]}. It is shown only this once; Flowdeck keeps just its hash.\n` +
    `Give it to ${name} with the serve address, e.g. http://127.0.0.1:<port>/?token=<token>\n`);
  io.out(`${token}\n`);
}

function revoke(core: HostCore, name: string, by: AuditActor, io: CliIo): void {
  const now = core.clock.now();
  const done = core.ledger.write(() => {
    if (!core.ledger.tokens.revoke(name, now)) return false;
    core.ledger.audit.append({ ...by, action: 'tokens/revoke', target: name }, now);
    return true;
  });
  if (!done) throw new CliError(`There is no active token named "${name}" (see \`flowdeck tokens list\`).`);
  io.out(`Revoked "${name}". Its sessions end with their next request.\n`);
}

const iso = (t: number | null) => (t === null ? '-' : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'));

function list(core: HostCore, json: boolean, io: CliIo): void {
  const rows = core.ledger.tokens.list();
  if (json) {
    io.out(`${JSON.stringify(rows)}\n`);
    return;
  }
  if (!rows.length) {
    io.out('No access tokens. Create one with `flowdeck tokens add <name>`.\n');
    return;
  }
  const table = [['NAME', 'ROLE', 'STATUS', 'CREATED', 'LAST USED'],
    ...rows.map((r) => [r.name, r.role, r.revokedAt === null ? 'active' : `revoked ${iso(r.revokedAt)}`, iso(r.createdAt), iso(r.lastUsedAt)])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  io.out(table.map((row) => `${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`).join(''));
}

export async function tokensCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('tokens', args, { ...HELP_OPTION, ...DATA_DIR_OPTION, json: { type: 'boolean' }, role: { type: 'string' } }, 2);
  const sub = positionals[0];
  if (values.help) {
    io.out(TOKENS_HELP);
    return EXIT_OK;
  }
  if (sub !== 'add' && sub !== 'list' && sub !== 'revoke') {
    throw new UsageError(sub ? `flowdeck tokens: unknown subcommand '${sub}' (use add, list or revoke).` : 'flowdeck tokens: say add, list or revoke.');
  }
  if (sub === 'list' && positionals.length > 1) throw new UsageError(`flowdeck tokens list: unexpected argument '${positionals[1]}'`);
  if (sub !== 'list' && values.json) throw new UsageError(`flowdeck tokens ${sub}: --json only applies to list.`);
  if (sub !== 'add' && values.role !== undefined) throw new UsageError(`flowdeck tokens ${sub}: --role only applies to add.`);
  const role = roleFrom(values.role);
  const name = sub === 'list' ? '' : requireName(sub, positionals);
  const by = auditActorOf(cliCaller(io.env));
  await withCore(dataDirFrom(values['data-dir'], io), (core) => {
    if (sub === 'add') add(core, name, role, by, io);
    else if (sub === 'revoke') revoke(core, name, by, io);
    else list(core, values.json === true, io);
  });
  return EXIT_OK;
}
