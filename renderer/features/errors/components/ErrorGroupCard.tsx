import type { ErrorGroupView } from '../../../../core/contract/monitoring.ts';
import { formatAgo, formatCount, formatFullDateTime } from '../../../lib/format.ts';
import { runsHref } from '../../../lib/range.ts';
import { Sparkline } from './Sparkline.tsx';

export function ErrorGroupCard({ group, selected, now, from, to }: { group: ErrorGroupView; selected: boolean; now: number; from: number; to: number }) {
  const words = group.template.replace(/<[^>]*>/g, ' ').replace(/[^\p{L}\p{N}_ ]+/gu, ' ').split(/\s+/).filter((w) => w.length > 2).slice(0, 6).join(' ');
  return (
    <article className={selected ? 'card error-group selected' : 'card error-group'} data-testid="error-group" data-fingerprint={group.fingerprint}
      data-count={group.countInRange} aria-current={selected ? 'true' : undefined}>
      {group.headline ? <p className="error-headline" data-testid="error-headline">{group.headline}</p> : null}
      <div className="error-group-top">
        <div className="error-message" title={group.sampleMessage}>{group.sampleMessage}</div>
        <div className="error-count"><strong>{formatCount(group.countInRange)}</strong> <span className="muted">in range</span></div>
        <Sparkline values={group.trend} />
      </div>
      <dl className="error-facts">
        <div><dt>Failing step</dt><dd>{group.failingStep ?? '—'}</dd></div>
        <div><dt>First seen</dt><dd title={formatFullDateTime(group.firstSeen)}>{formatAgo(group.firstSeen, now)}</dd></div>
        <div><dt>Last seen</dt><dd title={formatFullDateTime(group.lastSeen)}>{formatAgo(group.lastSeen, now)}</dd></div>
        <div><dt>Connectors</dt><dd>{group.connectors.map((c) => c.name).join(', ')}</dd></div>
      </dl>
      <div className="error-workflows">
        {group.workflows.slice(0, 8).map((w) => (
          <a key={w.id} className="chip" href={runsHref({ workflow: w.id, status: 'failed', from, to })}>{w.name} · {formatCount(w.count)}</a>
        ))}
        {group.workflows.length > 8 ? <span className="muted small">and {group.workflows.length - 8} more</span> : null}
        {words ? <a className="button button-small button-quiet" href={runsHref({ q: words, from, to })}>See runs</a> : null}
      </div>
    </article>
  );
}
