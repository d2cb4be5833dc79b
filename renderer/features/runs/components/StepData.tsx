import { useEffect } from 'react';
import type { RunDetail, StepItems } from '../../../../core/contract/runs.ts';
import { ExternalIcon } from '../../../app/Icons.tsx';
import { formatWhen } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';
import { accessFor, useCan, type Can } from '../../../lib/access.ts';
import { vendorName } from '../../../lib/vendor-name.ts';
import { ExternalLink } from '../../../ui/ExternalLink.tsx';
import { LockedNote } from '../../../ui/LockedNote.tsx';
import { useStepDataStore, type StepDataAnswer, type StepDataView } from '../step-data-store.ts';
import { JsonTree } from './JsonTree.tsx';
import './step-data.css';

/** What the button says per vendor; null when the vendor gives other apps no step data. */
export function stepDataLabel(kind: string): string | null {
  if (kind === 'n8n') return 'Show what the failing step received';
  if (kind === 'github') return 'Show the failed step’s log';
  return null;
}

const NO_STEP_DATA = new Set(['push', 'demo']);

/** Whether the run detail offers the section at all: failed or warned runs of a vendor connector. */
export function offersStepData(run: Pick<RunDetail, 'status' | 'connectorKind'>): boolean {
  return (run.status === 'failed' || run.status === 'warning') && !NO_STEP_DATA.has(run.connectorKind);
}

function when(fetchedAt: number, now: number): string {
  return now - fetchedAt < 60_000 ? 'just now' : `at ${formatWhen(fetchedAt, now)}`;
}

function Items({ title, side, empty }: { title: string; side: StepItems | null; empty: string }) {
  return (
    <section className="step-data-side">
      <h4>{title}{side ? <span className="muted"> · {side.total} item{side.total === 1 ? '' : 's'}</span> : null}</h4>
      {side === null || side.items.length === 0 ? <p className="muted step-data-empty">{empty}</p> : (
        <>
          <JsonTree value={side.items.length === 1 ? side.items[0] : side.items} label={title} testId={`step-data-${title.toLowerCase().split(' ')[0]}`} />
          {side.truncated ? (
            <p className="step-data-note muted" data-testid="step-data-truncated">
              {side.items.length < side.total ? `Showing ${side.items.length} of ${side.total} items. ` : ''}Long values are cut short; open the run in the vendor to see everything.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function Shown({ answer, vendor, deepLink, now }: { answer: StepDataAnswer; vendor: string; deepLink: string | null; now: number }) {
  const data = answer.data;
  const kept = <p className="step-data-kept muted" data-testid="step-data-kept">Fetched from {vendor} {when(answer.fetchedAt, now)}; Flowdeck does not keep it. Secrets that look like keys, tokens or passwords are hidden.</p>;
  if (data.kind === 'unavailable') {
    return (
      <div className="step-data-unavailable" data-testid="step-data-unavailable">
        <p>{data.reason}</p>
        <ExternalLink href={deepLink} className="button">Open the run in {vendor} <ExternalIcon /></ExternalLink>
      </div>
    );
  }
  if (data.kind === 'n8n') {
    return (
      <div data-testid="step-data-shown">
        {kept}
        <p className="step-data-node">Node <strong>{data.node.name}</strong>{data.node.type ? <code className="muted"> {data.node.type}</code> : null}</p>
        {data.error ? (
          <div className="step-data-error">
            <div className="step-data-error-title">{data.error.name ?? 'Error'}</div>
            <p>{data.error.message}</p>
            {data.error.description ? <p className="muted">{data.error.description}</p> : null}
          </div>
        ) : null}
        <Items title="Input it received" side={data.input} empty="n8n does not say what this node received (a trigger node receives nothing)." />
        <Items title="Output it produced" side={data.output} empty="It produced no output." />
      </div>
    );
  }
  return (
    <div data-testid="step-data-shown">
      {kept}
      <p className="step-data-node">Job <strong>{data.job.name}</strong>{data.step ? <> · step {data.step.number} <strong>{data.step.name}</strong></> : <span className="muted"> · the end of the job’s log</span>}</p>
      {data.truncated ? <p className="step-data-note muted" data-testid="step-data-truncated">Showing the last {data.lines.length} lines; earlier lines are left out.</p> : null}
      {/* Scrolled to its end at first (column-reverse): the error is at the bottom of a log. */}
      <div className="step-data-log" tabIndex={0} role="region" aria-label={`Log of ${data.step?.name ?? data.job.name}`} data-testid="step-data-log">
        <pre>{data.lines.join('\n')}</pre>
      </div>
    </div>
  );
}

/** The owner may ask (the panel's default when shown on its own). */
const OWNER_CAN = accessFor('owner', 'runs/get-step-data');

/**
 * The run detail's step data section in each state; `onFetch` asks the core, `onHide` forgets what was shown. `can`:
 * whether the caller's role may ask (an Operator's step: the data can be personal and spends the vendor's budget).
 */
export function StepDataPanel({ run, view, now, onFetch, onHide, can = OWNER_CAN }: {
  run: RunDetail; view: StepDataView; now: number; onFetch: () => void; onHide: () => void; can?: Can;
}) {
  const vendor = vendorName(run.connectorKind, run.connectorName);
  const label = stepDataLabel(run.connectorKind);
  const mine = view.status !== 'idle' && view.runId === run.id ? view : null;
  if (!label) {
    return (
      <section className="step-data" aria-label="Why the step failed" data-testid="step-data">
        <div className="step-data-unavailable" data-testid="step-data-unavailable">
          <p>{vendor} does not let other apps read what each step of a run received or logged, so Flowdeck cannot show it here.</p>
          <ExternalLink href={run.deepLink} className="button">Open the run in {vendor} <ExternalIcon /></ExternalLink>
        </div>
      </section>
    );
  }
  return (
    <section className="step-data" aria-label="Why the step failed" data-testid="step-data">
      <div className="step-data-actions">
        {mine?.status === 'shown' ? (
          <button type="button" className="button" onClick={onHide} data-testid="step-data-hide">Hide</button>
        ) : (
          <button type="button" className="button" onClick={onFetch} disabled={mine?.status === 'loading'} aria-busy={mine?.status === 'loading'} data-testid="step-data-fetch" {...can.lock}>
            {mine?.status === 'loading' ? `Asking ${vendor}…` : mine?.status === 'error' ? 'Try again' : label}
          </button>
        )}
      </div>
      <LockedNote cans={[can]} testId="step-data-locked" />
      {mine === null && can.ok ? <p className="muted step-data-hint">Fetched from {vendor} only when you ask; Flowdeck does not keep it.</p> : null}
      {mine?.status === 'loading' ? <p className="muted" role="status" data-testid="step-data-loading">Asking {vendor} for this run’s data…</p> : null}
      {mine?.status === 'error' ? <p className="notice notice-error" role="alert" data-testid="step-data-error">{mine.message}</p> : null}
      {mine?.status === 'shown' ? <Shown answer={mine.answer} vendor={vendor} deepLink={mine.answer.deepLink ?? run.deepLink} now={now} /> : null}
    </section>
  );
}

/** Connected to the store; forgets the data when the detail moves to another run or closes. */
export function StepData({ run }: { run: RunDetail }) {
  const view = useStepDataStore((s) => s.view);
  const fetch = useStepDataStore((s) => s.fetch);
  const hide = useStepDataStore((s) => s.hide);
  const can = useCan('runs/get-step-data');
  const now = useNow();
  useEffect(() => () => hide(), [run.id, hide]);
  return <StepDataPanel run={run} view={view} now={now} onFetch={() => void fetch(run.id)} onHide={hide} can={can} />;
}
