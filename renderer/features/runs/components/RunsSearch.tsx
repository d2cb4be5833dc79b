import type { Ref } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRunsStore } from '../store.ts';

/** Search over error messages (FTS5 in the core) plus export of the filtered list, with progress. */
export function RunsSearch({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const { search, setSearch, exporting, exportError, exportList } = useRunsStore(useShallow((s) => ({
    search: s.search, setSearch: s.setSearch, exporting: s.exporting, exportError: s.exportError, exportList: s.exportList,
  })));
  return (
    <div className="runs-search">
      <form role="search" onSubmit={(e) => { e.preventDefault(); setSearch(String(new FormData(e.currentTarget).get('q') ?? '')); }}>
        {/* Uncontrolled, re-created when a drill-down sets the search. */}
        <input key={search} ref={inputRef} name="q" type="search" defaultValue={search} placeholder="Search error messages (press /)"
          aria-label="Search error messages" data-testid="runs-search" onChange={(e) => { if (!e.target.value && search) setSearch(''); }} />
        <button type="submit" className="button button-small">Search</button>
      </form>
      {search ? <span className="muted small" data-testid="runs-search-active">Newest runs whose error matches “{search}”</span> : null}
      <span className="runs-export">
        {exporting !== null ? <span className="muted small" role="status" data-testid="export-progress">Exporting… {exporting.toLocaleString()} runs</span> : null}
        {exportError ? <span className="text-danger small" role="alert">{exportError}</span> : null}
        <button type="button" className="button button-small" disabled={exporting !== null} onClick={() => void exportList('csv')} data-testid="export-csv">Export CSV</button>
        <button type="button" className="button button-small" disabled={exporting !== null} onClick={() => void exportList('json')} data-testid="export-json">Export JSON</button>
      </span>
    </div>
  );
}
