import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSettingsStore } from '../../settings/store.ts';
import { useWorkflowsStore } from '../../workflows/store.ts';
import { useIncidentsStore } from '../store.ts';
import { CONDITION_LABELS } from '../rule-form.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { IncidentDetail } from './IncidentDetail.tsx';
import { IncidentsList } from './IncidentsList.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import '../incidents.css';

function useIncidentsLive(): void {
  const incidents = useIncidentsStore((s) => s.activate);
  const settings = useSettingsStore((s) => s.activate);
  const workflows = useWorkflowsStore((s) => s.activate);
  useEffect(() => {
    const release = [incidents(), settings(), workflows()];
    return () => release.forEach((r) => r());
  }, [incidents, settings, workflows]);
}

function Rules() {
  const rules = useIncidentsStore((s) => s.rules);
  const deleteRule = useIncidentsStore((s) => s.deleteRule);
  const saveRule = useIncidentsStore((s) => s.saveRule);
  const [editing, setEditing] = useState(false);
  return (
    <section className="rules" data-testid="rules">
      <header className="section-head">
        <h2>Rules</h2>
        {!editing ? <button type="button" className="button button-small" onClick={() => setEditing(true)} data-testid="rule-new">New rule</button> : null}
      </header>
      {editing ? <RuleEditor onDone={() => setEditing(false)} /> : null}
      <ul className="rule-list">
        {rules.map((r) => (
          <li key={r.id} data-testid="rule-row">
            <strong>{r.name}</strong> <span className="muted">{CONDITION_LABELS[r.condition.kind]} · {r.scope.kind === 'all' ? 'all workflows' : r.scope.kind} · {r.severity}{r.muted ? ' · muted' : ''}</span>
            <ConfirmButton label={r.muted ? 'Unmute' : 'Mute'} question={r.muted ? `Notify for ${r.name} again?` : `Stop notifications from ${r.name} (incidents are still recorded)?`}
              testId="rule-mute" onConfirm={() => void saveRule(r.id, { name: r.name, enabled: r.enabled, muted: !r.muted, severity: r.severity, scope: r.scope, condition: r.condition, routing: r.routing })} />
            <ConfirmButton label="Delete" question={`Delete the rule ${r.name}?`} testId="rule-delete" onConfirm={() => void deleteRule(r.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Incidents (open first) with the selected one's detail, and the rules that raise them. */
export function IncidentsPage() {
  useIncidentsLive();
  const { view, setView, phase, error, openCount } = useIncidentsStore(useShallow((s) => ({ view: s.view, setView: s.setView, phase: s.phase, error: s.error, openCount: s.openCount })));
  const detailOpen = useIncidentsStore((s) => s.detail !== null);
  return (
    <section className={detailOpen ? 'incidents-page with-panel' : 'incidents-page'} data-testid="incidents-page">
      <div className="incidents-main">
        <header className="section-head">
          <div className="segmented" role="group" aria-label="Which incidents">
            {(['active', 'resolved', 'all'] as const).map((v) => (
              <button key={v} type="button" className={v === view ? 'button button-small active' : 'button button-small'} aria-pressed={v === view} onClick={() => setView(v)} data-testid={`incidents-view-${v}`}>
                {v === 'active' ? `Open (${openCount})` : v === 'resolved' ? 'Resolved' : 'All'}
              </button>
            ))}
          </div>
        </header>
        {phase === 'error' ? <p className="notice notice-error" role="alert">{error}</p> : phase === 'loading' ? <p className="muted">Loading incidents…</p> : <IncidentsList />}
        <Rules />
      </div>
      <IncidentDetail />
    </section>
  );
}
