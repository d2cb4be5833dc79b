import { useRunsStore } from '../store.ts';

/** The two honest empty states: nothing recorded at all, or nothing matching the search and filters. */
export function RunsEmpty({ filtered }: { filtered: boolean }) {
  const clearFilters = useRunsStore((s) => s.clearFilters);
  const search = useRunsStore((s) => s.search.trim());
  if (!filtered) {
    return (
      <div className="empty-state" data-testid="runs-empty" data-reason="ledger-empty">
        <h2>No runs yet — add a connector or open the demo</h2>
        <p>Runs show up here as soon as a connector brings them in.</p>
        <p className="muted">To look around first, start Flowdeck with <code>--demo</code> to explore a sample business.</p>
      </div>
    );
  }
  return (
    <div className="empty-state" data-testid="runs-empty" data-reason="no-match">
      <h2>No runs match</h2>
      <p>{search ? `No run’s error matches “${search}” with these filters.` : 'No run matches these filters.'} Try other words, a longer time range or fewer statuses.</p>
      <button type="button" className="button" onClick={clearFilters} data-testid="runs-empty-clear">
        {search ? 'Clear the search and filters' : 'Clear filters'}
      </button>
    </div>
  );
}
