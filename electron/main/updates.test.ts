import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolveUpdateFeed, startUpdates, UPDATE_CHECK_INTERVAL_MS } from './updates.ts';

// electron-updater is mocked: nothing here can reach a network. `loads` counts imports of the module itself.
const updater = vi.hoisted(() => ({
  loads: 0,
  autoUpdater: {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: (() => undefined) as (options: unknown) => void,
    checkForUpdatesAndNotify: async (): Promise<unknown> => null,
    on: (() => undefined) as (event: string, listener: unknown) => unknown,
  },
}));
vi.mock('electron-updater', () => {
  updater.loads++;
  return { autoUpdater: updater.autoUpdater };
});

const setFeedURL = vi.fn();
const check = vi.fn(async () => null);

beforeEach(() => {
  vi.useFakeTimers();
  updater.autoUpdater.setFeedURL = setFeedURL;
  updater.autoUpdater.checkForUpdatesAndNotify = check;
  updater.autoUpdater.on = vi.fn();
  setFeedURL.mockClear();
  check.mockClear();
});
afterEach(() => vi.useRealTimers());

describe('updates', () => {
  const resources = '/opt/Flowdeck/resources';
  const withFile = (file: string) => file === `${resources}/app-update.yml`;

  it('are off by default: no built-in feed, electron-updater is never loaded, nothing is checked', async () => {
    for (const feed of [
      resolveUpdateFeed({ packaged: false, resourcesPath: resources, exists: withFile }),
      resolveUpdateFeed({ packaged: true, resourcesPath: resources, exists: () => false }),
    ]) {
      expect(feed.config).toBeNull();
      const handle = await startUpdates({ feed });
      expect(handle.enabled).toBe(false);
    }
    vi.advanceTimersByTime(3 * UPDATE_CHECK_INTERVAL_MS);
    expect(updater.loads).toBe(0);
    expect(check).not.toHaveBeenCalled();
  });

  it('come only from the built-in app-update.yml: FLOWDECK_UPDATE_URL and settings.json cannot set or change the feed', async () => {
    vi.stubEnv('FLOWDECK_UPDATE_URL', 'https://evil.example/feed');
    try {
      expect(resolveUpdateFeed({ packaged: true, resourcesPath: resources, exists: () => false })).toEqual({ config: null, reason: 'this build has no update feed' });
      const feed = resolveUpdateFeed({ packaged: true, resourcesPath: resources, exists: withFile });
      expect(feed).toEqual({ config: `${resources}/app-update.yml`, source: 'built-in' });
      const handle = await startUpdates({ feed });
      expect(handle.enabled).toBe(true);
      expect(setFeedURL).not.toHaveBeenCalled();
      handle.stop();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(readFileSync(new URL('./updates.ts', import.meta.url), 'utf8')).not.toMatch(/process\.env|updateFeedUrl|setFeedURL\(/);
  });

  it('are on with the built-in feed: background download, install on quit, a check now and every interval', async () => {
    const handle = await startUpdates({ feed: { config: `${resources}/app-update.yml`, source: 'built-in' } });
    expect(handle.enabled).toBe(true);
    expect(updater.loads).toBe(1);
    expect(updater.autoUpdater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    expect(check).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    expect(check).toHaveBeenCalledTimes(2);
    handle.stop();
    vi.advanceTimersByTime(5 * UPDATE_CHECK_INTERVAL_MS);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('a failing check is logged, not thrown', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    check.mockRejectedValueOnce(new Error('offline'));
    const handle = await startUpdates({ feed: { config: `${resources}/app-update.yml`, source: 'built-in' } });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('[flowdeck] update check failed:', expect.any(Error)));
    handle.stop();
    warn.mockRestore();
  });
});
