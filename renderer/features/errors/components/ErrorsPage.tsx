import '../../../ui/monitoring.css';
import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatIso } from '../../../lib/format.ts';
import { serverNow } from '../../../lib/server-clock.ts';
import { useNow } from '../../../lib/useNow.ts';
import { useListKeyboard } from '../../../lib/useListKeyboard.ts';
import { useLive } from '../../../lib/useLive.ts';
import { downloadRows } from '../../../lib/export.ts';
import { resolveRange } from '../../../lib/range.ts';
import { PageError } from '../../../ui/PageError.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { RangePicker } from '../../../ui/RangePicker.tsx';
import { useUrlSync } from '../../../app/url-state.ts';
import { useErrorSearchStore, useErrorsStore } from '../store.ts';
import { ERRORS_URL } from '../url.ts';
import { ErrorGroupCard } from './ErrorGroupCard.tsx';
import { ErrorSearch } from './ErrorSearch.tsx';

function exportGroups(format: 'csv' | 'json') {
  const data = useErrorsStore.getState().data;
  if (!data) return;
  const rows = data.groups.map((g) => ({
    fingerprint: g.fingerprint, sampleMessage: g.sampleMessage, failingStep: g.failingStep, countInRange: g.countInRange,
    firstSeen: formatIso(g.firstSeen), lastSeen: formatIso(g.lastSeen),
    workflows: g.workflows.map((w) => w.name).join('; '), connectors: g.connectors.map((c) => c.name).join('; '), headline: g.headline ?? '',
  }));
  downloadRows('flowdeck-errors', format, rows, ['fingerprint', 'sampleMessage', 'failingStep', 'countInRange', 'firstSeen', 'lastSeen', 'workflows', 'connectors', 'headline']);
}

/** Failures grouped by cause (fingerprint), busiest first, with full-text search over every error message. */
export function ErrorsPage() {
  const store = useErrorsStore(useShallow((s) => s));
  useLive(store.activate);
  useUrlSync(ERRORS_URL);
  const search = useErrorSearchStore(useShallow((s) => ({ query: s.query, result: s.result })));
  const now = useNow();
  const searchBox = useRef<HTMLInputElement>(null);
  const matched = useMemo(() => (search.result ? new Set(search.result.groups.map((g) => g.fingerprint)) : null), [search.result]);
  const groups = (store.data?.groups ?? []).filter((g) => !matched || matched.has(g.fingerprint));
  const keys = useMemo(() => ({
    move: (d: number) => useErrorsStore.getState().moveSelection(d, groups.length),
    search: () => searchBox.current?.focus(),
    close: () => {
      if (!useErrorSearchStore.getState().query) return false;
      useErrorSearchStore.getState().clear();
      return true;
    },
  }), [groups.length]);
  useListKeyboard(keys);

  let body;
  if (store.phase === 'error' && !store.data) body = <PageError what="errors" message={store.error} onRetry={() => void store.reload()} />;
  else if (!store.data) body = <PageLoading what="errors" />;
  else if (!groups.length && matched) {
    body = (
      <div className="empty-state" data-testid="errors-empty" data-reason="no-match">
        <h2>No errors match</h2>
        <p>No error in this range matches “{search.query}”. Try other words or a longer range.</p>
        <button type="button" className="button" onClick={() => useErrorSearchStore.getState().clear()} data-testid="errors-empty-clear">Clear the search</button>
      </div>
    );
  } else if (!groups.length) body = <div className="empty-state" data-testid="errors-empty"><p>No failures in this range. Nice.</p></div>;
  else {
    body = (
      <div className="error-groups" data-testid="error-groups" aria-busy={store.refreshing}>
        {store.data.brokenConnections.map((b) => <p key={b.connectorId} className="notice notice-error" data-testid="broken-connection">{b.headline}</p>)}
        {groups.map((g, i) => <ErrorGroupCard key={g.fingerprint} group={g} selected={i === store.selected} now={now} from={store.data!.from} to={store.data!.to} />)}
      </div>
    );
  }
  return (
    <section className="page-pad monitoring-page" data-testid="errors-page">
      <div className="page-toolbar">
        <RangePicker range={store.range} customFrom={store.customFrom} customTo={store.customTo} onRange={store.setRange} onCustom={store.setCustom} />
        <ErrorSearch inputRef={searchBox} range={() => resolveRange(useErrorsStore.getState(), serverNow())} />
        <span className="toolbar-end">
          <button type="button" className="button button-small" onClick={() => exportGroups('csv')} disabled={!groups.length}>Export CSV</button>
          <button type="button" className="button button-small" onClick={() => exportGroups('json')} disabled={!groups.length}>Export JSON</button>
        </span>
      </div>
      {body}
      <p className="keyboard-hint muted"><kbd>j</kbd> <kbd>k</kbd> move · <kbd>/</kbd> search · <kbd>Esc</kbd> clear search</p>
    </section>
  );
}
