import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../test-support/electron-fake.ts';
import { registerIpc } from './ipc.ts';
import { WindowRegistry } from './window-registry.ts';

vi.mock('electron', () => import('../test-support/electron-fake.ts'));

interface FakeEvent {
  sender: fake.FakeWebContents;
  senderFrame: fake.FakeFrame | null;
}

let registry: WindowRegistry;
let win: fake.FakeBrowserWindow;
const core = { connect: vi.fn() };

beforeEach(() => {
  fake.resetFakeElectron();
  core.connect.mockClear();
  registry = new WindowRegistry();
  win = new fake.FakeBrowserWindow({});
  registry.add(win as unknown as BrowserWindow);
  registerIpc({ registry, core });
});

const ownEvent = (): FakeEvent => ({ sender: win.webContents, senderFrame: win.webContents.mainFrame });

function connect(event: FakeEvent): void {
  const listener = fake.ipcMainListeners.get('core:connect') as (e: FakeEvent) => void;
  listener(event);
}

function openExternal(event: FakeEvent, url: unknown): Promise<void> {
  const handler = fake.ipcMainHandlers.get('shell:open-external') as (e: FakeEvent, url: unknown) => Promise<void>;
  return handler(event, url);
}

describe('IPC sender validation', () => {
  it('connects the top frame of our own window on app://flowdeck', () => {
    connect(ownEvent());
    expect(core.connect).toHaveBeenCalledWith(win.webContents);
  });

  it.each<[string, () => FakeEvent]>([
    ['a foreign origin in our window', () => ({ sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } })],
    ['a file:// page in our window', () => ({ sender: win.webContents, senderFrame: { url: 'file:///tmp/x.html', parent: null } })],
    ['a subframe on our origin', () => ({
      sender: win.webContents,
      senderFrame: { url: 'app://flowdeck/frame.html', parent: win.webContents.mainFrame },
    })],
    ['a destroyed frame', () => ({ sender: win.webContents, senderFrame: null })],
    ['a webContents that is not one of our windows', () => {
      const stranger = new fake.FakeWebContents();
      return { sender: stranger, senderFrame: stranger.mainFrame };
    }],
    ['a window that was closed', () => {
      const event = ownEvent();
      win.close();
      return event;
    }],
  ])('refuses core:connect from %s', (_name, makeEvent) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    connect(makeEvent());
    expect(core.connect).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('refused core:connect'));
    warn.mockRestore();
  });

  it('refuses shell:open-external from a foreign frame', async () => {
    const event = { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(openExternal(event, 'https://example.com/')).rejects.toThrow(/untrusted sender/);
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('shell:open-external allow-list', () => {
  it('opens https URLs in the OS browser', async () => {
    await openExternal(ownEvent(), 'https://github.com/acme/repo/actions/runs/42');
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://github.com/acme/repo/actions/runs/42');
  });

  it.each([
    ['http:', 'http://example.com/'],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['smb:', 'smb://host/share'],
    ['credentials', 'https://user:pass@example.com/'],
    ['not a URL', 'not a url'],
    ['too long', `https://example.com/${'a'.repeat(2100)}`],
    ['a non-string', { href: 'https://example.com/' }],
    ['empty', ''],
  ])('rejects %s', async (_name, url) => {
    await expect(openExternal(ownEvent(), url)).rejects.toThrow(/Refused to open external link/);
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });
});
