/** The `flowdeck` command: `node core/cli/main.ts <command>` (bin/flowdeck.mjs checks the Node version first). */
import { runCli } from './run.ts';
import type { CliIo } from './usage.ts';

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
  throw error;
});

const io: CliIo = {
  out: (text) => { process.stdout.write(text); },
  err: (text) => { process.stderr.write(text); },
  stdout: process.stdout,
  env: process.env,
  cwd: process.cwd(),
  waitForStop,
};

process.exitCode = await runCli(process.argv.slice(2), io);
