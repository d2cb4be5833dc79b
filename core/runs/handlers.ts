import { auditActorOf } from '../contract/actor.ts';
import type { BulkActions, ControlActions } from '../actions/index.ts';
import { CoreError } from '../contract/errors.ts';
import type { Handlers } from '../contract/handlers.ts';
import type { LedgerReader } from '../store/ledger.ts';
import { InvalidCursorError } from '../store/runs-repo.ts';

/** `runs/*`: the execution log (read-only: a LedgerReader), and retry / re-run of one run through the control actions. */
export function runsHandlers(ledger: LedgerReader, actions: ControlActions, bulk: BulkActions): Pick<Handlers,
  'runs/list-runs' | 'runs/get-run' | 'runs/get-step-data' | 'runs/retry-run' | 'runs/rerun-run'
  | 'runs/preview-bulk-action' | 'runs/start-bulk-action' | 'runs/cancel-bulk-action' | 'runs/get-bulk-report'> {
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
    'runs/get-step-data': ({ runId }) => actions.stepData(runId),
    'runs/retry-run': ({ runId }, ctx) => actions.runAction('retry-run', runId, auditActorOf(ctx)),
    'runs/rerun-run': ({ runId }, ctx) => actions.runAction('rerun-run', runId, auditActorOf(ctx)),
    'runs/preview-bulk-action': async (selection) => bulk.preview(selection),
    'runs/start-bulk-action': async (selection, ctx) => bulk.start(selection, auditActorOf(ctx)),
    'runs/cancel-bulk-action': async ({ jobId }, ctx) => bulk.cancel(jobId, auditActorOf(ctx)),
    'runs/get-bulk-report': async ({ jobId }) => {
      const report = bulk.report(jobId);
      return report ? { ok: true, report } : { ok: false, reason: 'not_found' };
    },
  };
}
