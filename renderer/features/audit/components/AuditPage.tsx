import { useEffect } from 'react';
import { formatFullDateTime, fromDateTimeLocal, toDateTimeLocal } from '../../../lib/format.ts';
import { auditCsv } from '../csv.ts';
import { howLine, personLabel } from '../people.ts';
import { useAuditStore } from '../store.ts';
import '../../../ui/forms.css';
import '../audit.css';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Who changed what, when, how and from where: filters (by person first) and a CSV export. */
export function AuditPage() {
  const activate = useAuditStore((s) => s.activate);
  const items = useAuditStore((s) => s.items);
  const filter = useAuditStore((s) => s.filter);
  const people = useAuditStore((s) => s.people);
  const setFilter = useAuditStore((s) => s.setFilter);
  const error = useAuditStore((s) => s.error);
  const exportAll = useAuditStore((s) => s.exportAll);
  useEffect(() => activate(), [activate]);
  return (
    <section className="audit-page" data-testid="audit-page">
      <form className="settings-form" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span className="field-label">Person</span>
          <select value={filter.actorId} onChange={(e) => setFilter({ ...filter, actorId: e.target.value })} data-testid="audit-person">
            <option value="">Everyone</option>
            {people.map((p) => <option key={p.actorId} value={p.actorId}>{personLabel(p)}</option>)}
          </select>
        </label>
        <label className="field"><span className="field-label">Name as recorded</span><input value={filter.actor} onChange={(e) => setFilter({ ...filter, actor: e.target.value })} data-testid="audit-actor" /></label>
        <label className="field"><span className="field-label">Action starts with</span><input value={filter.action} placeholder="incident." onChange={(e) => setFilter({ ...filter, action: e.target.value })} data-testid="audit-action" /></label>
        <label className="field"><span className="field-label">From</span><input type="datetime-local" value={filter.from === null ? '' : toDateTimeLocal(filter.from)} onChange={(e) => setFilter({ ...filter, from: fromDateTimeLocal(e.target.value) })} /></label>
        <label className="field"><span className="field-label">To</span><input type="datetime-local" value={filter.to === null ? '' : toDateTimeLocal(filter.to)} onChange={(e) => setFilter({ ...filter, to: fromDateTimeLocal(e.target.value) })} /></label>
        <div className="audit-export">
          <button type="button" className="button" data-testid="audit-export" onClick={() => void exportAll().then((all) => download('flowdeck-audit.csv', auditCsv(all)))}>Export CSV</button>
        </div>
      </form>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      <table className="audit-table" data-testid="audit-list">
        <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th></tr></thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action}>
              <td>{formatFullDateTime(e.at)}</td>
              <td data-testid="audit-who">
                {e.actor}
                {howLine(e) ? <span className="audit-how">{howLine(e)}</span> : null}
              </td>
              <td>{e.action}</td><td>{e.target ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 ? <p className="muted" data-testid="audit-empty">No entries match.</p> : null}
    </section>
  );
}
