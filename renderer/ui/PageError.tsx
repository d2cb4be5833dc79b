/** A page's error state in plain words, with a retry, shared by the monitoring pages. */
export function PageError({ what, message, onRetry }: { what: string; message: string | null; onRetry: () => void }) {
  return (
    <div className="empty-state" role="alert">
      <h2>Couldn’t load {what}</h2>
      <p>{message ?? 'The Flowdeck core did not answer.'}</p>
      <button type="button" className="button" onClick={onRetry}>Try again</button>
    </div>
  );
}
