/**
 * The `flowdeck` command: `node core/cli/main.ts <command>` (bin/flowdeck.mjs and scripts/flowdeck.sh check the Node
 * version first). Nothing reaches the user as a raw stack trace: an error is one plain line and exit code 1, with the
 * stack only when FLOWDECK_DEBUG=1.
 */
import type { CliIo } from './usage.ts';

const debug = process.env['FLOWDECK_DEBUG'] === '1';

function fail(error: unknown, code = 1): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`flowdeck: ${message}\n${debug && error instanceof Error && error.stack ? `${error.stack}\n` : ''}`);
  if (!debug) process.stderr.write('(Set FLOWDECK_DEBUG=1 to see the technical details.)\n');
  process.exit(code);
}

process.on('uncaughtException', (error) => fail(error));
process.on('unhandledRejection', (error) => fail(error));

function waitForStop(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      // A second Ctrl+C while shutting down stops at once.
      process.once('SIGINT', () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

// `flowdeck export runs | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  fail(error);
});

const io: CliIo = {
  out: (text) => { process.stdout.write(text); },
  err: (text) => { process.stderr.write(text); },
  stdout: process.stdout,
  env: process.env,
  cwd: process.cwd(),
  waitForStop,
};

try {
  // Loaded here rather than imported above: a native module built for another Node version (the ledger's SQLite)
  // fails while loading, and that too must read as one plain sentence.
  const { runCli } = await import('./run.ts');
  process.exitCode = await runCli(process.argv.slice(2), io);
} catch (error) {
  fail(/NODE_MODULE_VERSION|ERR_DLOPEN_FAILED|was compiled against a different Node/i.test(String((error as Error)?.message ?? error))
    ? new Error(`a native module was built for another Node.js version than this one (${process.versions.node}). Run \`npm rebuild\` `
      + 'in the Flowdeck folder, or start Flowdeck with `npm run flowdeck -- <command>`.') : error);
}
