// The load test's traffic, in its own process so the core's event loop is measured alone: 50 fake n8n servers that
// gain runs every second, and a sender of 200 heartbeat pings/s to the core's push receiver. Driven over IPC by
// load.test.ts: {t:'start', port, slugs, seconds} → {t:'fakes', ...} … {t:'done', ...}; {t:'truth'} → {t:'truth', ...}.
import { Agent, request } from 'node:http';
import { n8nStatus } from '../../core/sync/vendors/n8n/mapper.ts';
import { startFakeN8n, type FakeN8n } from '../fakes/n8n/server.ts';
import { seedExecutions, seedWorkflows, type Estate } from '../fakes/n8n/seed.ts';

export type HarnessIn = { t: 'start'; connectors: number; pingsPerS: number } | { t: 'ping'; port: number; slugs: string[]; seconds: number }
  | { t: 'truth' } | { t: 'close' };
export type HarnessOut = { t: 'fakes'; fakes: { url: string; key: string }[] }
  | { t: 'done'; sent: number; acked: number; resets: number; refused: Record<string, number>; vendorAdds: number }
  | { t: 'truth'; truths: [string, string][][] };

const send = (m: HarnessOut) => process.send!(m);
const fakes: FakeN8n[] = [];
const estates: Estate[] = [];
let rate = 200;

function ping(agent: Agent, port: number, slug: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: `/ping/${slug}`, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function start(connectors: number): Promise<void> {
  const out: { url: string; key: string }[] = [];
  for (let i = 0; i < connectors; i++) {
    const fake = await startFakeN8n();
    fakes.push(fake);
    const estate = seedWorkflows(fake.state);
    estates.push(estate);
    seedExecutions(fake.state, estate, 100, Date.UTC(2026, 10, 24));
    out.push({ url: fake.url, key: fake.state.keys.issue({ expiresAt: Date.UTC(2030, 0, 1) }) });
  }
  send({ t: 'fakes', fakes: out });
}

async function traffic(port: number, slugs: string[], seconds: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const f = { sent: 0, acked: 0, resets: 0, refused: {} as Record<string, number>, vendorAdds: 0 };
  const inflight = new Set<Promise<unknown>>();
  const started = Date.now();
  // Ten pings every 50 ms = 200/s, catching up on timer lateness so the offered rate holds.
  const pinger = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * rate) - f.sent;
    for (let i = 0; i < due; i++) {
      const slug = slugs[f.sent % slugs.length]!;
      // A keep-alive socket the server just closed fails before any answer (status 0): a sender retries that once.
      const p = ping(agent, port, slug).then((status) => {
        if (status !== 0) return status;
        f.resets++;
        return ping(agent, port, slug);
      }).then((status) => {
        if (status === 200) f.acked++;
        else f.refused[status] = (f.refused[status] ?? 0) + 1;
      });
      f.sent++;
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
  }, 50);
  const vendors = setInterval(() => {
    for (const [i, fake] of fakes.entries()) {
      seedExecutions(fake.state, estates[i]!, 2, Date.now());
      f.vendorAdds += 2;
    }
  }, 1_000);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(pinger);
  clearInterval(vendors);
  while (inflight.size) await Promise.allSettled([...inflight]);
  agent.destroy();
  send({ t: 'done', ...f });
}

process.on('message', (m: HarnessIn) => {
  if (m.t === 'start') {
    rate = m.pingsPerS;
    void start(m.connectors);
  } else if (m.t === 'ping') void traffic(m.port, m.slugs, m.seconds);
  else if (m.t === 'truth') send({ t: 'truth', truths: fakes.map((fake) => [...fake.state.truth()].map(([id, s]) => [id, n8nStatus(s)])) });
  else if (m.t === 'close') void Promise.all(fakes.map((f) => f.close())).then(() => process.exit(0));
});
