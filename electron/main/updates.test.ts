import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from './settings.ts';
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
  it('are off by default: no feed, electron-updater is never loaded, nothing is checked', async () => {
    const feed = resolveUpdateFeed({}, DEFAULT_SETTINGS);
    expect(feed).toEqual({ url: null, reason: 'no update feed configured' });
    const handle = await startUpdates({ feed });
    expect(handle.enabled).toBe(false);
    vi.advanceTimersByTime(3 * UPDATE_CHECK_INTERVAL_MS);
    expect(updater.loads).toBe(0);
    expect(setFeedURL).not.toHaveBeenCalled();
    expect(check).not.toHaveBeenCalled();
  });

  it('take the feed from FLOWDECK_UPDATE_URL first, then from settings', () => {
    const settings = { updateFeedUrl: 'https://settings.example/flowdeck' };
    expect(resolveUpdateFeed({ FLOWDECK_UPDATE_URL: 'https://env.example/flowdeck' }, settings)).toEqual({
      url: 'https://env.example/flowdeck',
      source: 'env',
    });
    expect(resolveUpdateFeed({ FLOWDECK_UPDATE_URL: '  ' }, settings)).toEqual({ url: 'https://settings.example/flowdeck', source: 'settings' });
  });

  it.each(['http://updates.example/', 'ftp://x/', 'https://user:pw@updates.example/', 'not a url', 'file:///tmp/feed'])(
    'stay off for an unsafe feed URL %s',
    (url) => {
      expect(resolveUpdateFeed({ FLOWDECK_UPDATE_URL: url }, DEFAULT_SETTINGS).url).toBeNull();
    },
  );

  it('allow plain http only on loopback (a local test feed)', () => {
    expect(resolveUpdateFeed({ FLOWDECK_UPDATE_URL: 'http://127.0.0.1:8080/feed' }, DEFAULT_SETTINGS).url).toBe('http://127.0.0.1:8080/feed');
  });

  it('are on with a URL: generic feed, background download, install on quit, a check now and every interval', async () => {
    const feed = resolveUpdateFeed({ FLOWDECK_UPDATE_URL: 'https://updates.example/flowdeck' }, DEFAULT_SETTINGS);
    const handle = await startUpdates({ feed });
    expect(handle.enabled).toBe(true);
    expect(updater.loads).toBe(1);
    expect(setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example/flowdeck' });
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
    const handle = await startUpdates({ feed: { url: 'https://updates.example/', source: 'env' } });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('[flowdeck] update check failed:', expect.any(Error)));
    handle.stop();
    warn.mockRestore();
  });
});
