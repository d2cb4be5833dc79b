import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import type { AttachShellMessage, DesktopCoreMessage, DesktopShellMessage } from '../../core/contract/desktop.ts';
import { CORE_PORT_CHANNEL } from '../shared/ipc-channels.ts';
import { CORE_ENV, CORE_EXEC_ARGV } from '../../core/contract/process.ts';

export interface RestartPolicy {
  /** Delay before the first restart; doubles per consecutive crash. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A core that ran at least this long before dying resets the backoff. */
  stableAfterMs: number;
}

export interface CoreHostOptions {
  /** Bundled core entry (out/core/main.cjs). */
  entry: string;
  args: readonly string[];
  /** Who acts on the desktop (the OS user); sent with every connection. */
  actor: string;
  restart?: RestartPolicy;
  now?: () => number;
  /** The core reported a fatal start-up error (e.g. a newer or edited database) and exited: it is not restarted. */
  onFatal?: (message: string) => void;
  /** The core's tray state and desktop notifications (core/desktop/bridge.ts), checked for shape first. */
  onDesktopMessage?: (message: DesktopCoreMessage) => void;
}

/** Messages main sends to the core over `process.parentPort`. */
export type CoreControlMessage = { type: 'connect'; actor: string } | { type: 'shutdown' };
/** Messages the core sends to main: `ready` once it listens for connections, `fatal` before exiting on a start-up error. */
export type CoreStatusMessage = { type: 'ready' } | { type: 'fatal'; message: string };

function isStatus(message: unknown): message is CoreStatusMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'ready' || (type === 'fatal' && typeof (message as { message?: unknown }).message === 'string');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Shape check of what the core's desktop bridge posts (main carries no zod; routes are checked again when used). */
export function isDesktopCoreMessage(m: unknown): m is DesktopCoreMessage {
  if (!isObject(m)) return false;
  if (m.type === 'tray-state') {
    return (m.health === 'ok' || m.health === 'warning' || m.health === 'failing') && isCount(m.openIncidents) && isCount(m.needsAttention) &&
      typeof m.summary === 'string' && (m.pausedUntil === null || isCount(m.pausedUntil));
  }
  if (m.type === 'attach-status') {
    return (m.state === 'connecting' || m.state === 'connected' || m.state === 'unreachable' || m.state === 'signed-out') &&
      typeof m.message === 'string' && (m.login === null || typeof m.login === 'string');
  }
  return m.type === 'notify' && typeof m.title === 'string' && typeof m.body === 'string' && (m.route === null || typeof m.route === 'string');
}

const DEFAULT_RESTART: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/**
 * Runs the core in an Electron utility process and brokers one MessagePort per window connection.
 * Windows that connected once get a fresh port automatically after a crashed core is restarted (with backoff).
 * A core that reports a fatal start-up error is not restarted: the error goes to `onFatal`.
 */
export class CoreHost {
  private readonly options: CoreHostOptions;
  private readonly policy: RestartPolicy;
  private readonly now: () => number;
  private readonly clients = new Set<WebContents>();
  private child: UtilityProcess | null = null;
  private ready = false;
  private fatal: string | null = null;
  private startedAt = 0;
  private crashes = 0;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private stopping = false;

  constructor(options: CoreHostOptions) {
    this.options = options;
    this.policy = options.restart ?? DEFAULT_RESTART;
    this.now = options.now ?? Date.now;
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child || this.stopping) return;
    const child = utilityProcess.fork(this.options.entry, [...this.options.args], {
      serviceName: 'Flowdeck core', execArgv: [...CORE_EXEC_ARGV], env: { ...process.env, ...CORE_ENV },
    });
    this.child = child;
    this.ready = false;
    this.fatal = null;
    this.startedAt = this.now();
    child.on('message', (message: unknown) => this.onStatus(child, message));
    child.once('exit', (code) => this.onExit(child, code));
  }

  /** Give `contents` a new port to the core now, or as soon as the core reports ready. */
  connect(contents: WebContents): void {
    if (!this.clients.has(contents)) {
      this.clients.add(contents);
      contents.once('destroyed', () => this.clients.delete(contents));
    }
    if (this.child && this.ready) this.sendPort(this.child, contents);
  }

  /** Ask the core to shut down; kill it if it has not exited within `timeoutMs`. No restart afterwards. */
  stop(timeoutMs = 3000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        console.warn('[flowdeck] core did not stop in time; killing it');
        child.kill();
        resolve();
      }, timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.postMessage({ type: 'shutdown' } satisfies CoreControlMessage);
    });
  }

  /** Sends a tray command (or, attached, a sign-in or sign-out) to the running core; false when there is none (it is not queued). */
  post(message: DesktopShellMessage | AttachShellMessage): boolean {
    if (!this.child || this.stopping) return false;
    this.child.postMessage(message);
    return true;
  }

  private sendPort(child: UtilityProcess, contents: WebContents): void {
    if (contents.isDestroyed()) {
      this.clients.delete(contents);
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    child.postMessage({ type: 'connect', actor: this.options.actor } satisfies CoreControlMessage, [port1]);
    contents.postMessage(CORE_PORT_CHANNEL, null, [port2]);
  }

  private onStatus(child: UtilityProcess, message: unknown): void {
    if (this.child !== child) return;
    if (isDesktopCoreMessage(message)) {
      this.options.onDesktopMessage?.(message);
      return;
    }
    if (!isStatus(message)) return;
    if (message.type === 'fatal') {
      this.fatal = message.message;
      console.error(`[flowdeck] core failed to start: ${message.message}`);
      return;
    }
    this.ready = true;
    for (const contents of this.clients) this.sendPort(child, contents);
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    this.ready = false;
    if (this.stopping) return;
    if (this.fatal !== null) {
      this.options.onFatal?.(this.fatal);
      return;
    }
    if (this.now() - this.startedAt >= this.policy.stableAfterMs) this.crashes = 0;
    const delay = Math.min(this.policy.initialDelayMs * 2 ** this.crashes, this.policy.maxDelayMs);
    this.crashes++;
    console.error(`[flowdeck] core exited with code ${code}; restarting in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start();
    }, delay);
  }
}
