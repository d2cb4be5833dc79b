import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';
import { DesktopNotifications } from './notifications.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

const navigate = vi.fn();
const showWindow = vi.fn();
const notifications = () => new DesktopNotifications({ navigate, showWindow });

beforeEach(() => {
  fake.resetFakeElectron();
  navigate.mockClear();
  showWindow.mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('DesktopNotifications', () => {
  it('shows a native notification; a click opens its incident', () => {
    expect(notifications().show({ title: 'Incident: sheets — Any failure', body: '1 failed run', route: '#/incidents/12' })).toBe(true);
    const n = fake.FakeNotification.instances[0];
    expect(n?.options).toEqual({ title: 'Incident: sheets — Any failure', body: '1 failed run' });
    expect(n?.show).toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
    n?.emit('click');
    expect(navigate).toHaveBeenCalledWith('#/incidents/12');
  });

  it('a run route opens the run; no route just brings the window up', () => {
    const desk = notifications();
    desk.show({ title: 'a', body: '', route: '#/runs?run=gh-7' });
    desk.show({ title: 'Flowdeck test notification', body: '', route: null });
    fake.FakeNotification.instances[0]?.emit('click');
    fake.FakeNotification.instances[1]?.emit('click');
    expect(navigate).toHaveBeenCalledWith('#/runs?run=gh-7');
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(showWindow).toHaveBeenCalledTimes(1);
  });

  it.each(['#/settings', 'https://evil.example/', '#/incidents/1/../../x', '#/incidents/1?x=1', 'javascript:alert(1)', '#/runs?run=1&x=2'])(
    'refuses a notification whose route is %j: nothing shown',
    (route) => {
      expect(notifications().show({ title: 't', body: 'b', route })).toBe(false);
      expect(fake.FakeNotification.instances).toHaveLength(0);
      expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('refused a notification'));
    },
  );

  it('shows nothing where the OS has no notifications', () => {
    fake.FakeNotification.supported = false;
    expect(notifications().show({ title: 't', body: 'b', route: null })).toBe(false);
    expect(fake.FakeNotification.instances).toHaveLength(0);
  });
});
