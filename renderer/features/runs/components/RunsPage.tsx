import { useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useConnectionStore } from '../../../lib/connection-store.ts';
import { isFilterActive } from '../filters.ts';
import { useRunsKeyboard, useRunsLive, useRunsUrl } from '../hooks.ts';
import { useRunsStore } from '../store.ts';
import { BulkActionsArea, BulkButtons } from './BulkActions.tsx';
import { RunDetailPanel } from './RunDetailPanel.tsx';
import { RunsEmpty } from './RunsEmpty.tsx';
import { RunsFilters } from './RunsFilters.tsx';
import { RunsList } from './RunsList.tsx';
import { RunsSearch } from './RunsSearch.tsx';

function RunsBody() {
  const { phase, error, empty, filtered } = useRunsStore(useShallow((s) => ({
    phase: s.phase,
    error: s.error,
    empty: s.items.length === 0,
    filtered: isFilterActive(s.filter) || s.search.trim() !== '',
  })));
  const reload = useRunsStore((s) => s.reload);
  const connected = useConnectionStore((s) => s.state.status === 'connected');

  if (phase === 'error') {
    return (
      <div className="empty-state" role="alert" data-testid="runs-error">
        <h2>Couldn’t load runs</h2>
        <p>{error}</p>
        <button type="button" className="button" onClick={() => void reload()}>Try again</button>
      </div>
    );
  }
  if (empty && phase === 'loading') {
    return (
      <div className="empty-state" aria-busy="true" data-testid="runs-loading">
        <p className="muted">{connected ? 'Loading runs…' : 'Connecting to Flowdeck…'}</p>
      </div>
    );
  }
  if (empty) return <RunsEmpty filtered={filtered} />;
  return <RunsList />;
}

/** The execution log: filters on top, the virtualised list, and the run detail beside it. */
export function RunsPage() {
  useRunsUrl();
  useRunsLive();
  const firstFilter = useRef<HTMLButtonElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  useRunsKeyboard(searchBox);
  const panelOpen = useRunsStore((s) => s.detail.status !== 'closed');
  return (
    <section className={panelOpen ? 'runs-page with-panel' : 'runs-page'} data-testid="runs-page">
      <RunsSearch inputRef={searchBox} />
      <RunsFilters firstFilterRef={firstFilter} />
      <BulkButtons />
      <BulkActionsArea />
      <div className="runs-body">
        <div className="runs-main"><RunsBody /></div>
        <RunDetailPanel />
      </div>
      <p className="keyboard-hint muted">
        <kbd>j</kbd> <kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close · <kbd>/</kbd> search
      </p>
    </section>
  );
}
