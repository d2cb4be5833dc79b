import { accessSync, constants, statfsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';

/** Whether the ledger can take writes; what the status handler reports so the UI can say it plainly. */
export type StorageState = 'ok' | 'full' | 'read_only' | 'error';
export interface StorageStatus {
  state: StorageState;
  message: string | null;
}

const OK: StorageStatus = { state: 'ok', message: null };
/** Below this much free space the disk counts as full (SQLite needs room for the WAL and a checkpoint). */
const MIN_FREE_BYTES = 256 * 1024;

/** The storage problem behind a SQLite error (disk full, read-only, I/O), or null for any other error. */
export function storageProblem(error: unknown, dataDir: string): StorageStatus | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL') {
    return { state: 'full', message: `The disk holding Flowdeck's data (${dataDir}) is full, so new runs cannot be saved. Free some space: Flowdeck catches up by itself, and nothing already saved is lost.` };
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return { state: 'read_only', message: `Flowdeck's database in ${dataDir} has become read-only, so new runs cannot be saved. Check the disk and the folder's permissions: Flowdeck resumes by itself.` };
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') {
    return { state: 'error', message: `The disk holding Flowdeck's data (${dataDir}) reported an error (${code}), so new runs may not be saved. Check the disk.` };
  }
  return null;
}

/** A write refused before it started because the store cannot take it; `status.message` says why in plain words. */
export class StorageUnavailable extends Error {
  override name = 'StorageUnavailable';
  readonly status: StorageStatus;
  /** The SQLite condition it stands for, so callers that classify by code treat it like the failed write itself. */
  readonly code: string;
  constructor(status: StorageStatus) {
    super(status.message ?? 'Flowdeck cannot save right now.');
    this.status = status;
    this.code = { ok: 'SQLITE_OK', full: 'SQLITE_FULL', read_only: 'SQLITE_READONLY', error: 'SQLITE_IOERR' }[status.state];
  }
}

/** The newest backup that passed its integrity check, named in the damaged-ledger message. */
export type LastGoodBackup = () => { file: string; createdAt: number } | null;

/** The first lines `PRAGMA quick_check` reports, or the error it threw; null when the file is sound. */
export function quickCheck(db: Database): string | null {
  try {
    const rows = db.pragma('quick_check(3)', { simple: false }) as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((line) => line !== 'ok');
    return problems.length ? problems.join('; ') : null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Whether the ledger can take writes, checked on every write path (`assertWritable`), not only at open: a
 * read-only file or folder, a full disk (remembered from the failed write, re-checked when asked) or damage
 * found by `PRAGMA quick_check` (on a schedule and before each backup is kept). Damage stays until a check passes.
 */
export class StorageHealth {
  private last: StorageStatus | null = null;
  private damage: StorageStatus | null = null;
  private readonly db: Database;
  private readonly dataDir: string;
  private readonly lastGood: LastGoodBackup;

  constructor(db: Database, dataDir: string, lastGood: LastGoodBackup = () => null) {
    this.db = db;
    this.dataDir = dataDir;
    this.lastGood = lastGood;
  }

  /** Throws StorageUnavailable (with the plain reason) when a write cannot be taken now. */
  assertWritable(): void {
    const s = this.status();
    if (s.state !== 'ok') throw new StorageUnavailable(s);
  }

  /** Runs PRAGMA quick_check; a damaged ledger is reported at once, with the last good backup named. */
  checkIntegrity(): StorageStatus {
    const problem = quickCheck(this.db);
    if (problem === null) {
      this.damage = null;
      return OK;
    }
    const good = this.lastGood();
    const restore = good
      ? `Restore the last good backup, ${good.file} (taken ${new Date(good.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC): quit Flowdeck, then run \`flowdeck backup restore ${good.file}\`.`
      : 'No backup that passed its check exists yet: copy the data folder somewhere safe before anything else.';
    this.damage = {
      state: 'error',
      message: `Flowdeck's database in ${this.dataDir} is damaged (${problem.slice(0, 200)}). To protect what is saved, Flowdeck stops writing to it. ${restore}`,
    };
    return this.damage;
  }

  /** Call with any error a write threw; true when it was a storage problem (now remembered). */
  failed(error: unknown): boolean {
    if (error instanceof StorageUnavailable) return true;
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return this.checkIntegrity().state !== 'ok';
    const problem = storageProblem(error, this.dataDir);
    if (problem) this.last = problem;
    return problem !== null;
  }

  succeeded(): void {
    this.last = null;
  }

  status(): StorageStatus {
    if (this.damage) return this.damage;
    if (this.last && this.recovered(this.last.state)) this.last = null;
    return this.last ?? this.probe() ?? OK;
  }

  /** Cheap checks before any write failed: a read-only connection, or a data folder or file that cannot be written. */
  private probe(): StorageStatus | null {
    const readOnly = { code: 'SQLITE_READONLY' };
    try {
      if (this.db.pragma('query_only', { simple: true }) === 1) return storageProblem(readOnly, this.dataDir);
    } catch (error) {
      return storageProblem(error, this.dataDir);
    }
    if (this.dataDir === ':memory:') return null;
    try {
      accessSync(this.dataDir, constants.W_OK);
      accessSync(join(this.dataDir, 'flowdeck.db'), constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return storageProblem(readOnly, this.dataDir);
    }
    return null;
  }

  private recovered(state: StorageState): boolean {
    try {
      if (state === 'full') {
        const pages = this.db.pragma('page_count', { simple: true }) as number;
        const max = this.db.pragma('max_page_count', { simple: true }) as number;
        if (pages >= max - 1) return false;
        if (this.dataDir !== ':memory:') {
          const fs = statfsSync(this.dataDir);
          if (fs.bavail * fs.bsize < MIN_FREE_BYTES) return false;
        }
        return true;
      }
      if (this.db.pragma('query_only', { simple: true }) === 1) return false;
      this.db.exec('BEGIN IMMEDIATE');
      this.db.exec('ROLLBACK');
      return true;
    } catch {
      return false;
    }
  }
}
