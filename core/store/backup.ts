import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import DatabaseCtor, { type Database } from 'better-sqlite3';
import type { Logger } from '../platform/logger.ts';
import type { Migration } from './migrate.ts';
import { quickCheck } from './storage.ts';

/** Backups live in `<dataDir>/backups/flowdeck-<UTC stamp>-<reason>.db`. */
export const BACKUPS_DIR = 'backups';
export const DEFAULT_KEEP = 7;
export const DEFAULT_BACKUP_INTERVAL_MS = 24 * 3_600_000;

const NAME = /^flowdeck-(\d{8}T\d{6}\d{3}Z)-([a-z0-9-]+)\.db$/;

export interface BackupInfo {
  file: string;
  path: string;
  createdAt: number;
  /** `scheduled`, `manual`, `before-0004`, `replaced` (the database a restore put aside) … */
  reason: string;
  bytes: number;
}

export function backupsDir(dataDir: string): string {
  return join(dataDir, BACKUPS_DIR);
}

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[-:]/g, '').replace('.', '');
}

function parseStamp(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s)!;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
}

/** A free path for a new backup (a later millisecond when two land at once). */
export function backupPath(dataDir: string, reason: string, now: number): string {
  const dir = backupsDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let t = now;
  while (existsSync(join(dir, `flowdeck-${stamp(t)}-${reason}.db`))) t++;
  return join(dir, `flowdeck-${stamp(t)}-${reason}.db`);
}

/** Every backup in the data dir, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const file of readdirSync(dir)) {
    const m = NAME.exec(file);
    if (!m) continue;
    const path = join(dir, file);
    out.push({ file, path, createdAt: parseStamp(m[1]!), reason: m[2]!, bytes: statSync(path).size });
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || (a.file < b.file ? 1 : -1));
}

/** Suffix of a backup whose copy failed `PRAGMA quick_check`: kept for rescue, never counted as good. */
export const DAMAGED_SUFFIX = '-damaged';

/** True for a backup that passed its check when it was taken (`replaced` files are put aside unchecked). */
export function passedCheck(b: BackupInfo): boolean {
  return !b.reason.endsWith(DAMAGED_SUFFIX) && b.reason !== 'replaced';
}

/** The newest backup that passed its integrity check, or null. */
export function lastGoodBackup(dataDir: string): BackupInfo | null {
  return listBackups(dataDir).find(passedCheck) ?? null;
}

/**
 * Keeps the newest `keep` backups of one kind (scheduled, manual, the before-migration ones together, or damaged
 * copies). Never deletes the newest backup that passed its check, whatever its kind.
 */
export function pruneBackups(dataDir: string, keep: number, kind: 'scheduled' | 'manual' | 'before' | 'damaged'): string[] {
  const all = listBackups(dataDir);
  const good = all.find(passedCheck);
  const mine = all.filter((b) => (kind === 'before' ? b.reason.startsWith('before-') : kind === 'damaged' ? b.reason.endsWith(DAMAGED_SUFFIX) : b.reason === kind));
  const removed = mine.slice(Math.max(0, keep)).filter((b) => b !== good).map((b) => b.path);
  for (const path of removed) rmSync(path, { force: true });
  return removed;
}

/**
 * A consistent copy of a live database with SQLite's online backup API, written beside the target and renamed
 * into place, so a crash never leaves a half-written file under a backup's name.
 */
export async function createBackup(db: Database, dataDir: string, reason: string, now: number): Promise<BackupInfo> {
  let path = backupPath(dataDir, reason, now);
  const partial = `${path}.partial`;
  try {
    await db.backup(partial);
    // Checked before it is kept under its name: a copy of a damaged ledger must not pass for a good backup.
    if (!copyPassesCheck(partial)) path = backupPath(dataDir, `${reason}${DAMAGED_SUFFIX}`, now);
    renameSync(partial, path);
    chmodSync(path, 0o600);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  if (path.endsWith(`${DAMAGED_SUFFIX}.db`)) pruneBackups(dataDir, 2, 'damaged');
  return listBackups(dataDir).find((b) => b.path === path)!;
}

function copyPassesCheck(file: string): boolean {
  let copy: Database | null = null;
  try {
    copy = new DatabaseCtor(file, { readonly: true, fileMustExist: true });
    return quickCheck(copy) === null;
  } catch {
    return false;
  } finally {
    copy?.close();
  }
}

/**
 * The copy taken before migrations change the schema. Opening the ledger is synchronous, so this uses
 * `VACUUM INTO` (a transactionally consistent copy, like the backup API) instead of the asynchronous `backup()`.
 * A brand-new database (no migration applied yet) has nothing to lose and gets no backup.
 */
export function backupBeforeMigration(db: Database, dbPath: string, pending: Migration[], now: number): string | null {
  const applied = (db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n;
  if (applied === 0 || pending.length === 0) return null;
  const version = String(pending[0]!.version).padStart(4, '0');
  const path = backupPath(dirname(dbPath), `before-${version}`, now);
  const partial = `${path}.partial`;
  db.prepare('VACUUM INTO ?').run(partial);
  renameSync(partial, path);
  chmodSync(path, 0o600);
  pruneBackups(dirname(dbPath), DEFAULT_KEEP, 'before');
  return path;
}

export interface BackupSchedule {
  /** Takes a backup now and prunes old scheduled ones. */
  runNow(): Promise<BackupInfo>;
  stop(): void;
}

/**
 * A backup every `intervalMs` (keep `keep`), the first one `firstDelayMs` after start when the newest scheduled
 * backup is older than the interval. Timers are unref'd: short CLI commands never wait for a backup.
 */
export function startBackupSchedule(o: {
  db: Database; dataDir: string; now: () => number; logger: Logger;
  intervalMs?: number; keep?: number; firstDelayMs?: number;
  /** Runs PRAGMA quick_check on the live ledger before each scheduled backup (it reports damage itself). */
  checkIntegrity?: () => void;
}): BackupSchedule {
  const interval = o.intervalMs ?? DEFAULT_BACKUP_INTERVAL_MS;
  const keep = o.keep ?? DEFAULT_KEEP;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const runNow = async () => {
    o.checkIntegrity?.();
    const info = await createBackup(o.db, o.dataDir, 'scheduled', o.now());
    pruneBackups(o.dataDir, keep, 'scheduled');
    return info;
  };
  const arm = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      runNow().then((b) => o.logger.info('backup written', { file: b.file, bytes: b.bytes }),
        (error: unknown) => o.logger.warn('scheduled backup failed', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => arm(interval));
    }, Math.min(delay, 2 ** 31 - 1));
    timer.unref();
  };
  const last = listBackups(o.dataDir).find((b) => b.reason === 'scheduled');
  arm(last && o.now() - last.createdAt < interval ? interval - (o.now() - last.createdAt) : o.firstDelayMs ?? 5 * 60_000);
  return {
    runNow,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
