import { useShallow } from 'zustand/react/shallow';
import { hrefFor } from '../../../app/routes.ts';
import { formatAgo, formatCount, formatFullDateTime } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';
import { useSystemStore } from '../../system/store.ts';

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="stat-card">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {note ? <div className="stat-note">{note}</div> : null}
    </div>
  );
}

/** Real counts from the core. Charts and health summaries come with later features. */
export function OverviewPage() {
  const { status, error } = useSystemStore(useShallow((s) => ({ status: s.status, error: s.error })));
  const load = useSystemStore((s) => s.load);
  const now = useNow();

  if (!status) {
    return (
      <section className="page-pad" data-testid="overview-page">
        {error ? (
          <div className="notice notice-error" role="alert">
            <p>Couldn’t load the overview: {error}</p>
            <button type="button" className="button" onClick={() => void load()}>Try again</button>
          </div>
        ) : (
          <p className="muted">Loading the overview…</p>
        )}
      </section>
    );
  }

  const { counts } = status;
  return (
    <section className="page-pad overview" data-testid="overview-page">
      <div className="stat-grid">
        <Stat label="Runs recorded" value={formatCount(counts.runs)} />
        <Stat label="Workflows" value={formatCount(counts.workflows)} />
        <Stat label="Connectors" value={formatCount(counts.connectors)} />
        <Stat
          label="Set aside"
          value={formatCount(counts.quarantined)}
          note={counts.quarantined ? 'Records a connector sent that Flowdeck could not read' : 'Every record received could be read'}
        />
        <Stat
          label="Last new data"
          value={formatAgo(status.lastIngestAt, now)}
          {...(status.lastIngestAt ? { note: formatFullDateTime(status.lastIngestAt) } : {})}
        />
      </div>
      <div className="overview-next">
        <p>
          {counts.runs
            ? 'See every run, newest first, in the execution log.'
            : 'No runs yet — add a connector or open the demo to see the console at work.'}
        </p>
        {counts.runs ? <a className="button button-primary" href={hrefFor('runs')}>Open the execution log</a> : null}
        <p className="muted">Health charts, error trends and incidents will appear here as those features arrive.</p>
      </div>
    </section>
  );
}
