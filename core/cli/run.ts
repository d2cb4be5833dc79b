import { VERSION } from '../version.ts';
import { backupCommand } from './backup-command.ts';
import { connectorsCommand } from './connectors-command.ts';
import { exportCommand } from './export-command.ts';
import { pollCommand } from './poll-command.ts';
import { registryCommand } from './registry-command.ts';
import { serveCommand } from './serve-command.ts';
import { statusCommand } from './status-command.ts';
import { tokensCommand } from './tokens-command.ts';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './usage.ts';

export const MAIN_HELP = `Usage: flowdeck <command> [options]

Flowdeck watches your n8n, Make, Zapier and GitHub Actions runs in one ledger.

Commands:
  serve           Run the console in your browser (token-protected, 127.0.0.1 by default)
  status          Counts, last ingest, data dir and version
  export runs     Write runs as CSV or JSON
  tokens          Add, list and revoke named access tokens for serve mode
  connectors      Add, list, test, pause and remove connectors (credentials go to the system keychain)
  poll            Collect runs from the connectors (\`poll --once\` for scripts)
  backup          Create, list and restore ledger backups
  registry        Export or import the workflow registry as a git-friendly folder

Run \`flowdeck <command> --help\` for a command's options. \`flowdeck --version\` prints the version.
`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  serve: serveCommand,
  status: statusCommand,
  export: exportCommand,
  tokens: tokensCommand,
  connectors: (args, io) => connectorsCommand(args, io),
  poll: pollCommand,
  backup: backupCommand,
  registry: registryCommand,
};

/** Runs one CLI invocation and returns its exit code: 0 done, 1 failed, 2 bad usage. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
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
    io.err(`flowdeck ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILED;
  }
}
