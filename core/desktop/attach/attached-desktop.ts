import { CoreClient } from '../../contract/client.ts';
import { AttachShellMessage, DesktopShellMessage, type DesktopCoreMessage, type TrayState } from '../../contract/desktop.ts';
import type { Duplex } from '../../contract/protocol.ts';
import type { SecretStore } from '../../platform/secrets/index.ts';
import { MAX_SUMMARY, notificationRoute, TRAY_TABLES } from '../tray-state.ts';
import { ATTACH_BACKOFF, retryDelay, type Backoff } from './backoff.ts';
import { remoteTrayState } from './remote-tray.ts';
import { openServerSocket, SocketRefused } from './server-socket.ts';
import type { ServerAddress } from './server-address.ts';
import { SessionStore } from './session-store.ts';
import { signIn, signOut, type FetchLike, type ServerSession } from './sign-in.ts';
import { attachMessages, type AttachStatus } from './status.ts';

const MINUTE = 60_000;
/** Frames a window may send before its socket to the server is open. */
const MAX_EARLY_FRAMES = 100;
/** Recount the tray this often even without events (a run becomes late with time alone). */
export const ATTACH_TICK_MS = 30_000;

export interface AttachOptions {
  address: ServerAddress;
  /** The OS keychain: where the session from sign-in is kept. */
  secrets: SecretStore;
  /** To Electron main: tray state, notifications, and the attach status. */
  post(message: DesktopCoreMessage): void;
  now?: () => number;
  backoff?: Backoff;
  random?: () => number;
  fetch?: FetchLike;
  openSocket?: (address: ServerAddress, session: ServerSession) => Promise<Duplex>;
  /** Repeating timer for the tray's tick (default setInterval, unref'd). */
  every?: (ms: number, fn: () => void) => () => void;
  callTimeoutMs?: number;
}

export interface AttachedDesktop {
  readonly status: AttachStatus;
  readonly tray: TrayState | null;
  /** Handles a message from main (tray pause/resume, sign-in, sign-out); false when it is none of them. */
  receive(message: unknown): boolean;
  signIn(login: string, password: string): Promise<AttachStatus>;
  signOut(): Promise<void>;
  /** Carries one window's contract frames to the server over a socket of its own (closed when signed out or gone). */
  connectWindow(window: Duplex): void;
  /** Recounts the tray from the server now. */
  refresh(): Promise<void>;
  stop(): void;
}

const sameLogin = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * A desktop attached to a team server, in plain Node: signs in (the session goes to the OS keychain, never the
 * password), keeps one WebSocket to the server carrying the contract and reconnects with bounded backoff, keeps the
 * tray's state from the server's events, and raises a notification when the server pages this person
 * (`oncall/paged` for its login). Windows get sockets of their own, relayed.
 */
export function startAttachedDesktop(o: AttachOptions): AttachedDesktop {
  const { address, post } = o;
  const now = o.now ?? Date.now;
  const backoff = o.backoff ?? ATTACH_BACKOFF;
  const open = o.openSocket ?? openServerSocket;
  const sessions = new SessionStore(o.secrets, address);
  const client = new CoreClient({ timeoutMs: o.callTimeoutMs ?? 30_000 });
  const windows = new Set<Duplex>();
  let session: ServerSession | null = null;
  let status: AttachStatus = { state: 'connecting', message: attachMessages.connecting(address.label), login: null };
  let current: Duplex | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let tray: TrayState | null = null;
  let trayKey = '';
  let localPauseUntil: number | null = null;
  let refreshing = false;
  let again = false;

  const setStatus = (next: AttachStatus) => {
    status = next;
    post({ type: 'attach-status', ...next });
    if (next.state !== 'connected') postTray({ ...(tray ?? { health: 'warning', openIncidents: 0, needsAttention: 0, pausedUntil: null }), health: tray?.health === 'failing' ? 'failing' : 'warning', summary: `Flowdeck: ${next.message}`.slice(0, MAX_SUMMARY) });
  };
  const postTray = (state: TrayState) => {
    const key = JSON.stringify(state);
    if (key === trayKey) return;
    trayKey = key;
    post({ type: 'tray-state', ...state });
  };
  const paused = () => localPauseUntil !== null && localPauseUntil > now();

  const refresh = async (): Promise<void> => {
    if (stopped || !current) return;
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const state = await remoteTrayState(client, paused() ? localPauseUntil : null);
      if (current && !stopped) {
        tray = state;
        postTray(state);
      }
    } catch {
      // A call lost with the connection: the reconnect recounts.
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  };

  const closeWindows = () => {
    for (const w of [...windows]) w.close();
    windows.clear();
  };

  const scheduleRetry = (message: (retryInMs: number) => string) => {
    if (stopped || !session) return;
    const delay = retryDelay(attempt++, backoff, o.random);
    setStatus({ state: 'unreachable', message: message(delay), login: session.login });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref?.();
  };

  const signedOut = (message: string) => {
    session = null;
    current?.close();
    current = null;
    closeWindows();
    setStatus({ state: 'signed-out', message, login: null });
  };

  const connect = async (): Promise<void> => {
    const s = session;
    if (stopped || !s || current) return;
    setStatus({ state: 'connecting', message: attachMessages.connecting(address.label), login: s.login });
    let duplex: Duplex;
    try {
      duplex = await open(address, s);
    } catch (error) {
      if (session !== s || stopped) return;
      if (error instanceof SocketRefused && error.status === 401) {
        // The session ended on the server (expired, revoked, or the person disabled): forget it and ask again.
        await sessions.forget().catch(() => undefined);
        return signedOut(attachMessages.sessionEnded(address.label));
      }
      return scheduleRetry((ms) => (error instanceof SocketRefused ? attachMessages.refused(address.label, ms) : attachMessages.unreachable(address.label, ms)));
    }
    if (session !== s || stopped) return duplex.close();
    current = duplex;
    attempt = 0;
    client.attach(duplex);
    duplex.onClose(() => {
      if (current !== duplex) return;
      current = null;
      scheduleRetry((ms) => attachMessages.unreachable(address.label, ms));
    });
    setStatus({ state: 'connected', message: attachMessages.connected(address.label, s.displayName), login: s.login });
    await refresh();
  };

  const unsubscribes = [
    client.on('oncall/paged', (p) => {
      if (stopped || !session || !sameLogin(p.login, session.login) || paused()) return;
      post({ type: 'notify', title: p.title, body: p.body, route: p.route ?? notificationRoute({ incidentId: p.incidentId }) });
    }),
    client.on('ledger/changed', ({ tables }) => {
      if (tables.some((t) => TRAY_TABLES.has(t))) void refresh();
    }),
    client.on('connectors/health-changed', () => void refresh()),
  ];
  const cancelTick = (o.every ?? ((ms, fn) => {
    const t = setInterval(fn, ms);
    t.unref?.();
    return () => clearInterval(t);
  }))(ATTACH_TICK_MS, () => void refresh());

  const begin = async () => {
    try {
      session = await sessions.load();
    } catch (error) {
      return signedOut(attachMessages.noKeychain(error instanceof Error ? error.message : String(error)));
    }
    if (!session) return signedOut(attachMessages.signedOut(address.label));
    await connect();
  };
  void begin();

  const desktop: AttachedDesktop = {
    get status() {
      return status;
    },
    get tray() {
      return tray;
    },
    receive(message) {
      if (stopped) return false;
      const shell = DesktopShellMessage.safeParse(message);
      if (shell.success) {
        localPauseUntil = shell.data.type === 'pause-notifications' ? now() + shell.data.minutes * MINUTE : null;
        void refresh();
        return true;
      }
      const attach = AttachShellMessage.safeParse(message);
      if (!attach.success) return false;
      if (attach.data.type === 'sign-in') void desktop.signIn(attach.data.login, attach.data.password);
      else void desktop.signOut();
      return true;
    },
    async signIn(login, password) {
      const result = await signIn(address, login, password, o.fetch);
      if (stopped) return status;
      if (!result.ok) {
        setStatus({ state: 'signed-out', message: result.message, login: null });
        return status;
      }
      try {
        await sessions.save(result.session);
      } catch (error) {
        // Without the keychain the session cannot be kept: end it on the server rather than hold it in memory only.
        await signOut(address, result.session, o.fetch);
        signedOut(attachMessages.noKeychain(error instanceof Error ? error.message : String(error)));
        return status;
      }
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      current?.close();
      current = null;
      closeWindows();
      session = result.session;
      attempt = 0;
      await connect();
      return status;
    },
    async signOut() {
      const s = session;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      signedOut(attachMessages.signedOut(address.label));
      await sessions.forget().catch(() => undefined);
      if (s) await signOut(address, s, o.fetch);
    },
    connectWindow(window) {
      const s = session;
      if (stopped || !s) return window.close();
      windows.add(window);
      // The page may call before the server's socket is open: hold those frames (bounded) and send them once it is.
      const early: string[] = [];
      let socket: Duplex | null = null;
      let gone = false;
      window.onMessage((frame) => {
        if (socket) socket.send(frame);
        else if (early.length < MAX_EARLY_FRAMES) early.push(frame);
      });
      window.onClose(() => {
        gone = true;
        windows.delete(window);
        socket?.close();
      });
      open(address, s).then((opened) => {
        if (gone || stopped || session !== s) return opened.close();
        socket = opened;
        opened.onMessage((frame) => window.send(frame));
        opened.onClose(() => window.close());
        for (const frame of early.splice(0)) opened.send(frame);
      }, () => window.close());
    },
    refresh,
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      for (const u of unsubscribes) u();
      cancelTick();
      closeWindows();
      client.close();
      current = null;
    },
  };
  return desktop;
}
