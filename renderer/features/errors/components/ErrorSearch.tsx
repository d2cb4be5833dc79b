import { useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatWhen } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';
import { useErrorSearchStore } from '../store.ts';

/** Search box over every error message (FTS5 in the core); shows the newest matching runs. */
export function ErrorSearch({ inputRef, range }: { inputRef: RefObject<HTMLInputElement | null>; range: () => { from: number; to: number } | null }) {
  const { query, result, busy, error, search } = useErrorSearchStore(useShallow((s) => s));
  const [text, setText] = useState(query);
  const now = useNow();
  return (
    <div className="error-search">
      <form role="search" onSubmit={(e) => { e.preventDefault(); void search(text, range()); }}>
        <input ref={inputRef} type="search" placeholder="Search error messages (press /)" value={text} aria-label="Search error messages"
          data-testid="error-search" onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button button-small">Search</button>
      </form>
      {busy ? <p className="muted small">Searching…</p> : null}
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      {result && query ? (
        <div className="search-results" data-testid="search-results">
          <p className="muted small">{result.runs.length ? `Newest ${result.runs.length} matching runs` : 'No run matches.'}</p>
          <ul>
            {result.runs.slice(0, 10).map((r) => (
              <li key={r.id} data-testid="search-run"><a href={`#/runs?q=${encodeURIComponent(query)}`}>{r.workflowName}</a>
                <span className="muted small"> · {formatWhen(r.startedAt, now)}</span><div className="error-line">{r.errorMessage}</div></li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
