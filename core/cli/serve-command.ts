import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../app.ts';
import { createStderrLogger } from '../platform/logger.ts';
import { createSecretStore } from '../platform/secrets/index.ts';
import { isLoopbackHost } from '../platform/net/host-check.ts';
import { startServer, ServeRefusedError } from '../server/server.ts';
import { readTlsFiles, TlsFilesError, type TlsFiles } from '../server/tls-files.ts';
import type { SecretStore } from '../platform/secrets/types.ts';
import { PushReceiverRefused, startPushReceiver, type PushReceiver } from '../push/receiver.ts';
import { VERSION } from '../version.ts';
import { DemoDirError } from '../demo/demo-dir.ts';
import { DEMO_NOW_ENV, demoNowFrom, DemoNowError } from '../demo/demo-now.ts';
import { prepareDemo } from '../demo/prepare.ts';
import type { LiveDemo } from '../demo/live.ts';
import { dataDirFrom } from './open-core.ts';
import { osUser } from './os-user.ts';
import { CliError, DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_OK, HELP_OPTION, parseCommand, UsageError, type CliIo } from './usage.ts';

export const DEFAULT_PORT = 7787;
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

export const SERVE_HELP = `Usage: flowdeck serve [--port N] [--host ADDR] [--allow-remote] [--tls-cert FILE --tls-key FILE] [--demo] [--data-dir DIR] [--renderer-dir DIR] [--push-port N]

Runs the Flowdeck console in your browser. It prints a link carrying an access token, new at every start and
valid until the server stops; open it to sign in.
Teammates use their own named tokens (see \`flowdeck tokens --help\`).

  --port N            Port to listen on (default ${DEFAULT_PORT}; 0 picks any free port)
  --host ADDR         Address to listen on (default 127.0.0.1, this machine only)
  --allow-remote      Required for any --host other machines can reach (e.g. 0.0.0.0)
  --tls-cert FILE     Serve HTTPS with this certificate (PEM; with its chain, as Let's Encrypt gives it)
  --tls-key FILE      ... and its private key (PEM, no passphrase). Sign-in cookies are then HTTPS-only
                      and browsers are told to use HTTPS for this host (HSTS)
  --demo              Open on a freshly generated demo estate (its own throwaway data dir);
                      FLOWDECK_DEMO_NOW=2026-03-11T10:30:00Z starts its clock at that instant
${DATA_DIR_HELP}
  --renderer-dir DIR  The built console (default: out/renderer)
  --push-port N       Port of the local heartbeat/webhook receiver (default: the push.port setting, else 7788)
`;

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`flowdeck serve: --port must be a number from 0 to 65535, not '${value}'.`);
  return port;
}

function remoteWarning(host: string, port: number): string {
  return `\nWARNING: Flowdeck is listening on ${host}:${port}, reachable from other machines, over plain HTTP.\n` +
    '  Anyone who gets a token link can read this ledger, and tokens cross the network unencrypted.\n' +
    '  Use it only on a network you trust, add --tls-cert and --tls-key, or put an HTTPS reverse proxy in front.\n\n';
}

/** Both TLS files or neither; read and checked before anything starts, each problem said plainly. */
function tlsFrom(values: { 'tls-cert'?: string | undefined; 'tls-key'?: string | undefined }, io: CliIo): TlsFiles | undefined {
  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if (cert === undefined && key === undefined) return undefined;
  if (!cert || !key) throw new UsageError('flowdeck serve: --tls-cert and --tls-key go together: give both files, or neither.');
  try {
    return readTlsFiles(path.resolve(io.cwd, cert), path.resolve(io.cwd, key));
  } catch (error) {
    if (error instanceof TlsFilesError) throw new CliError(error.message);
    throw error;
  }
}

interface Opened {
  core: Core;
  dir: string;
  secrets: SecretStore | null;
  /** The demo's simulated vendors, polled by its connectors. */
  startLive?: () => Promise<LiveDemo>;
}

function openCore(dataDir: string, demo: boolean, io: CliIo): Opened {
  const logger = createStderrLogger('core');
  // Connector credentials live in the OS keychain; the demo keeps its simulated vendors' keys in memory.
  if (!demo) {
    const secrets = createSecretStore({ kind: 'keychain' });
    return { core: createCore({ dataDir, logger, connectors: { secrets } }), dir: dataDir, secrets };
  }
  try {
    const startAt = demoNowFrom(io.env);
    const { core, dir, runs, workflows, startLive } = prepareDemo({ dataDir, logger, ...(startAt === null ? {} : { startAt }) });
    io.err(`Demo estate: ${workflows} workflows, ${runs} runs (regenerated at every start).\n`);
    if (startAt !== null) io.err(`Demo clock: starts at ${new Date(startAt).toISOString()} (${DEMO_NOW_ENV}) and runs at real speed.\n`);
    return { core, dir, secrets: null, startLive };
  } catch (error) {
    if (error instanceof DemoDirError || error instanceof DemoNowError) throw new CliError(error.message);
    throw error;
  }
}

/** The local heartbeat/webhook receiver; a busy port costs the receiver, never the console. */
async function openPushReceiver(core: Core, secrets: SecretStore, portFlag: string | undefined, io: CliIo): Promise<PushReceiver> {
  try {
    const push = await startPushReceiver({ core, secrets, ...(portFlag !== undefined ? { port: parsePort(portFlag) } : {}) });
    io.err(`Heartbeats and webhooks are received at ${push.url} (see Connectors → Heartbeats).\n`);
    return push;
  } catch (error) {
    if (!(error instanceof PushReceiverRefused)) throw error;
    throw new CliError(`The heartbeat receiver could not start: ${error.message} Pick another port with --push-port (0 = any free port).`);
  }
}

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('serve', args, {
    ...HELP_OPTION, ...DATA_DIR_OPTION, port: { type: 'string' }, host: { type: 'string' },
    'allow-remote': { type: 'boolean' }, demo: { type: 'boolean' }, 'renderer-dir': { type: 'string' },
    'push-port': { type: 'string' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' },
  });
  if (values.help) {
    io.out(SERVE_HELP);
    return EXIT_OK;
  }
  const port = parsePort(values.port);
  const host = values.host ?? '127.0.0.1';
  if (!host) throw new UsageError('flowdeck serve: --host needs an address.');
  if (!isLoopbackHost(host) && !values['allow-remote']) {
    throw new UsageError(`flowdeck serve: refusing to listen on ${host}, which other machines can reach. ` +
      'If that is what you want, add --allow-remote (and read the warning it prints).');
  }
  const tls = tlsFrom(values, io);
  const rendererDir = values['renderer-dir'] ? path.resolve(io.cwd, values['renderer-dir']) : DEFAULT_RENDERER_DIR;
  const demo = values.demo === true;
  const { core, dir, secrets, startLive } = openCore(dataDirFrom(values['data-dir'], io), demo, io);
  // Damage inside the file only shows on a full check, so one runs before the console opens (it names the last good backup).
  core.storage.checkIntegrity();
  const storage = core.storage.status();
  if (storage.state !== 'ok') io.err(`Nothing can be saved right now: ${storage.message}\n`);
  let live: LiveDemo | null = null;
  let server;
  try {
    // The demo's n8n, Make and GitHub are simulated on loopback; its connectors poll them like real ones.
    live = startLive ? await startLive().catch((error: unknown) => {
      io.err(`The demo's simulated vendors did not start (${error instanceof Error ? error.message : String(error)}); showing the seeded history only.\n`);
      return null;
    }) : null;
    if (live) io.err('Demo connectors poll simulated n8n, Make and GitHub APIs on this machine; new runs keep arriving.\n');
    server = await startServer({
      core, rendererDir, host, port, allowRemote: values['allow-remote'] === true, launchActor: osUser(io.env),
      ...(tls ? { tls } : {}),
    });
  } catch (error) {
    await core.connectors.scheduler.stop();
    await live?.close();
    core.close();
    if (error instanceof ServeRefusedError) throw new CliError(error.message);
    throw error;
  }
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    io.err(`The console is not built (${path.join(rendererDir, 'index.html')} is missing): run \`npm run bundle\`, ` +
      'or start with `npm run serve`, which builds it. The WebSocket API works meanwhile.\n');
  }
  if (!isLoopbackHost(host) && !tls) io.err(remoteWarning(host, server.port));
  io.out(`Flowdeck ${VERSION} is serving ${demo ? 'the DEMO estate' : 'your ledger'} (data: ${dir}).\n` +
    'Open this link in your browser; it carries an access token, so keep it to yourself:\n\n' +
    `    ${server.url}\n\nPress Ctrl+C to stop.\n`);
  if (!demo) {
    io.err(core.users.hasUsers()
      ? `Teammates sign in at ${server.origin}/sign-in with their login and password (\`flowdeck users list\`).\n`
      : 'Nobody can sign in with a password yet: the link above asks you to create the owner first ' +
        '(or run `flowdeck users add <login> --role owner`).\n');
  }
  // Polls the connectors in the background (the demo's started with its simulated vendors).
  if (!demo) core.connectors.scheduler.start();
  let push: PushReceiver | null;
  try {
    push = secrets ? await openPushReceiver(core, secrets, values['push-port'], io) : null;
  } catch (error) {
    await core.connectors.scheduler.stop();
    await live?.close();
    await server.close();
    core.close();
    throw error;
  }
  const signal = await io.waitForStop();
  io.err(`\nStopping (${signal})…\n`);
  await push?.close();
  await core.connectors.scheduler.stop();
  await live?.close();
  await server.close();
  core.close();
  io.err('Flowdeck stopped.\n');
  return EXIT_OK;
}
