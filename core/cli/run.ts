import { VERSION } from '../version.ts';
import { backupCommand } from './backup-command.ts';
import { connectorsCommand } from './connectors-command.ts';
import { exportCommand } from './export-command.ts';
import { pollCommand } from './poll-command.ts';
import { registryCommand } from './registry-command.ts';
import { retentionCommand } from './retention-command.ts';
import { serveCommand } from './serve-command.ts';
import { statusCommand } from './status-command.ts';
import { tokensCommand } from './tokens-command.ts';
import { usersCommand } from './users-command.ts';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './usage.ts';

export const MAIN_HELP = `Usage: flowdeck <command> [options]

Flowdeck watches your n8n, Make, Zapier and GitHub Actions runs in one ledger.

Commands:
  serve           Run the console in your browser (token-protected, 127.0.0.1 by default)
  status          What needs attention now, counts, last ingest, data dir and version
                  (\`status --check\` for monitoring scripts: exits 0 OK, 1 warning, 2 critical, 3 unknown)
  export runs     Write runs as CSV or JSON
  users           Add people who sign in to serve mode, set their roles, disable them, reset passwords
  tokens          Add, list and revoke named access tokens for serve mode
  connectors      Add, list, test, pause and remove connectors (credentials go to the system keychain)
  poll            Collect runs from the connectors (\`poll --once\` for scripts)
  backup          Create, list and restore ledger backups
  registry        Export or import the workflow registry as a git-friendly folder
  retention       How many days of runs Flowdeck keeps; change it, or remove older runs now

Options for every command, before or after it: --data-dir DIR (the ledger's folder).
Run \`flowdeck <command> --help\` for a command's options. \`flowdeck --version\` prints the version.
Set FLOWDECK_DEBUG=1 to see the technical details (stack trace) of an unexpected error.
`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  serve: serveCommand,
  status: statusCommand,
  export: exportCommand,
  tokens: tokensCommand,
  users: (args, io) => usersCommand(args, io),
  connectors: (args, io) => connectorsCommand(args, io),
  poll: pollCommand,
  backup: backupCommand,
  registry: registryCommand,
  retention: retentionCommand,
};

/**
 * `flowdeck --data-dir X status` means `flowdeck status --data-dir X`: options given before the command move after it.
 * Given on both sides, it is a usage error rather than a silent choice.
 */
export function hoistGlobalOptions(argv: readonly string[]): string[] {
  const moved: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data-dir') {
      if (i + 1 >= argv.length) throw new UsageError('flowdeck: --data-dir needs a directory.');
      moved.push(a, argv[++i]!);
    } else if (a.startsWith('--data-dir=')) moved.push(a);
    else break;
  }
  if (!moved.length) return [...argv];
  const rest = argv.slice(i);
  if (rest.some((a) => a === '--data-dir' || a.startsWith('--data-dir='))) {
    throw new UsageError('flowdeck: --data-dir is given twice (before and after the command); give it once.');
  }
  if (!rest.length) throw new UsageError('flowdeck: --data-dir goes with a command, e.g. `flowdeck --data-dir DIR status`.');
  return [...rest, ...moved];
}

/** The message for an error nobody planned for: plain words, the stack only with FLOWDECK_DEBUG=1. */
export function unexpectedError(error: unknown, env: CliIo['env']): string {
  const message = error instanceof Error ? error.message : String(error);
  const debug = env['FLOWDECK_DEBUG'] === '1' && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `${message}${debug}`;
}

/** Runs one CLI invocation and returns its exit code: 0 done, 1 failed, 2 bad usage (`status --check`: its own codes). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: string[];
  try {
    args = hoistGlobalOptions(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\nSee \`flowdeck --help\`.\n`);
    return EXIT_USAGE;
  }
  const [name, ...rest] = args;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) return runCli([topic, '--help'], io);
    (name === undefined ? io.err : io.out)(MAIN_HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return EXIT_OK;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`flowdeck: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}. See \`flowdeck --help\`.\n`);
    return EXIT_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\nSee \`flowdeck ${name} --help\`.\n`);
      return EXIT_USAGE;
    }
    if (error instanceof CliError) {
      io.err(`flowdeck ${name}: ${error.message}\n`);
      return EXIT_FAILED;
    }
    // Start-up failures (a damaged or newer database, an unreadable data dir) carry a clear message of their own.
    io.err(`flowdeck ${name}: ${unexpectedError(error, io.env)}\n`);
    return EXIT_FAILED;
  }
}
