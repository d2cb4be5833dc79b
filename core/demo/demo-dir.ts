import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoDataDir } from '../platform/paths.ts';

/** Marks a directory as a throwaway demo ledger; only such a directory is ever deleted. */
/** A demo directory that cannot be used; the message says why and what to do. */
export class DemoDirError extends Error {
  override name = 'DemoDirError';
}

export const DEMO_MARKER = '.flowdeck-demo';

/** Recreates the demo data dir (a sibling `demo-data` of the real data dir) empty, and returns it. */
export function prepareDemoDir(dataDir: string): string {
  const dir = demoDataDir(dataDir);
  if (path.resolve(dir) === path.resolve(dataDir)) throw new DemoDirError(`The demo data dir would be the data dir itself (${dir}).`);
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(path.join(dir, DEMO_MARKER))) {
    throw new DemoDirError(`${dir} exists and is not a Flowdeck demo directory, so --demo will not overwrite it. Move it aside or use another --data-dir.`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, DEMO_MARKER), 'Throwaway demo ledger, recreated by `flowdeck serve --demo` at every start.\n');
  return dir;
}
