import { statfsSync } from 'node:fs';
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

/**
 * Remembers the last storage failure of a write and re-checks it when asked, so the status clears once space
 * returns or the database is writable again, even before the next write.
 */
export class StorageHealth {
  private last: StorageStatus | null = null;
  private readonly db: Database;
  private readonly dataDir: string;

  constructor(db: Database, dataDir: string) {
    this.db = db;
    this.dataDir = dataDir;
  }

  /** Call with any error a write threw; true when it was a storage problem (now remembered). */
  failed(error: unknown): boolean {
    const problem = storageProblem(error, this.dataDir);
    if (problem) this.last = problem;
    return problem !== null;
  }

  succeeded(): void {
    this.last = null;
  }

  status(): StorageStatus {
    if (this.last && this.recovered(this.last.state)) this.last = null;
    return this.last ?? OK;
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
