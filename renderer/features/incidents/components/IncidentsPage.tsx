import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AlertRule } from '../../../../core/contract/alerts.ts';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { useWorkflowsStore } from '../../../lib/workflows-store.ts';
import { useCan } from '../../../lib/access.ts';
import { LockedNote } from '../../../ui/LockedNote.tsx';
import { useUrlSync } from '../../../app/url-state.ts';
import { useIncidentsStore } from '../store.ts';
import { INCIDENTS_URL } from '../url.ts';
import { CONDITION_LABELS, draftOf } from '../rule-form.ts';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { IncidentDetail } from './IncidentDetail.tsx';
import { IncidentsList } from './IncidentsList.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import '../../../ui/forms.css';
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

function scopeLabel(scope: AlertRule['scope']): string {
  switch (scope.kind) {
    case 'all': return 'all workflows';
    case 'workflow': return 'one workflow';
    case 'tag': return `tag ${scope.tag}`;
    case 'environment': return `${scope.environment} workflows`;
  }
}

function RuleRow({ rule: r, onEdit, editRef }: { rule: AlertRule; onEdit: () => void; editRef: (el: HTMLButtonElement | null) => void }) {
  const deleteRule = useIncidentsStore((s) => s.deleteRule);
  const saveRule = useIncidentsStore((s) => s.saveRule);
  const canSave = useCan('alerts/save-rule');
  const canDelete = useCan('alerts/delete-rule');
  return (
    <li data-testid="rule-row" data-rule={r.name} data-enabled={r.enabled}>
      <strong>{r.name}</strong> <span className="muted">{CONDITION_LABELS[r.condition.kind]} · {scopeLabel(r.scope)} · {r.severity}{r.enabled ? '' : ' · disabled'}{r.muted ? ' · muted' : ''}</span>
      <span className="rule-actions">
        <button type="button" className="button button-small" onClick={onEdit} data-testid="rule-edit" aria-label={`Edit ${r.name}`} ref={editRef} {...canSave.lock}>Edit</button>
        <ConfirmButton label={r.muted ? 'Unmute' : 'Mute'} question={r.muted ? `Notify for ${r.name} again?` : `Stop notifications from ${r.name} (incidents are still recorded)?`}
          testId="rule-mute" can={canSave} onConfirm={() => void saveRule(r.id, { ...draftOf(r), muted: !r.muted })} />
        <ConfirmButton label="Delete" question={`Delete the rule ${r.name}?`} testId="rule-delete" can={canDelete} onConfirm={() => void deleteRule(r.id)} />
      </span>
    </li>
  );
}

function Rules() {
  const rules = useIncidentsStore((s) => s.rules);
  const canSave = useCan('alerts/save-rule');
  /** 'new', the id of the rule being edited, or null. */
  const [chosen, setEditing] = useState<'new' | number | null>(null);
  // A rule deleted elsewhere while open here closes its editor.
  const editing = typeof chosen === 'number' && !rules.some((r) => r.id === chosen) ? null : chosen;
  /** Back from the editor, focus returns (once) to the Edit button it was opened from. */
  const returnTo = useRef<'new' | number | null>(null);
  const close = () => { returnTo.current = editing; setEditing(null); };
  const editRef = (id: 'new' | number) => (el: HTMLButtonElement | null) => {
    if (el && returnTo.current === id) { returnTo.current = null; el.focus(); }
  };
  return (
    <section className="rules" data-testid="rules">
      <header className="section-head">
        <h2>Rules</h2>
        {editing === null ? <button type="button" className="button button-small" onClick={() => setEditing('new')} ref={editRef('new')} data-testid="rule-new" {...canSave.lock}>New rule</button> : null}
      </header>
      <LockedNote cans={[canSave]} testId="rules-locked" />
      {editing === 'new' ? <RuleEditor onDone={close} /> : null}
      <ul className="rule-list">
        {rules.map((r) => (r.id === editing
          ? <li key={r.id} className="rule-editing" data-testid="rule-row-editing"><RuleEditor key={r.id} rule={r} onDone={close} /></li>
          : <RuleRow key={r.id} rule={r} onEdit={() => setEditing(r.id)} editRef={editRef(r.id)} />))}
      </ul>
    </section>
  );
}

/** A link named an incident Flowdeck does not have: say so plainly, with a way back to the list. */
function IncidentNotFound({ id }: { id: string }) {
  const select = useIncidentsStore((s) => s.select);
  return (
    <aside className="incident-detail" data-testid="incident-not-found" aria-label="Incident detail">
      <h2>Incident not found</h2>
      <p>Flowdeck has no incident {/^\d+$/.test(id) ? id : `“${id}”`}. It may have been removed with its workflow or connector, or the link is wrong.</p>
      <button type="button" className="button" onClick={() => select(null)}>Back to the incidents</button>
    </aside>
  );
}

/** Incidents (open first) with the selected one's detail, and the rules that raise them. */
export function IncidentsPage() {
  useIncidentsLive();
  useUrlSync(INCIDENTS_URL);
  const missingId = useIncidentsStore((s) => s.missingId);
  const { view, setView, phase, error, openCount } = useIncidentsStore(useShallow((s) => ({ view: s.view, setView: s.setView, phase: s.phase, error: s.error, openCount: s.openCount })));
  const detailOpen = useIncidentsStore((s) => s.detail !== null) || missingId !== null;
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
      {missingId !== null ? <IncidentNotFound id={missingId} /> : <IncidentDetail />}
    </section>
  );
}
