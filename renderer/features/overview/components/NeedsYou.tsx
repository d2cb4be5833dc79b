import type { ReactNode } from 'react';
import type { BlindCause, ListStatesOutput, WorkflowState } from '../../../../core/contract/states.ts';
import { formatWhen } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';
import { StateBadge } from '../../../ui/StateBadge.tsx';

const causeKey = (c: BlindCause) => (c.kind === 'connector' ? `connector:${c.connectorId}` : 'offline');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the row says after its cause's line has said why Flowdeck is blind (the rest of its reason, not the cause again). */
function rowReason(s: WorkflowState): string {
  const prefix = s.cause ? `Flowdeck cannot see it: ${s.cause.message}` : null;
  return prefix && s.reason.startsWith(prefix) ? s.reason.slice(prefix.length).trim() || s.reason : s.reason;
}

function Row({ s, now }: { s: WorkflowState; now: number }) {
  return (
    <li className="needs-row" data-testid="needs-you-row" data-state={s.state} data-workflow={s.name}>
      <div className="needs-head">
        <StateBadge state={s} />
        <a className="needs-name" href={`#/workflows/${s.workflowId}`}>{s.name}</a>
        <span className="muted small">{s.connectorName}</span>
        {s.since !== null ? <span className="muted small needs-since">since {formatWhen(s.since, now)}</span> : null}
      </div>
      <p className="needs-reason" data-testid="needs-you-reason">{rowReason(s)}</p>
      <a className="button button-small needs-action" href={s.action.href} data-testid="needs-you-action">{s.action.label}</a>
    </li>
  );
}

/** One line per blind cause, once, above the unknown workflows it explains. */
function CauseGroup({ cause, rows, now }: { cause: BlindCause; rows: WorkflowState[]; now: number }) {
  return (
    <li className="needs-cause" data-testid="needs-you-cause">
      <p><strong>Flowdeck cannot see {plural(rows.length, 'workflow', 'workflows')}:</strong> {cause.message}</p>
      <ul className="needs-list">{rows.map((s) => <Row key={s.workflowId} s={s} now={now} />)}</ul>
    </li>
  );
}

/** When nothing needs the owner: one clear sentence, with the quiet exceptions. */
function AllFine({ data }: { data: ListStatesOutput }) {
  const ours = data.workflows.filter((w) => w.state === 'paused' && w.pausedBy === 'flowdeck').length;
  const never = data.counts['never-run'];
  const quiet = [ours ? `${ours} paused from Flowdeck` : null, never ? `${plural(never, 'has', 'have')} not run yet` : null].filter(Boolean);
  return (
    <div className="needs-fine" data-testid="needs-you-fine">
      <p className="needs-fine-line">All {plural(data.workflows.length, 'automation is', 'automations are')} fine.</p>
      {quiet.length ? <p className="muted small">{quiet.join(' · ')}</p> : null}
    </div>
  );
}

/** "Needs you": every workflow whose live state needs the owner, worst first (the core's order), each with its one action. */
export function NeedsYou({ data }: { data: ListStatesOutput }) {
  const now = useNow();
  const rows = data.workflows.filter((w) => w.attention);
  const causeOf = new Map(data.causes.map((c) => [causeKey(c), c]));
  const grouped = new Map<string, WorkflowState[]>();
  for (const s of rows) if (s.state === 'unknown' && s.cause && causeOf.has(causeKey(s.cause))) grouped.set(causeKey(s.cause), [...(grouped.get(causeKey(s.cause)) ?? []), s]);
  const items: ReactNode[] = [];
  let causesShown = false;
  for (const s of rows) {
    const key = s.state === 'unknown' && s.cause ? causeKey(s.cause) : null;
    if (key && grouped.has(key)) {
      if (!causesShown) for (const [k, group] of grouped) items.push(<CauseGroup key={k} cause={causeOf.get(k)!} rows={group} now={now} />);
      causesShown = true;
    } else items.push(<Row key={s.workflowId} s={s} now={now} />);
  }
  return (
    <section className="card card-wide needs-you" data-testid="needs-you" data-count={rows.length} aria-labelledby="needs-you-title">
      <header className="card-head">
        <h2 id="needs-you-title">{rows.length ? `Needs you (${rows.length})` : 'Needs you'}</h2>
        <span className="muted small">Now</span>
      </header>
      {rows.length ? <ul className="needs-list">{items}</ul> : <AllFine data={data} />}
    </section>
  );
}
