import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = path.join(REPO_ROOT, 'core', 'cli', 'main.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node core/cli/main.ts ...args` to completion. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      });
  });
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  stderr(): string;
  /** Resolves once stderr matches (stderr and stdout are separate pipes: their order is not guaranteed). */
  stderrMatching(pattern: RegExp): Promise<string>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `flowdeck serve` as a child and resolves once it printed its link (rejects if it exits first). */
export function startServe(args: string[], env: Record<string, string | undefined> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--push-port', '0', ...args],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  // 'close' (not 'exit') fires after both pipes drained, so stderr() is complete once stop() resolves.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const waiters = new Set<() => void>();
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const w of waiters) w();
  });
  const stderrMatching = (pattern: RegExp) => new Promise<string>((resolve) => {
    const check = () => {
      if (!pattern.test(err)) return;
      waiters.delete(check);
      resolve(err);
    };
    waiters.add(check);
    check();
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(https?:\/\/[^\s/]+)\/\?token=([A-Za-z0-9_-]+)/.exec(out);
      if (!m) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        child, url: m[0], origin: m[1]!, token: m[2]!, stderr: () => err, stderrMatching,
        stop: () => { child.kill('SIGTERM'); return exited; },
      });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before printing its link:\n${out}\n${err}`)));
  });
}
