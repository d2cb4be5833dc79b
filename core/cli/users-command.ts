import type { Core } from '../app.ts';
import type { CallContext, Method } from '../contract/handlers.ts';
import { ROLE_LABELS, ROLES, type Role } from '../contract/permissions.ts';
import type { UserSummary } from '../contract/users.ts';
import { dataDirFrom, withCore } from './open-core.ts';
import { osUser } from './os-user.ts';
import { readSecret, secretFlagIn, type SecretInput } from './read-secret.ts';
import {
  CliError, DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_OK, HELP_OPTION, parseCommand, UsageError, type CliIo,
} from './usage.ts';

export const USERS_HELP = `Usage: flowdeck users <add|list|set-role|disable|enable|reset-password> [...] [--data-dir DIR]

The people who sign in to \`flowdeck serve\` with a login and password. Each has a role: viewer (looks at everything
but secrets), operator (also acknowledges and resolves incidents, retries runs, switches workflows on and off),
admin (also changes the setup, people and tokens) or owner (an admin nobody else can demote or disable).
Passwords are read from standard input (typed hidden, or piped), never from the command line.

  flowdeck users add <login> --role viewer|operator|admin|owner [--name "Display name"]
                                        Add a person (the first one is usually the owner)
  flowdeck users list [--json]          Show people, roles and when they were last seen (never a password)
  flowdeck users set-role <login> <role>
                                        Change a person's role (their open windows reconnect with it)
  flowdeck users disable <login>        Stop a person signing in; their sessions end at once
  flowdeck users enable <login>         Let a disabled person sign in again
  flowdeck users reset-password <login> Set a new password; their sessions end at once
${DATA_DIR_HELP}
`;

const SUBCOMMANDS = ['add', 'list', 'set-role', 'disable', 'enable', 'reset-password'] as const;
type Sub = (typeof SUBCOMMANDS)[number];
const isSub = (s: string | undefined): s is Sub => (SUBCOMMANDS as readonly string[]).includes(s ?? '');

function roleFrom(sub: Sub, value: string | undefined): Role {
  const role = ROLES.find((r) => r === value?.toLowerCase());
  if (!role) {
    throw new UsageError(value === undefined
      ? `flowdeck users ${sub}: give the role: viewer, operator, admin or owner.`
      : `flowdeck users ${sub}: the role is viewer, operator, admin or owner (not '${value}').`);
  }
  return role;
}

/** The command line acts as the owner of its own ledger, recorded as the OS user. */
function cliContext(env: CliIo['env']): CallContext {
  const name = osUser(env);
  return { actor: name, actorId: `os:${name}`, actorKind: 'user', via: 'cli', address: null };
}

async function call<T>(core: Pick<Core, 'dispatcher'>, ctx: CallContext, method: Method, input: unknown): Promise<T> {
  const result = await core.dispatcher.dispatch(method, input, ctx);
  if (!result.ok) throw new CliError(result.error.message.replace(/^(login|password|role|displayName): /, ''));
  return result.output as T;
}

async function readPassword(stdin: SecretInput, io: CliIo, login: string, sub: Sub): Promise<string> {
  const example = `\`printf %s "$PASSWORD" | flowdeck users ${sub} ${login}${sub === 'add' ? ' --role …' : ''}\``;
  const wording = { what: 'password', example };
  const password = await readSecret(stdin, (t) => io.err(t), { ...wording, ask: `Password for ${login} (not shown): ` });
  if (stdin.isTTY && stdin.setRawMode) {
    const again = await readSecret(stdin, (t) => io.err(t), { ...wording, ask: 'The same password again: ' });
    if (again !== password) throw new CliError('The two passwords are not the same. Nothing was changed.');
  }
  return password;
}

const iso = (t: number | null) => (t === null ? '-' : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'));

function printList(users: UserSummary[], json: boolean, io: CliIo): void {
  if (json) return io.out(`${JSON.stringify(users)}\n`);
  if (!users.length) return io.out('Nobody can sign in yet. Add the owner with `flowdeck users add <login> --role owner`.\n');
  const table = [['LOGIN', 'NAME', 'ROLE', 'STATUS', 'SESSIONS', 'LAST SEEN'],
    ...users.map((u) => [u.login, u.displayName, u.role, u.disabledAt === null ? 'active' : `disabled ${iso(u.disabledAt)}`,
      String(u.sessions), iso(u.lastSeenAt)])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  io.out(table.map((row) => `${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`).join(''));
}

const ended = (n: number) => (n === 1 ? '1 session ended' : `${n} sessions ended`);

export async function usersCommand(args: string[], io: CliIo, stdin: SecretInput = process.stdin): Promise<number> {
  const flag = secretFlagIn(args);
  if (flag) {
    throw new UsageError(`flowdeck users: ${flag} would put the password on the command line, where shell history and the ` +
      'process list keep it. Type it when asked, or pipe it in on standard input.');
  }
  const { values, positionals } = parseCommand('users', args, {
    ...HELP_OPTION, ...DATA_DIR_OPTION, json: { type: 'boolean' }, role: { type: 'string' }, name: { type: 'string' },
  }, 3);
  if (values.help) {
    io.out(USERS_HELP);
    return EXIT_OK;
  }
  const sub = positionals[0];
  if (!isSub(sub)) {
    throw new UsageError(sub ? `flowdeck users: unknown subcommand '${sub}' (use ${SUBCOMMANDS.join(', ')}).` : `flowdeck users: say ${SUBCOMMANDS.join(', ')}.`);
  }
  const login = positionals[1];
  if (sub !== 'list' && !login) throw new UsageError(`flowdeck users ${sub}: give the person's login, e.g. \`flowdeck users ${sub} alice\`.`);
  if (positionals.length > (sub === 'set-role' ? 3 : sub === 'list' ? 1 : 2)) throw new UsageError(`flowdeck users ${sub}: unexpected argument '${positionals.at(-1)}'`);
  if (sub !== 'list' && values.json) throw new UsageError(`flowdeck users ${sub}: --json only applies to list.`);
  if (sub !== 'add' && (values.role !== undefined || values.name !== undefined)) throw new UsageError(`flowdeck users ${sub}: --role and --name only apply to add.`);
  const role = sub === 'add' ? roleFrom(sub, values.role) : sub === 'set-role' ? roleFrom(sub, positionals[2]) : null;
  const password = sub === 'add' || sub === 'reset-password' ? await readPassword(stdin, io, login!, sub) : null;
  const ctx = cliContext(io.env);
  await withCore(dataDirFrom(values['data-dir'], io), async (core) => {
    if (sub === 'list') return printList((await call<{ users: UserSummary[] }>(core, ctx, 'users/list-users', {})).users, values.json === true, io);
    if (sub === 'add') {
      const { user } = await call<{ user: UserSummary }>(core, ctx, 'users/add-user',
        { login, role, password, ...(values.name !== undefined ? { displayName: values.name } : {}) });
      return io.out(`Added ${user.login} (${user.displayName}) as ${ROLE_LABELS[user.role]}. They sign in at the serve address with their login and password.\n`);
    }
    if (sub === 'set-role') {
      const { user } = await call<{ user: UserSummary }>(core, ctx, 'users/set-role', { login, role });
      return io.out(`${user.login} is now ${ROLE_LABELS[user.role]}.\n`);
    }
    if (sub === 'enable') {
      await call(core, ctx, 'users/enable-user', { login });
      return io.out(`${login} can sign in again.\n`);
    }
    const done = sub === 'disable'
      ? await call<{ sessionsEnded: number }>(core, ctx, 'users/disable-user', { login })
      : await call<{ sessionsEnded: number }>(core, ctx, 'users/reset-password', { login, password });
    io.out(sub === 'disable'
      ? `Disabled ${login}: they can no longer sign in (${ended(done.sessionsEnded)}; open windows close at once).\n`
      : `Set a new password for ${login} (${ended(done.sessionsEnded)}; they sign in again with the new one).\n`);
  }, io.clock);
  return EXIT_OK;
}
