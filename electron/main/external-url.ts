import { shell } from 'electron';
import * as z from 'zod/mini';

/** The argument as it arrives over IPC: a string of bounded length (zod/mini keeps the main bundle small). */
export const ExternalUrlArg = z.string().check(z.minLength(1), z.maxLength(2048));

function refused(reason: string): Error {
  return new Error(`Refused to open external link: ${reason}`);
}

/**
 * The normalised href of a URL we may hand to the OS browser: https only, with a host and without
 * embedded credentials. Throws an Error naming the reason otherwise.
 */
export function parseExternalUrl(value: unknown): string {
  const arg = ExternalUrlArg.safeParse(value);
  if (!arg.success) throw refused('expected a URL string of 1 to 2048 characters.');
  let url: URL;
  try {
    url = new URL(arg.data);
  } catch {
    throw refused('not a valid URL.');
  }
  if (url.protocol !== 'https:') throw refused(`only https: links are opened (got ${url.protocol}).`);
  if (!url.hostname) throw refused('the link has no host.');
  if (url.username || url.password) throw refused('links with embedded credentials are not opened.');
  return url.href;
}

export function isAllowedExternalUrl(value: unknown): boolean {
  try {
    parseExternalUrl(value);
    return true;
  } catch {
    return false;
  }
}

/** Opens an allowed URL in the OS browser; rejects for anything else. */
export async function openExternalUrl(value: unknown): Promise<void> {
  await shell.openExternal(parseExternalUrl(value));
}
