import type { ReactNode } from 'react';

/**
 * Read-only JSON as a tree: objects and lists fold with <details>/<summary> (keyboard: Tab to a row, Enter or Space
 * to fold), values in monospace, coloured by type. Rows below `openDepth` start folded.
 */
function scalar(value: unknown): ReactNode {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-bool">{String(value)}</span>;
  return <span className="json-null">{String(value)}</span>;
}

function Node({ name, value, depth, openDepth }: { name: string | null; value: unknown; depth: number; openDepth: number }) {
  const label = name === null ? null : <span className="json-key">{name}</span>;
  if (value === null || typeof value !== 'object') {
    return <div className="json-row">{label}{label ? <span className="json-colon">: </span> : null}{scalar(value)}</div>;
  }
  const list = Array.isArray(value);
  const entries: [string, unknown][] = list ? (value as unknown[]).map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
  const summary = list ? `[${entries.length} item${entries.length === 1 ? '' : 's'}]` : `{${entries.length} key${entries.length === 1 ? '' : 's'}}`;
  if (entries.length === 0) {
    return <div className="json-row">{label}{label ? <span className="json-colon">: </span> : null}<span className="json-null">{list ? '[]' : '{}'}</span></div>;
  }
  return (
    <details className="json-node" open={depth < openDepth}>
      <summary className="json-row">{label}{label ? <span className="json-colon">: </span> : null}<span className="json-meta">{summary}</span></summary>
      <div className="json-children">
        {entries.map(([k, v]) => <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />)}
      </div>
    </details>
  );
}

export function JsonTree({ value, label, openDepth = 2, testId }: { value: unknown; label: string; openDepth?: number; testId?: string }) {
  return (
    <div className="json-tree" role="group" aria-label={label} data-testid={testId}>
      <Node name={null} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}
