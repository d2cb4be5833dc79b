import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runUtilityProcess } from './main.ts';

let dir = '';
afterEach(() => {
  vi.restoreAllMocks();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `process.parentPort` as Electron gives it to the utility process: messages from main, postMessage to main. */
function fakeParentPort() {
  const posted: { type?: string; [k: string]: unknown }[] = [];
  let listener: ((e: { data: unknown; ports: never[] }) => void) | null = null;
  return {
    posted,
    send: (data: unknown) => listener?.({ data, ports: [] }),
    port: { on: (_event: 'message', l: typeof listener) => void (listener = l), postMessage: (m: never) => void posted.push(m) },
  };
}

describe('core utility process entry', () => {
  it('reports ready and the tray state, applies the tray\'s pause, and stops on shutdown', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-core-entry-'));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const parent = fakeParentPort();
    // The demo pinned to an instant (FLOWDECK_DEMO_NOW), so what it shows does not depend on today's date.
    await runUtilityProcess(parent.port, ['--data-dir', path.join(dir, 'data'), '--actor', 'ann', '--demo'],
      { FLOWDECK_DEMO_NOW: '2026-03-11T10:30:00Z' });
    expect(parent.posted.map((m) => m.type)).toEqual(['tray-state', 'ready']);
    // The demo estate opens incidents (one of them critical: a missed hourly run).
    expect(parent.posted[0]).toMatchObject({ health: 'failing', pausedUntil: null });
    expect(parent.posted[0]?.openIncidents).toBeGreaterThan(0);
    parent.send({ type: 'pause-notifications', minutes: 60 });
    expect(parent.posted.at(-1)).toMatchObject({ type: 'tray-state', pausedUntil: expect.any(Number) });
    parent.send({ type: 'shutdown' });
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('attached to a team server (--attach), it opens no ledger and reports where it stands', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-core-attach-'));
    const parent = fakeParentPort();
    // Nothing listens on port 9 of loopback; whatever the keychain holds (usually nothing), the desktop is not connected.
    await runUtilityProcess(parent.port, ['--data-dir', path.join(dir, 'data'), '--actor', 'ann', '--attach', 'http://127.0.0.1:9']);
    expect(parent.posted[0]).toEqual({ type: 'ready', attached: true });
    await vi.waitFor(() => expect(parent.posted.some((m) => m.type === 'attach-status' && (m.state === 'signed-out' || m.state === 'unreachable'))).toBe(true));
    expect(readdirSync(dir)).toEqual([]);
  });
});
