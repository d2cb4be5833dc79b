import { userInfo } from 'node:os';

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
