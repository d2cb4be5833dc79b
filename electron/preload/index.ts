import { contextBridge, ipcRenderer } from 'electron';
import {
  ATTACH_STATUS_CHANNEL, CORE_CONNECT_CHANNEL, CORE_PORT_CHANNEL, DESKTOP_MODE_CHANNEL, NAVIGATE_CHANNEL, OPEN_EXTERNAL_CHANNEL,
  SERVER_SIGN_IN_CHANNEL, SERVER_SIGN_OUT_CHANNEL, SET_TEAM_SERVER_CHANNEL,
} from '../shared/ipc-channels.ts';
import { isNavigationRoute } from '../shared/navigation.ts';
import type { AttachStatus, AttachStatusListener, CorePortMessage, DesktopMode, FlowdeckBridge, NavigateListener } from './api.d.ts';

/** Preload (sandboxed, isolated world): the bridge only. See api.d.ts for how the page gets the core port. */

export const CORE_PORT_MESSAGE: CorePortMessage = 'flowdeck:core-port';
const CONNECT_TIMEOUT_MS = 15_000;

const waiting = new Set<() => void>();

// Every port main sends (on connect, and again after a core restart) is handed to the page as it comes.
ipcRenderer.on(CORE_PORT_CHANNEL, (event) => {
  const port = event.ports[0];
  if (!port) return;
  window.postMessage(CORE_PORT_MESSAGE, window.location.origin, [port]);
  for (const done of [...waiting]) done();
});

function connectCore(): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      waiting.delete(done);
      resolve();
    };
    const timer = setTimeout(() => {
      waiting.delete(done);
      reject(new Error(`The Flowdeck core did not answer within ${CONNECT_TIMEOUT_MS / 1000} s.`));
    }, CONNECT_TIMEOUT_MS);
    waiting.add(done);
    ipcRenderer.send(CORE_CONNECT_CHANNEL);
  });
}

async function openExternal(url: string): Promise<void> {
  if (typeof url !== 'string') throw new TypeError('openExternal expects a URL string.');
  await ipcRenderer.invoke(OPEN_EXTERNAL_CHANNEL, url);
}

// Navigations main asks for (flowdeck:// links). Only well-formed routes pass; one that arrives before the page
// subscribes is kept (the latest only) and handed to the first listener.
const navigateListeners = new Set<NavigateListener>();
let pendingRoute: string | null = null;

ipcRenderer.on(NAVIGATE_CHANNEL, (_event, route: unknown) => {
  if (!isNavigationRoute(route)) return;
  if (navigateListeners.size === 0) {
    pendingRoute = route;
    return;
  }
  for (const listener of [...navigateListeners]) listener(route);
});

function onNavigate(listener: NavigateListener): () => void {
  if (typeof listener !== 'function') throw new TypeError('onNavigate expects a function.');
  navigateListeners.add(listener);
  const route = pendingRoute;
  pendingRoute = null;
  if (route) queueMicrotask(() => listener(route));
  return () => void navigateListeners.delete(listener);
}

// This desktop's mode (its own monitor or a team server) and, attached, the sign-in and its status.
const attachListeners = new Set<AttachStatusListener>();
ipcRenderer.on(ATTACH_STATUS_CHANNEL, (_event, status: unknown) => {
  const s = status as AttachStatus | null;
  if (!s || typeof s.state !== 'string' || typeof s.message !== 'string') return;
  for (const listener of [...attachListeners]) listener({ state: s.state, message: s.message, login: typeof s.login === 'string' ? s.login : null });
});

function onAttachStatus(listener: AttachStatusListener): () => void {
  if (typeof listener !== 'function') throw new TypeError('onAttachStatus expects a function.');
  attachListeners.add(listener);
  return () => void attachListeners.delete(listener);
}

const getDesktopMode = (): Promise<DesktopMode> => ipcRenderer.invoke(DESKTOP_MODE_CHANNEL) as Promise<DesktopMode>;

async function setTeamServer(url: string | null): Promise<void> {
  if (url !== null && typeof url !== 'string') throw new TypeError('setTeamServer expects a URL string or null.');
  await ipcRenderer.invoke(SET_TEAM_SERVER_CHANNEL, url);
}

async function signInToServer(login: string, password: string): Promise<AttachStatus> {
  if (typeof login !== 'string' || typeof password !== 'string') throw new TypeError('signInToServer expects a login and a password.');
  return (await ipcRenderer.invoke(SERVER_SIGN_IN_CHANNEL, login, password)) as AttachStatus;
}

async function signOutOfServer(): Promise<void> {
  await ipcRenderer.invoke(SERVER_SIGN_OUT_CHANNEL);
}

export const bridge: FlowdeckBridge = Object.freeze({
  connectCore,
  openExternal,
  onNavigate,
  getDesktopMode,
  setTeamServer,
  signInToServer,
  signOutOfServer,
  onAttachStatus,
  platform: process.platform,
} satisfies FlowdeckBridge);

contextBridge.exposeInMainWorld('flowdeck', bridge);
