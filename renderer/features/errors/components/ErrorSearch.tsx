import { useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { runHref } from '../../../app/routes.ts';
import { formatWhen } from '../../../lib/format.ts';
import { useNow } from '../../../lib/useNow.ts';
import { useErrorSearchStore } from '../store.ts';

/** Search box over every error message (FTS5 in the core); shows the newest matching runs. */
export function ErrorSearch({ inputRef, range }: { inputRef: RefObject<HTMLInputElement | null>; range: () => { from: number; to: number } | null }) {
  const { query, result, busy, error, search, clear } = useErrorSearchStore(useShallow((s) => s));
  const [text, setText] = useState(query);
  // The address or "Clear the search" may change the query: the box follows it.
  const [shown, setShown] = useState(query);
  if (query !== shown) {
    setShown(query);
    setText(query);
  }
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
          {result.runs.length ? <p className="muted small">Newest {result.runs.length} matching runs</p> : (
            <p className="small" data-testid="search-no-match">No runs match “{query}”.{' '}
              <button type="button" className="button-link" onClick={clear}>Clear the search</button></p>
          )}
          <ul>
            {result.runs.slice(0, 10).map((r) => (
              <li key={r.id} data-testid="search-run"><a href={runHref(r.id, { q: query.trim() })}>{r.workflowName}</a>
                <span className="muted small"> · {formatWhen(r.startedAt, now)}</span><div className="error-line">{r.errorMessage}</div></li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
