import type { DiffOutput, ValueChange } from '../../../../core/contract/registry.ts';

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function Changes({ items }: { items: ValueChange[] }) {
  return (
    <ul className="diff-changes">
      {items.map((c) => (
        <li key={c.path} data-testid="diff-change"><code>{c.path}</code> {c.kind}: <del>{show(c.before)}</del> → <ins>{show(c.after)}</ins></li>
      ))}
    </ul>
  );
}

/** The structured diff (steps, connections, settings) and the two canonical definitions side by side. */
export function DiffView({ diff, title }: { diff: DiffOutput; title: string }) {
  const s = diff.structured;
  return (
    <section className="card diff-view" data-testid="diff-view">
      <h3>{title}</h3>
      {s.identical ? <p className="muted">No difference.</p> : null}
      {s.renamed ? <p>Renamed: <del>{s.renamed.before ?? '—'}</del> → <ins>{s.renamed.after}</ins></p> : null}
      {s.stepsAdded.map((x) => <p key={`a-${x}`} className="diff-added" data-testid="diff-step-added">Step added: <strong>{x}</strong></p>)}
      {s.stepsRemoved.map((x) => <p key={`r-${x}`} className="diff-removed" data-testid="diff-step-removed">Step removed: <strong>{x}</strong></p>)}
      {s.stepsChanged.map((c) => (
        <div key={c.step} data-testid="diff-step-changed">
          <p>Step changed: <strong>{c.step}</strong></p>
          <Changes items={[...c.parameters, ...c.fields]} />
        </div>
      ))}
      {s.connectionsAdded.map((x) => <p key={`ca-${x}`} className="diff-added">Connection added: {x}</p>)}
      {s.connectionsRemoved.map((x) => <p key={`cr-${x}`} className="diff-removed">Connection removed: {x}</p>)}
      {s.settingsChanged.length ? <div data-testid="diff-settings"><p>Settings changed</p><Changes items={s.settingsChanged} /></div> : null}
      <div className="diff-sides">
        <pre data-testid="diff-before" tabIndex={0} role="region" aria-label="Before">{diff.beforeText}</pre>
        <pre data-testid="diff-after" tabIndex={0} role="region" aria-label="After">{diff.afterText}</pre>
      </div>
    </section>
  );
}
