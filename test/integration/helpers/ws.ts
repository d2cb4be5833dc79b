import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { Duplex } from '../../../core/contract/protocol.ts';

/** A throwaway renderer build, with a secret file next to it (outside the served root). */
export function makeRendererFixture(): { root: string; rendererDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'flowdeck-renderer-'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Flowdeck test page</title><script src="/assets/app.js"></script>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("flowdeck");');
  writeFileSync(path.join(root, 'package.json'), '{"secret":"TOP-SECRET-OUTSIDE-ROOT"}');
  return { root, rendererDir };
}

/** Signs in with a token link and returns the session cookie (`name=value`). */
export async function login(origin: string, token: string): Promise<string> {
  const res = await fetch(`${origin}/?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
  if (res.status !== 303) throw new Error(`login answered ${res.status}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('login set no cookie');
  return cookie.split(';')[0]!;
}

export interface WsOptions {
  cookie?: string;
  bearer?: string;
  /** The Origin header; omitted when undefined. */
  origin?: string;
}

export class UpgradeRefused extends Error {
  readonly status: number;
  constructor(status: number) {
    super(`WebSocket upgrade refused with HTTP ${status}`);
    this.status = status;
  }
}

/** Opens a WebSocket; rejects with UpgradeRefused(status) when the server answers with an HTTP error. */
export function openSocket(origin: string, options: WsOptions = {}): Promise<WebSocket> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, {
    headers, ...(options.origin !== undefined ? { origin: options.origin } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => {
      reject(new UpgradeRefused(res.statusCode ?? 0));
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** Waits for a socket's close event and returns its code. */
export function closed(socket: WebSocket): Promise<number> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

/** A client-side `ws` socket as the contract's Duplex. */
export function socketDuplex(socket: WebSocket): Duplex {
  const messages = new Set<(frame: string) => void>();
  const closes = new Set<() => void>();
  socket.on('message', (data, isBinary) => {
    if (!isBinary) for (const l of messages) l(String(data));
  });
  socket.on('close', () => { for (const l of closes) l(); });
  return {
    send: (frame) => { if (socket.readyState === WebSocket.OPEN) socket.send(frame); },
    onMessage: (l) => { messages.add(l); },
    onClose: (l) => { closes.add(l); },
    close: () => socket.close(),
  };
}
