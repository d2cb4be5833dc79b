/**
 * A real core process for the crash harness: opens the ledger in --data-dir, points an n8n connector at the
 * fake n8n the parent runs, and polls it through the real scheduler until it is killed. `--converge` instead
 * runs one complete poll (every page plus the refresh of unfinished runs), prints its outcome and exits.
 * The API key comes from FLOWDECK_CRASH_KEY (a process-local keychain), never from argv.
 */
import { parseArgs } from 'node:util';
import { createCore } from '../../core/app.ts';
import { createMemorySecretStore } from '../../core/platform/secrets/memory-store.ts';
import { createStderrLogger } from '../../core/platform/logger.ts';

export const CRASH_CONNECTOR = 'n8n-crash';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, url: { type: 'string' }, converge: { type: 'boolean' } },
  strict: true,
});
const dataDir = values['data-dir'];
const url = values.url;
if (!dataDir || !url) throw new Error('crash-child: --data-dir and --url are required');

const secretRef = `connector:${CRASH_CONNECTOR}`;
const secrets = createMemorySecretStore({ [secretRef]: process.env['FLOWDECK_CRASH_KEY'] ?? '' });
const core = createCore({
  dataDir, logger: createStderrLogger('crash-child'), alerting: { autoStart: false },
  connectors: {
    secrets, random: () => 0.5,
    cadence: { fastMs: 5, normalMs: 5, idleMs: 5, continueMs: 0, startSpreadMs: 0, backoffBaseMs: 5, backoffMaxMs: 50, jitter: 0, workflowsMs: 200 },
  },
});
if (!core.ledger.connectors.get(CRASH_CONNECTOR)) {
  core.ledger.connectors.create({ id: CRASH_CONNECTOR, kind: 'n8n', name: 'n8n (crash)', baseUrl: url, secretRef, config: {} }, Date.now());
}

if (values.converge) {
  // A poll may end after the gap fetches a crash left pending, with the next runs scan due on the following poll
  // (as the scheduler would do seconds later): poll until two polls in a row bring nothing new.
  let polls = 0;
  let quiet = 0;
  let ok = true;
  let message: string | null = null;
  while (quiet < 2 && polls < 10) {
    const outcome = await core.connectors.scheduler.pollOnce(CRASH_CONNECTOR);
    polls++;
    ok = outcome?.ok ?? false;
    message = outcome?.message ?? null;
    if (!ok) break;
    quiet = outcome!.runsIngested === 0 ? quiet + 1 : 0;
  }
  process.stdout.write(`${JSON.stringify({ converged: ok && quiet === 2, polls, message })}\n`);
  core.close();
} else {
  let polls = 0;
  core.events.subscribe('connectors/polled', () => { polls++; });
  core.connectors.scheduler.start();
  process.stdout.write('ready\n');
  // Keeps the process alive (the scheduler's timers are unref'd) until the parent's SIGKILL.
  setInterval(() => { process.stdout.write(`polls ${polls}\n`); }, 1_000);
}
