import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrayState } from '../../core/contract/desktop.ts';
import * as fake from '../test-support/electron-fake.ts';
import { FlowdeckTray } from './tray.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

const openWindow = vi.fn();
const post = vi.fn((_m: unknown) => true);
const quit = vi.fn();
const state = (s: Partial<TrayState>): TrayState => ({ health: 'ok', openIncidents: 0, needsAttention: 0, summary: 'Flowdeck: all clear', pausedUntil: null, ...s });

function created(): { tray: FlowdeckTray; icon: fake.FakeTray } {
  const tray = new FlowdeckTray({ iconPath: (s, t) => `/icons/${s}-${t}.png`, openWindow, post, quit, formatTime: (ms) => `T${ms}` });
  tray.create();
  const icon = fake.FakeTray.instances.at(-1);
  if (!icon) throw new Error('no tray icon was created');
  return { tray, icon };
}

beforeEach(() => {
  fake.resetFakeElectron();
  openWindow.mockClear();
  post.mockClear();
  quit.mockClear();
});

describe('FlowdeckTray', () => {
  it('starts with the ok icon for the light theme, and follows health and the OS theme', () => {
    const { tray, icon } = created();
    expect(icon.image).toBe('/icons/ok-light.png');
    tray.update(state({ health: 'warning', openIncidents: 1, summary: 'Flowdeck: 1 open incident' }));
    expect(icon.image).toBe('/icons/warning-light.png');
    expect(icon.tooltip).toBe('Flowdeck: 1 open incident');
    fake.nativeTheme.shouldUseDarkColors = true;
    fake.nativeTheme.emit('updated');
    expect(icon.image).toBe('/icons/warning-dark.png');
    tray.update(state({ health: 'failing', openIncidents: 2 }));
    expect(icon.image).toBe('/icons/failing-dark.png');
  });

  it('the app badge counts the workflows that need you (as the Overview lists them), only when that count changes', () => {
    const { tray } = created();
    tray.update(state({ health: 'failing', openIncidents: 1, needsAttention: 3 }));
    expect(fake.app.badgeCount).toBe(3);
    tray.update(state({ health: 'warning', openIncidents: 5, needsAttention: 3 }));
    expect(fake.app.setBadgeCount).toHaveBeenCalledTimes(1);
    tray.update(state({ openIncidents: 2, needsAttention: 0 }));
    expect(fake.app.badgeCount).toBe(0);
  });

  it('menu: open, the incident count, pause for an hour (to the core), quit', () => {
    const { tray, icon } = created();
    tray.update(state({ openIncidents: 2, needsAttention: 1, health: 'warning' }));
    expect(icon.menu?.items.map((i) => i.label ?? i.type)).toEqual(
      ['Open Flowdeck', '1 needs you', '2 open incidents', 'separator', 'Pause notifications for 1 hour', 'separator', 'Quit Flowdeck']);
    icon.menu?.click('Open Flowdeck');
    expect(openWindow).toHaveBeenCalledTimes(1);
    icon.menu?.click('Pause notifications for 1 hour');
    expect(post).toHaveBeenCalledWith({ type: 'pause-notifications', minutes: 60 });
    icon.menu?.click('Quit Flowdeck');
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('while paused, the menu offers to resume and says until when', () => {
    const { tray, icon } = created();
    tray.update(state({ pausedUntil: 5000 }));
    icon.menu?.click('Resume notifications (paused until T5000)');
    expect(post).toHaveBeenCalledWith({ type: 'resume-notifications' });
    expect(icon.menu?.items.some((i) => i.label === 'Pause notifications for 1 hour')).toBe(false);
  });

  it('a click on the icon opens the console; destroy removes the icon and stops following the theme', () => {
    const { tray, icon } = created();
    icon.emit('click');
    expect(openWindow).toHaveBeenCalledTimes(1);
    tray.destroy();
    expect(icon.isDestroyed()).toBe(true);
    expect(fake.nativeTheme.listenerCount('updated')).toBe(0);
  });

  it('a state that arrives before the icon exists is drawn when it is created', () => {
    const tray = new FlowdeckTray({ iconPath: (s, t) => `/icons/${s}-${t}.png`, openWindow, post, quit });
    tray.update(state({ health: 'failing', openIncidents: 1, summary: 'Flowdeck: 1 open incident (1 critical)' }));
    tray.create();
    expect(fake.FakeTray.instances[0]).toMatchObject({ image: '/icons/failing-light.png', tooltip: 'Flowdeck: 1 open incident (1 critical)' });
  });
});
