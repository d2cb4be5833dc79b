import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { Clock } from '../platform/clock.ts';
import type { SecretStore } from '../platform/secrets/index.ts';

/** Bad usage: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A command that could not do its job: printed as is, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Where bulk output (exports) is streamed. */
  stdout: NodeJS.WritableStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Resolves when the user asks a long-running command to stop (Ctrl+C, SIGTERM). */
  waitForStop(): Promise<string>;
  /** Test seam: the core's clock (the system clock otherwise). */
  clock?: Clock;
  /** Test seam: where connector credentials are read (the OS keychain otherwise). */
  secrets?: SecretStore;
}

export interface Parsed<O extends ParseArgsOptionsConfig> {
  values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
}

/** Strict parsing; unknown options, missing values and stray arguments become UsageErrors naming the command. */
export function parseCommand<O extends ParseArgsOptionsConfig>(
  command: string, args: string[], options: O, maxPositionals = 0,
): Parsed<O> {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`flowdeck ${command}: ${message}`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`flowdeck ${command}: unexpected argument '${parsed.positionals[maxPositionals]}'`);
  }
  return parsed as unknown as Parsed<O>;
}

/** The --data-dir option every command that opens the ledger accepts. */
export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const;
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export const DATA_DIR_HELP =
  '  --data-dir DIR   Ledger location (default: FLOWDECK_DATA_DIR, else the desktop app\'s data dir)';
