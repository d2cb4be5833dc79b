/** A page's loading state in plain words, shared by the monitoring pages. */
export function PageLoading({ what }: { what: string }) {
  return <div className="empty-state" aria-busy="true"><p className="muted">Loading {what}…</p></div>;
}
