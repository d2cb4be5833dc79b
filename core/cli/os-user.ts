import { userInfo } from 'node:os';
import type { CallContext } from '../contract/handlers.ts';

/** The OS user: the actor recorded for the launch token and for CLI changes. */
export function osUser(env: Readonly<Record<string, string | undefined>> = process.env): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // No passwd entry (some containers): fall back to the environment.
  }
  return env.USER || env.USERNAME || env.LOGNAME || 'local user';
}

/**
 * The command line's caller: the OS user at this computer, acting on its own ledger as its owner. Audited as a person
 * (kind 'user', id 'os:<os user>') who came in through the command line.
 */
export function cliCaller(env: Readonly<Record<string, string | undefined>> = process.env): CallContext {
  const name = osUser(env);
  return { actor: name, actorId: `os:${name}`, actorKind: 'user', via: 'cli', address: null };
}
