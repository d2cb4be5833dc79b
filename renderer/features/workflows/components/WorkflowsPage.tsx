import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { WORKFLOW_STATES, type WorkflowState, type WorkflowStateKind } from '../../../../core/contract/states.ts';
import { StateBadge } from '../../../ui/StateBadge.tsx';
import { STATE_META, stateFromHash, withStateFilter } from '../../../lib/state-meta.ts';
import { useStatesStore } from '../../../lib/states-store.ts';
import { useUrlSync } from '../../../app/url-state.ts';
import { filterRows, useRegistryStore } from '../registry-store.ts';
import { useCan } from '../../../lib/access.ts';
import { WORKFLOWS_URL } from '../url.ts';
import { LintList } from './LintList.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { WorkflowDetail } from './WorkflowDetail.tsx';
import '../workflows.css';

const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.01 ? 1 : 0)} %`;
const when = (t: number | null) => (t === null ? 'never' : formatDateTime(t));

/** Address changes: links and Back/Forward, and the app's own pushState/replaceState (announced as `flowdeck:route`). */
const ADDRESS_EVENTS = ['hashchange', 'popstate', 'flowdeck:route'];
const onHash = (fn: () => void) => {
  for (const e of ADDRESS_EVENTS) window.addEventListener(e, fn);
  return () => { for (const e of ADDRESS_EVENTS) window.removeEventListener(e, fn); };
};
/** The state filter the address holds (`#/workflows?state=failing`): the Overview's tiles link here. */
function useStateFilter(): WorkflowStateKind | null {
  return stateFromHash(useSyncExternalStore(onHash, () => window.location.hash));
}
const setStateFilter = (state: WorkflowStateKind | null) => { window.location.hash = withStateFilter(window.location.hash, state); };

/** Each workflow's live state by id (the same workflows/list-states answer as the Overview). */
function useStates(): Map<number, WorkflowState> | null {
  const data = useStatesStore((s) => s.data);
  return useMemo(() => (data ? new Map(data.workflows.map((w) => [w.workflowId, w])) : null), [data]);
}

function Filters() {
  const state = useStateFilter();
  const { filters, setFilters, items } = useRegistryStore(useShallow((s) => ({ filters: s.filters, setFilters: s.setFilters, items: s.items })));
  const vendors = useMemo(() => [...new Set(items.map((r) => r.vendor))].sort(), [items]);
  return (
    <div className="registry-filters" role="search">
      <select value={state ?? ''} onChange={(e) => setStateFilter((e.target.value || null) as WorkflowStateKind | null)} aria-label="State" data-testid="registry-state">
        <option value="">Any state</option>{WORKFLOW_STATES.map((s) => <option key={s} value={s}>{STATE_META[s].label}</option>)}
      </select>
      <input value={filters.text} onChange={(e) => setFilters({ text: e.target.value })} placeholder="Search names and tags" aria-label="Search" data-testid="registry-search" />
      <select value={filters.vendor} onChange={(e) => setFilters({ vendor: e.target.value })} aria-label="Vendor" data-testid="registry-vendor">
        <option value="">All vendors</option>{vendors.map((v) => <option key={v}>{v}</option>)}
      </select>
      <select value={filters.environment} onChange={(e) => setFilters({ environment: e.target.value })} aria-label="Environment" data-testid="registry-environment">
        <option value="">Any environment</option><option value="production">production</option><option value="test">test</option><option value="unset">not set</option>
      </select>
      <input value={filters.owner} onChange={(e) => setFilters({ owner: e.target.value })} placeholder="Owner" aria-label="Owner" />
      <label className="check"><input type="checkbox" checked={filters.withFindings} onChange={(e) => setFilters({ withFindings: e.target.checked })} data-testid="registry-with-findings" /> With findings</label>
    </div>
  );
}

function StateCell({ state }: { state: WorkflowState | null }) {
  if (!state) return <td className="muted">—</td>;
  return <td className="registry-state"><StateBadge state={state} /><div className="muted small" data-testid="registry-reason">{state.reason}</div></td>;
}

function Table() {
  const { items, filters, select } = useRegistryStore(useShallow((s) => ({ items: s.items, filters: s.filters, select: s.select })));
  const stateFilter = useStateFilter();
  const states = useStates();
  const rows = useMemo(() => filterRows(items, filters)
    .filter((r) => stateFilter === null || states?.get(r.workflowId)?.state === stateFilter), [items, filters, stateFilter, states]);
  return (<>
    {stateFilter ? (
      <p className="registry-state-note" data-testid="registry-state-note">
        Showing {rows.length} workflow{rows.length === 1 ? '' : 's'} in state <StateBadge state={{ state: stateFilter, pausedBy: null }} />{' '}
        <button type="button" className="button-link" onClick={() => setStateFilter(null)}>Show every state</button>
      </p>
    ) : null}
    <table className="registry-table" data-testid="registry-table" data-state-filter={stateFilter ?? ''} aria-busy={stateFilter !== null && !states}>
      <thead><tr><th>Workflow</th><th>State</th><th>Vendor</th><th>Environment</th><th>Owner</th><th>Health</th><th>Last run</th><th>Failure rate (7 d)</th><th>Findings</th><th>Versions</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.workflowId} data-testid="registry-row" className={r.archived ? 'archived' : undefined}>
            <td><button type="button" className="button-link" onClick={() => select(r.workflowId)} data-testid="registry-open">{r.name}</button>{r.archived ? <span className="muted"> (archived)</span> : null}</td>
            <StateCell state={states?.get(r.workflowId) ?? null} />
            <td>{r.vendor}</td><td>{r.environment ?? '—'}</td><td>{r.owner ?? '—'}</td>
            <td><span className={`health-badge h-${r.health >= 80 ? 'good' : r.health >= 50 ? 'fair' : 'poor'}`}>{r.health}</span></td>
            <td>{when(r.lastRunAt)}</td><td>{r.runs7d ? pct(r.failureRate7d) : '—'}</td><td>{r.findings || ''}</td><td>{r.versions || ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </>);
}

/**
 * Export the registry to a git-friendly folder in Flowdeck's data folder (exports/<name>), or merge one in.
 * Any other folder: `flowdeck registry export --dir <folder>` on the machine running Flowdeck.
 */
function Transfer() {
  const transfer = useRegistryStore((s) => s.transfer);
  const canExport = useCan('registry/export');
  const canImport = useCan('registry/import');
  const notice = useRegistryStore((s) => s.notice);
  const [name, setName] = useState('registry');
  return (
    <section className="registry-transfer" data-testid="registry-transfer">
      <input value={name} onChange={(e) => setName(e.target.value)} placeholder="registry" aria-label="Export folder name (inside Flowdeck's data folder)" />
      <button type="button" className="button button-small" disabled={!name.trim()} onClick={() => void transfer('export', name.trim())} {...canExport.lock}>Export</button>
      <button type="button" className="button button-small" disabled={!name.trim()} onClick={() => void transfer('import', name.trim())} {...canImport.lock}>Import</button>
      {notice ? <span className={notice.ok ? 'muted' : 'notice-error'} role="status">{notice.message}</span> : null}
    </section>
  );
}

/** The naming convention the lint checks: an RE2 pattern (always fast) and an example name; a refusal says why. */
function NamingSettings() {
  const settings = useRegistryStore((s) => s.settings);
  const save = useRegistryStore((s) => s.saveSettings);
  const canSave = useCan('registry/save-settings');
  const [pattern, setPattern] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  if (!settings) return null;
  const value = pattern ?? settings.namingPattern;
  const submit = async () => {
    const r = await save({ ...settings, namingPattern: value });
    setResult(r);
    if (r.ok) setPattern(null);
  };
  return (
    <form className="registry-transfer" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label>Naming pattern (regular expression) <input value={value} onChange={(e) => { setPattern(e.target.value); setResult(null); }} data-testid="naming-pattern" aria-invalid={result?.ok === false} /></label>
      <span className="muted">e.g. {settings.namingExample}</span>
      <button type="submit" className="button button-small" {...canSave.lock}>Save</button>
      {result ? <span className={result.ok ? 'muted' : 'notice-error'} role={result.ok ? 'status' : 'alert'} data-testid="naming-pattern-result">{result.message}</span> : null}
    </form>
  );
}

/** A link named a workflow Flowdeck does not have: say so plainly, with a way back to the list. */
function WorkflowNotFound({ id }: { id: string }) {
  const select = useRegistryStore((s) => s.select);
  return (
    <section className="page-pad workflows-page" data-testid="workflow-not-found">
      <h2>Workflow not found</h2>
      <p>Flowdeck has no workflow {/^\d+$/.test(id) ? id : `“${id}”`}. It may have been removed with its connector, or the link is wrong.</p>
      <button type="button" className="button" onClick={() => select(null)}>Back to all workflows</button>
    </section>
  );
}

/** The workflow registry: every workflow with its health and findings, one workflow's detail, and the lint report. */
export function WorkflowsPage() {
  const activate = useRegistryStore((s) => s.activate);
  useEffect(() => activate(), [activate]);
  const activateStates = useStatesStore((s) => s.activate);
  useEffect(() => activateStates(), [activateStates]);
  useUrlSync(WORKFLOWS_URL);
  const missingId = useRegistryStore((s) => s.missingId);
  const { phase, error, tab, setTab, overallHealth, findings, detail, select, count } = useRegistryStore(useShallow((s) => ({
    phase: s.phase, error: s.error, tab: s.tab, setTab: s.setTab, overallHealth: s.overallHealth, findings: s.findings, detail: s.detail, select: s.select, count: s.items.length,
  })));
  if (missingId !== null) return <WorkflowNotFound id={missingId} />;
  if (detail) return <div className="page-pad workflows-page"><WorkflowDetail workflow={detail} /></div>;
  return (
    <section className="page-pad workflows-page" data-testid="workflows-page">
      <header className="section-head">
        <div className="segmented" role="group" aria-label="View">
          <button type="button" className={tab === 'workflows' ? 'button button-small active' : 'button button-small'} aria-pressed={tab === 'workflows'} onClick={() => setTab('workflows')} data-testid="tab-workflows">Workflows ({count})</button>
          <button type="button" className={tab === 'lint' ? 'button button-small active' : 'button button-small'} aria-pressed={tab === 'lint'} onClick={() => setTab('lint')} data-testid="tab-lint">Lint report ({findings.length})</button>
        </div>
        <span className="muted" data-testid="overall-health">Registry health {overallHealth} / 100</span>
      </header>
      {phase === 'error' ? <p className="notice notice-error" role="alert">{error}</p> : null}
      {phase === 'loading' ? <p className="muted">Loading…</p> : null}
      {phase === 'ready' && tab === 'workflows' ? <><Filters /><Table /></> : null}
      {phase === 'ready' && tab === 'lint' ? <section data-testid="lint-report"><NamingSettings /><LintList findings={findings} onOpen={(id) => select(id)} /></section> : null}
      {phase === 'ready' ? <Transfer /> : null}
    </section>
  );
}
