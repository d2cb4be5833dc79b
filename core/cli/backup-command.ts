import { resolve } from 'node:path';
import { restoreBackup, RestoreError } from '../store/backup-restore.ts';
import { listBackups } from '../store/backup.ts';
import { loadMigrations } from '../store/migrate.ts';
import { dataDirFrom, withCore } from './open-core.ts';
import {
  CliError, DATA_DIR_HELP, DATA_DIR_OPTION, EXIT_OK, HELP_OPTION, parseCommand, UsageError, type CliIo,
} from './usage.ts';

export const BACKUP_HELP = `Usage: flowdeck backup <create|list|restore> [...] [--data-dir DIR]

Flowdeck copies its ledger to <data dir>/backups every day (keeping 7) and before every schema upgrade.

  flowdeck backup create           Write a backup now (safe while Flowdeck runs)
  flowdeck backup list [--json]    Show the backups, newest first
  flowdeck backup restore <file>   Replace the ledger with a backup. Quit the app and \`flowdeck serve\` first;
                                   the current ledger is kept in backups/ as "...-replaced.db"
${DATA_DIR_HELP}
`;

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export async function backupCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('backup', args, { ...HELP_OPTION, ...DATA_DIR_OPTION, json: { type: 'boolean' } }, 2);
  const sub = positionals[0];
  if (values.help || sub === undefined) {
    (values.help ? io.out : io.err)(BACKUP_HELP);
    return values.help ? EXIT_OK : 2;
  }
  const dataDir = dataDirFrom(values['data-dir'], io);
  if (sub === 'create') {
    const info = await withCore(dataDir, (core) => core.backups.create('manual'));
    io.out(`Wrote ${info.path} (${mb(info.bytes)}).\n`);
    return EXIT_OK;
  }
  if (sub === 'list') {
    const all = listBackups(dataDir);
    if (values.json) {
      io.out(`${JSON.stringify(all.map(({ file, path, createdAt, reason, bytes }) => ({ file, path, createdAt, reason, bytes })))}\n`);
    } else if (all.length === 0) {
      io.out(`No backups yet in ${dataDir}/backups.\n`);
    } else {
      for (const b of all) io.out(`${new Date(b.createdAt).toISOString()}  ${b.reason.padEnd(12)} ${mb(b.bytes).padStart(9)}  ${b.path}\n`);
    }
    return EXIT_OK;
  }
  if (sub === 'restore') {
    const file = positionals[1];
    if (!file) throw new UsageError('flowdeck backup restore: give the backup file, e.g. `flowdeck backup restore <file>` (see `flowdeck backup list`).');
    try {
      const r = restoreBackup(dataDir, resolve(io.cwd, file), loadMigrations(), Date.now());
      io.out(`Restored ${r.runs} runs (schema ${r.version}) from ${file}.` +
        `${r.keptAside ? ` The ledger it replaced is kept at ${r.keptAside}.` : ''}\n`);
      return EXIT_OK;
    } catch (error) {
      if (error instanceof RestoreError) throw new CliError(error.message);
      throw error;
    }
  }
  throw new UsageError(`flowdeck backup: unknown subcommand '${sub}' (create, list or restore).`);
}
