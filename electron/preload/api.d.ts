/**
 * The bridge the preload exposes as `window.flowdeck` (Electron only; undefined in a browser, i.e. serve mode).
 * It is frozen and has exactly these members. ipcRenderer is never exposed.
 *
 * Getting a MessagePort to the core (a MessagePort cannot be returned through contextBridge, so the preload
 * hands it to the page with `window.postMessage`):
 *   1. Listen first: `window.addEventListener('message', onMessage)` and accept only events where
 *      `event.source === window && event.data === 'flowdeck:core-port' && event.ports[0]`
 *      (type the literal as `CorePortMessage` so a rename breaks the build).
 *   2. Then call `await window.flowdeck.connectCore()`. It resolves once the port has been posted to the page
 *      and rejects if none arrives within 15 s. The port itself only ever arrives through the message event.
 *   3. Wrap `event.ports[0]` as the contract Duplex: `send(f) => port.postMessage(f)`,
 *      `port.onmessage = (e) => listener(e.data as string)` (assigning onmessage also starts the port),
 *      `close() => port.close()`; then `client.attach(duplex)`.
 * Keep the listener for the page's lifetime: when the core process crashes and is restarted, main posts a NEW
 * port to every window that connected before, without a new connectCore() call. On each new port, close the
 * old duplex (CoreClient fails its in-flight calls as `disconnected`) and attach the new one.
 */
export type CorePortMessage = 'flowdeck:core-port';

/** Receives a hash route to show: '#/runs?run=<id>' or '#/incidents/<id>' (<id>: 1-64 of [A-Za-z0-9_-]). */
export type NavigateListener = (route: string) => void;

/** Where a desktop attached to a team server stands, in one plain sentence (core/desktop/attach/status.ts). */
export interface AttachStatus {
  state: 'connecting' | 'connected' | 'unreachable' | 'signed-out';
  message: string;
  login: string | null;
}
export type AttachStatusListener = (status: AttachStatus) => void;

/** This desktop runs its own monitor (teamServerUrl null), or is attached to a team server. */
export interface DesktopMode {
  teamServerUrl: string | null;
  /** The latest attach status (null when running its own monitor, or before the first one). */
  status: AttachStatus | null;
}

export interface FlowdeckBridge {
  /** Ask main for a port to the core; the port arrives as a `message` event (see above). */
  connectCore(): Promise<void>;
  /** Open an https URL (no credentials, max 2048 chars) in the OS browser; rejects for anything else. */
  openExternal(url: string): Promise<void>;
  /**
   * Subscribe to navigations main asks for when a `flowdeck://incident/<id>` or `flowdeck://run/<id>` link is
   * opened (notification actions, other apps). Apply it with `window.location.hash = route`. A link that arrived
   * before the first subscription is delivered to it right after subscribing. Returns an unsubscribe function.
   */
  onNavigate(listener: NavigateListener): () => void;
  /** This desktop's mode and, attached, the latest status. */
  getDesktopMode(): Promise<DesktopMode>;
  /**
   * Choose this computer (null) or a team server (an http or https address). Flowdeck restarts to apply it;
   * rejects for an address that is not a web address.
   */
  setTeamServer(url: string | null): Promise<void>;
  /**
   * Sign in to the team server (attached only). The password goes to the server once and is never kept; the
   * session is kept in the OS keychain. Resolves with the status that follows: `connected`, or why not.
   */
  signInToServer(login: string, password: string): Promise<AttachStatus>;
  /** Sign out of the team server: the session ends there and is removed from the keychain. */
  signOutOfServer(): Promise<void>;
  /** Subscribe to attach status changes; returns an unsubscribe function. */
  onAttachStatus(listener: AttachStatusListener): () => void;
  /** `process.platform` of the desktop: 'darwin' | 'win32' | 'linux' | ... */
  readonly platform: string;
}

declare global {
  interface Window {
    flowdeck?: FlowdeckBridge;
  }
}
