import { CoreError } from '../contract/errors.ts';
import type { Handlers } from '../contract/handlers.ts';
import type { Ledger } from '../store/ledger.ts';
import { InvalidCursorError } from '../store/runs-repo.ts';

export function runsHandlers(ledger: Ledger): Pick<Handlers, 'runs/list-runs' | 'runs/get-run'> {
  return {
    'runs/list-runs': async ({ filter, cursor, limit }) => {
      try {
        return ledger.runs.list(filter, cursor, limit);
      } catch (error) {
        if (error instanceof InvalidCursorError) {
          throw new CoreError({ kind: 'validation', code: 'invalid_cursor', message: error.message, field: 'cursor' });
        }
        throw error;
      }
    },
    'runs/get-run': async ({ id }) => {
      const run = ledger.runs.get(id);
      return run ? { ok: true, run } : { ok: false, reason: 'not_found' };
    },
  };
}
