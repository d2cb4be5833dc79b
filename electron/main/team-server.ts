import { ipcMain, type WebContents } from 'electron';
import type { AttachShellMessage, DesktopCoreMessage } from '../../core/contract/desktop.ts';
import {
  ATTACH_STATUS_CHANNEL, DESKTOP_MODE_CHANNEL, SERVER_SIGN_IN_CHANNEL, SERVER_SIGN_OUT_CHANNEL, SET_TEAM_SERVER_CHANNEL,
} from '../shared/ipc-channels.ts';
import { isTrustedSender } from './ipc.ts';
import { isWebAddress } from './settings.ts';
import type { WindowRegistry } from './window-registry.ts';

export type AttachStatus = Omit<Extract<DesktopCoreMessage, { type: 'attach-status' }>, 'type'>;

/** What the renderer's Settings shows: this desktop's own monitor (null), or the team server and where it stands. */
export interface DesktopMode {
  teamServerUrl: string | null;
  status: AttachStatus | null;
}

export interface TeamServerLinkOptions {
  teamServerUrl: string | null;
  /** To the core process (an attached one signs in and out). */
  post(message: AttachShellMessage): boolean;
  /** The windows to tell when the status changes. */
  windows(): WebContents[];
  /** Stores the choice and restarts Flowdeck to apply it. */
  apply(teamServerUrl: string | null): void;
  /** How long a sign-in may take before it is answered with the status as it stands. */
  timeoutMs?: number;
}

const SIGN_IN_TIMEOUT_MS = 20_000;

/**
 * Main's side of an attached desktop: keeps the last attach status from the core process, passes it to windows,
 * and carries the Settings page's choices (this computer or a team server, sign in, sign out). Thin: the attaching
 * itself is plain Node in core/desktop/attach.
 */
export class TeamServerLink {
  private readonly o: TeamServerLinkOptions;
  private current: AttachStatus | null = null;
  private readonly waiting = new Set<(status: AttachStatus) => void>();

  constructor(options: TeamServerLinkOptions) {
    this.o = options;
  }

  get status(): AttachStatus | null {
    return this.current;
  }

  mode(): DesktopMode {
    return { teamServerUrl: this.o.teamServerUrl, status: this.o.teamServerUrl ? this.current : null };
  }

  update(message: Extract<DesktopCoreMessage, { type: 'attach-status' }>): void {
    const status: AttachStatus = { state: message.state, message: message.message, login: message.login };
    this.current = status;
    for (const contents of this.o.windows()) if (!contents.isDestroyed()) contents.send(ATTACH_STATUS_CHANNEL, status);
    if (status.state === 'connecting') return;
    for (const done of [...this.waiting]) done(status);
  }

  setTeamServer(url: unknown): void {
    if (url !== null && (typeof url !== 'string' || url.length > 2048 || !isWebAddress(url))) {
      throw new TypeError('A team server address is a web address such as https://flowdeck.example.com.');
    }
    this.o.apply(url === null ? null : new URL(url).origin);
  }

  /** Signs in through the core process; resolves with the status that follows (connected, or why not). */
  signIn(login: unknown, password: unknown): Promise<AttachStatus> {
    if (!this.o.teamServerUrl) return Promise.reject(new Error('This desktop runs its own monitor: choose a team server first.'));
    if (typeof login !== 'string' || typeof password !== 'string' || !login || !password || login.length > 200 || password.length > 1000) {
      return Promise.reject(new TypeError('Sign in with a login and a password.'));
    }
    return new Promise((resolve) => {
      const done = (status: AttachStatus) => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve(status);
      };
      const timer = setTimeout(() => done(this.current ?? { state: 'connecting', message: 'Still signing in…', login: null }), this.o.timeoutMs ?? SIGN_IN_TIMEOUT_MS);
      this.waiting.add(done);
      if (!this.o.post({ type: 'sign-in', login, password })) done({ state: 'signed-out', message: 'Flowdeck is still starting. Try again in a moment.', login: null });
    });
  }

  signOut(): void {
    this.o.post({ type: 'sign-out' });
  }
}

/** The Settings page's channels, honoured only from our own windows (as every other channel). */
export function registerTeamServerIpc(registry: WindowRegistry, link: TeamServerLink): void {
  const guard = (event: Parameters<typeof isTrustedSender>[0], channel: string) => {
    if (!isTrustedSender(event, registry)) throw new Error(`Refused ${channel} from an untrusted sender.`);
  };
  ipcMain.handle(DESKTOP_MODE_CHANNEL, (event) => {
    guard(event, DESKTOP_MODE_CHANNEL);
    return link.mode();
  });
  ipcMain.handle(SET_TEAM_SERVER_CHANNEL, (event, url: unknown) => {
    guard(event, SET_TEAM_SERVER_CHANNEL);
    link.setTeamServer(url);
  });
  ipcMain.handle(SERVER_SIGN_IN_CHANNEL, (event, login: unknown, password: unknown) => {
    guard(event, SERVER_SIGN_IN_CHANNEL);
    return link.signIn(login, password);
  });
  ipcMain.handle(SERVER_SIGN_OUT_CHANNEL, (event) => {
    guard(event, SERVER_SIGN_OUT_CHANNEL);
    link.signOut();
  });
}
