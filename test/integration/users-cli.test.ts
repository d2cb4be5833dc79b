// `flowdeck users …` (issue #15): people added, listed, re-roled, disabled and given a new password from the command
// line; the password comes from standard input, never argv; the owner rules hold here too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../core/app.ts';
import { usersCommand } from '../../core/cli/users-command.ts';
import { CliError, UsageError, type CliIo } from '../../core/cli/usage.ts';
import { fixedClock } from '../../core/platform/clock.ts';
import { createMemoryLogger } from '../../core/platform/logger.ts';
import { runCli } from './helpers/cli.ts';

const T = Date.UTC(2026, 2, 11, 11);
let dataDir: string;

async function users(args: string[], stdin = ''): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => { stdout += t; }, err: (t) => { stderr += t; }, stdout: process.stdout, env: {}, cwd: tmpdir(),
    waitForStop: () => new Promise(() => undefined), clock: fixedClock(T),
  };
  await usersCommand([...args, '--data-dir', dataDir], io, Readable.from([stdin]));
  return { stdout, stderr };
}

beforeEach(() => { dataDir = mkdtempSync(path.join(tmpdir(), 'flowdeck-users-cli-')); });
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('flowdeck users', () => {
  it('adds, lists, re-roles, disables, enables and resets people, audited as the OS user', async () => {
    expect((await users(['list'])).stdout).toContain('Nobody can sign in yet');
    expect((await users(['add', 'olivia', '--role', 'owner', '--name', 'Olivia Stone'], 'correct horse battery\n')).stdout)
      .toBe('Added olivia (Olivia Stone) as Owner. They sign in at the serve address with their login and password.\n');
    await users(['add', 'bob', '--role', 'viewer'], 'another good passphrase');
    expect((await users(['set-role', 'bob', 'operator'])).stdout).toBe('bob is now Operator.\n');
    expect((await users(['disable', 'bob'])).stdout).toMatch(/^Disabled bob: they can no longer sign in \(0 sessions ended/);
    expect((await users(['enable', 'bob'])).stdout).toBe('bob can sign in again.\n');
    expect((await users(['reset-password', 'bob'], 'a third passphrase here')).stdout).toMatch(/^Set a new password for bob/);
    const listed = (await users(['list'])).stdout.split('\n');
    expect(listed[0]).toMatch(/^LOGIN\s+NAME\s+ROLE\s+STATUS\s+SESSIONS\s+LAST SEEN$/);
    expect(listed[1]).toMatch(/^bob\s+bob\s+operator\s+active\s+0\s+-$/);
    expect(listed[2]).toMatch(/^olivia\s+Olivia Stone\s+owner\s+active/);
    const json = JSON.parse((await users(['list', '--json'])).stdout) as { login: string }[];
    expect(json.map((u) => u.login)).toEqual(['bob', 'olivia']);
    expect(JSON.stringify(json)).not.toContain('argon2');

    const core = createCore({ dataDir, clock: fixedClock(T), logger: createMemoryLogger() });
    try {
      expect(await core.users.authenticate('bob', 'a third passphrase here')).toMatchObject({ login: 'bob', role: 'operator' });
      const audit = core.ledger.audit.list(undefined, 20).filter((e) => e.target === 'user:bob');
      const me = userInfo().username;
      expect(audit).toHaveLength(5);
      expect(audit.map((e) => [e.actor, e.actorId, e.via])).toEqual(Array(audit.length).fill([me, `os:${me}`, 'cli']));
    } finally {
      core.close();
    }
  });

  it('refuses in plain words: a password on the command line, no password, the last owner, a bad role', async () => {
    await expect(users(['add', 'eve', '--role', 'viewer', '--password=hunter2hunter2'])).rejects.toThrow(UsageError);
    await expect(users(['add', 'eve', '--role', 'viewer'], '')).rejects.toThrow('No password arrived on standard input');
    await expect(users(['add', 'eve', '--role', 'boss'], 'correct horse battery')).rejects.toThrow("the role is viewer, operator, admin or owner (not 'boss')");
    await users(['add', 'olivia', '--role', 'owner'], 'correct horse battery');
    await expect(users(['disable', 'olivia'])).rejects.toThrow(new CliError('olivia is the last owner of this Flowdeck, so they cannot be disabled. Make someone else an owner first.'));
    await expect(users(['add', 'sam', '--role', 'viewer'], 'short')).rejects.toThrow('use at least 10 characters');
  });

  it('is a command of flowdeck, with its help', async () => {
    const help = await runCli(['users', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('flowdeck users add <login> --role viewer|operator|admin|owner');
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}users {11}Add people who sign in/m);
  });
});
