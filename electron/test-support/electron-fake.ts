import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A small stand-in for the `electron` module (the binary cannot run on build machines).
 * Use: `vi.mock('electron', () => import('../test-support/electron-fake.ts'))`, then import this module
 * in the test to drive and inspect it. Only what the shell uses is modelled.
 */

type Listener = (...args: never[]) => unknown;

export class FakeSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  devicePermissionHandler: Listener | null = null;
  readonly setPermissionRequestHandler = vi.fn((h: Listener | null) => void (this.permissionRequestHandler = h));
  readonly setPermissionCheckHandler = vi.fn((h: Listener | null) => void (this.permissionCheckHandler = h));
  readonly setDevicePermissionHandler = vi.fn((h: Listener | null) => void (this.devicePermissionHandler = h));
}

let nextContentsId = 1;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly session = new FakeSession();
  readonly mainFrame: FakeFrame = { url: 'app://flowdeck/index.html', parent: null };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  private destroyed = false;
  readonly setWindowOpenHandler = vi.fn((h: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = h;
  });
  readonly postMessage = vi.fn();
  readonly send = vi.fn();
  readonly closeDevTools = vi.fn();
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** Emit a navigation-like event and report whether a listener prevented it. */
  navigate(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => void (prevented = true) });
    return prevented;
  }
}

export interface FakeRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  minimized = false;
  maximized = false;
  visible = false;
  /** Normal (restored) bounds, as the constructor options or later tests set them. */
  bounds: FakeRect;
  private destroyed = false;
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn(() => void (this.visible = true));
  readonly hide = vi.fn(() => void (this.visible = false));
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => void (this.minimized = false));
  readonly maximize = vi.fn(() => void (this.maximized = true));
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    const num = (key: string, fallback: number): number => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    this.bounds = { x: num('x', 100), y: num('y', 100), width: num('width', 800), height: num('height', 600) };
    FakeBrowserWindow.instances.push(this);
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  getNormalBounds(): FakeRect {
    return { ...this.bounds };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the close button does: emit 'close' (cancellable), then close unless a listener prevented it. */
  requestClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => void (prevented = true) });
    if (!prevented) this.close();
    return !prevented;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
}

export class FakeUtilityProcess extends EventEmitter {
  readonly postMessage = vi.fn();
  readonly kill = vi.fn(() => true);
  readonly modulePath: string;
  readonly args: string[];
  readonly options: Record<string, unknown>;
  constructor(modulePath: string, args: string[], options: Record<string, unknown>) {
    super();
    this.modulePath = modulePath;
    this.args = args;
    this.options = options;
  }
}

let nextPortId = 1;
export class FakeMessageChannelMain {
  readonly port1 = { port: nextPortId++ };
  readonly port2 = { port: nextPortId++ };
}

export const forks: FakeUtilityProcess[] = [];
export const utilityProcess = {
  fork: vi.fn((modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) => {
    const child = new FakeUtilityProcess(modulePath, args, options);
    forks.push(child);
    return child;
  }),
};

export const loginItem = { openAtLogin: false, args: [] as string[] };

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  setLoginItemSettings: vi.fn((settings: { openAtLogin?: boolean; args?: string[] }) => {
    loginItem.openAtLogin = settings.openAtLogin ?? false;
    loginItem.args = settings.args ?? [];
  }),
  getLoginItemSettings: vi.fn(() => ({ openAtLogin: loginItem.openAtLogin })),
  setAsDefaultProtocolClient: vi.fn((_scheme: string) => true),
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
  relaunch: vi.fn(),
  enableSandbox: vi.fn(),
  whenReady: vi.fn(() => Promise.resolve()),
  isReady: vi.fn(() => true),
  getPath: vi.fn((name: string) => `/fake/${name}`),
  badgeCount: 0,
  setBadgeCount: vi.fn((count?: number): boolean => {
    app.badgeCount = count ?? 0;
    return true;
  }),
});

export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };

/** Displays by work area, primary first; tests may replace the list. */
export const displays: { workArea: FakeRect }[] = [];
const DEFAULT_DISPLAY = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
export const screen = {
  getAllDisplays: vi.fn(() => [...displays]),
  getPrimaryDisplay: vi.fn(() => displays[0]),
};
export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
export const dialog = { showErrorBox: vi.fn() };
export const session = { defaultSession: new FakeSession() };

export const ipcMainListeners = new Map<string, Listener>();
export const ipcMainHandlers = new Map<string, Listener>();
export const ipcMain = {
  on: vi.fn((channel: string, listener: Listener) => void ipcMainListeners.set(channel, listener)),
  handle: vi.fn((channel: string, handler: Listener) => void ipcMainHandlers.set(channel, handler)),
};

export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = Object.assign(new EventEmitter(), {
  send: vi.fn(),
  invoke: vi.fn(async (..._args: unknown[]) => undefined),
});

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

export class FakeMenu {
  readonly items: FakeMenuItem[];
  constructor(items: FakeMenuItem[]) {
    this.items = items;
  }
  static readonly buildFromTemplate = vi.fn((template: FakeMenuItem[]) => new FakeMenu(template));
  /** Click the item with this label (throws when there is none, so a test cannot pass by accident). */
  click(label: string): void {
    const item = this.items.find((i) => i.label === label);
    if (!item?.click) throw new Error(`no menu item "${label}" in [${this.items.map((i) => i.label ?? '-').join(', ')}]`);
    item.click();
  }
}

export class FakeTray extends EventEmitter {
  static readonly instances: FakeTray[] = [];
  /** Set to make `new Tray()` throw, as on a Linux desktop without a tray. */
  static unavailable = false;
  image: string;
  tooltip = '';
  menu: FakeMenu | null = null;
  private destroyed = false;
  readonly setImage = vi.fn((image: string) => void (this.image = image));
  readonly setToolTip = vi.fn((tooltip: string) => void (this.tooltip = tooltip));
  readonly setContextMenu = vi.fn((menu: FakeMenu | null) => void (this.menu = menu));
  readonly destroy = vi.fn(() => void (this.destroyed = true));
  constructor(image: string) {
    super();
    if (FakeTray.unavailable) throw new Error('no system tray');
    this.image = image;
    FakeTray.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });

export class FakeNotification extends EventEmitter {
  static readonly instances: FakeNotification[] = [];
  static supported = true;
  static readonly isSupported = vi.fn(() => FakeNotification.supported);
  readonly options: { title: string; body: string };
  readonly show = vi.fn();
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
    FakeNotification.instances.push(this);
  }
}

export const BrowserWindow = FakeBrowserWindow;
export const MessageChannelMain = FakeMessageChannelMain;
export const Tray = FakeTray;
export const Menu = FakeMenu;
export const Notification = FakeNotification;

/** Forget recorded calls, instances and listeners (mock implementations stay). */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  FakeBrowserWindow.instances.length = 0;
  forks.length = 0;
  ipcMainListeners.clear();
  ipcMainHandlers.clear();
  app.removeAllListeners();
  ipcRenderer.removeAllListeners();
  FakeTray.instances.length = 0;
  FakeTray.unavailable = false;
  FakeNotification.instances.length = 0;
  FakeNotification.supported = true;
  nativeTheme.removeAllListeners();
  nativeTheme.shouldUseDarkColors = false;
  app.badgeCount = 0;
  app.isPackaged = false;
  loginItem.openAtLogin = false;
  loginItem.args = [];
  displays.splice(0, displays.length, { workArea: { ...DEFAULT_DISPLAY.workArea } });
}

displays.push({ workArea: { ...DEFAULT_DISPLAY.workArea } });
