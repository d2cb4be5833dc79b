import { useState } from 'react';
import type { WorkflowVersion } from '../../../../core/contract/registry.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useRegistryStore } from '../registry-store.ts';
import { useCan } from '../../../lib/access.ts';

function Note({ versionId }: { versionId: number }) {
  const add = useRegistryStore((s) => s.addNote);
  const canNote = useCan('registry/add-note');
  const [text, setText] = useState('');
  return (
    <form className="note-form" onSubmit={(e) => { e.preventDefault(); if (text.trim()) void add(versionId, text).then(() => setText('')); }}>
      <input value={text} onChange={(e) => setText(e.target.value)} placeholder="Why we changed it…" aria-label="Note" />
      <button type="submit" className="button button-small" {...canNote.lock}>Add note</button>
    </form>
  );
}

/** Newest first: what changed, who, notes; compare with the previous version or restore it. */
export function VersionTimeline({ versions, restorable }: { versions: WorkflowVersion[]; restorable: boolean }) {
  const canRestore = useCan('registry/restore-version');
  const openDiff = useRegistryStore((s) => s.openDiff);
  const previewRestore = useRegistryStore((s) => s.previewRestore);
  const latest = versions[versions.length - 1];
  return (
    <ol className="version-timeline" data-testid="version-timeline">
      {[...versions].reverse().map((v) => {
        const prev = versions[v.number - 2];
        return (
          <li key={v.id} data-testid="version-row">
            <div className="version-head">
              <strong>Version {v.number}</strong>
              <span className="muted"> · {formatDateTime(v.createdAt)} · {v.author ?? 'unknown author'} · {v.source}{v.vendorVersionId ? ` · ${v.vendorVersionId}` : ''}</span>
            </div>
            <ul className="version-summary">{v.summary.map((s) => <li key={s}>{s}</li>)}</ul>
            {v.notes.map((n) => <p key={n.id} className="version-note">“{n.text}” — {n.author}</p>)}
            <div className="version-actions">
              {prev ? <button type="button" className="button button-small" data-testid="version-diff" onClick={() => void openDiff(prev.id, v.id)}>Compare with v{prev.number}</button> : null}
              {restorable && latest && v.id !== latest.id ? <button type="button" className="button button-small" data-testid="version-restore" onClick={() => void previewRestore(v.id)} {...canRestore.lock}>Restore…</button> : null}
            </div>
            <Note versionId={v.id} />
          </li>
        );
      })}
    </ol>
  );
}
