import '@xyflow/react/dist/style.css';
import '../map.css';
import {
  Background, Controls, Handle, MarkerType, Position, ReactFlow, ReactFlowProvider, useReactFlow,
  type Edge, type Node, type NodeProps, type NodeTypes,
} from '@xyflow/react';
import { memo, useEffect, useMemo, useState, type FormEvent } from 'react';
import { EDGE_KIND_LABELS, type MapEdge } from '../../../../core/contract/map.ts';
import type { WorkflowState } from '../../../../core/contract/states.ts';
import { useCan } from '../../../lib/access.ts';
import { download } from '../../../lib/export.ts';
import { STATE_META, stateTone } from '../../../lib/state-meta.ts';
import { useStatesStore } from '../../../lib/states-store.ts';
import { useLive } from '../../../lib/useLive.ts';
import { vendorName } from '../../../lib/vendor-name.ts';
import { LockedNote } from '../../../ui/LockedNote.tsx';
import { PageError } from '../../../ui/PageError.tsx';
import { PageLoading } from '../../../ui/PageLoading.tsx';
import { layoutMap } from '../layout.ts';
import { useMapStore } from '../store.ts';

type GroupBy = 'vendor' | 'tag';
interface WfData extends Record<string, unknown> { name: string; vendor: string; tone: string; stateLabel: string; dim: boolean; hit: boolean }
interface GroupData extends Record<string, unknown> { label: string }

const WorkflowNode = memo(function WorkflowNode({ data, selected }: NodeProps<Node<WfData>>) {
  return (
    <div className={`map-node tone-${data.tone}${selected ? ' selected' : ''}${data.dim ? ' dim' : ''}${data.hit ? ' hit' : ''}`} title={`${data.name} — ${data.stateLabel}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} className="map-handle" />
      <span className="map-node-dot" aria-hidden="true" />
      <span className="map-node-name">{data.name}</span>
      <span className="map-node-state">{data.stateLabel}</span>
      <Handle type="source" position={Position.Right} isConnectable={false} className="map-handle" />
    </div>
  );
});

function GroupNode({ data }: NodeProps<Node<GroupData>>) {
  return <div className="map-group"><span className="map-group-label">{data.label}</span></div>;
}

const NODE_TYPES: NodeTypes = { workflow: WorkflowNode, group: GroupNode };

const groupKey = (by: GroupBy, vendor: string, tags: readonly string[]) => (by === 'vendor' ? vendorName(vendor, vendor) : tags[0] ?? 'No tag');

export function MapPage() {
  return (
    <ReactFlowProvider>
      <MapView />
    </ReactFlowProvider>
  );
}

function MapView() {
  const { workflows, edges, phase, error, activate, reload, mapText } = useMapStore();
  const states = useStatesStore((s) => s.data);
  const activateStates = useStatesStore((s) => s.activate);
  useLive(activate);
  useLive(activateStates);
  const [groupBy, setGroupBy] = useState<GroupBy>('vendor');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const flow = useReactFlow();

  const stateOf = useMemo(() => new Map((states?.workflows ?? []).map((s) => [s.workflowId, s])), [states]);
  const allEdges = useMemo(() => edges?.edges ?? [], [edges]);

  const layout = useMemo(() => layoutMap(
    workflows.map((w) => ({ id: String(w.workflowId), group: groupKey(groupBy, w.vendor, w.tags) })),
    allEdges.map((e) => ({ from: String(e.from), to: String(e.to), directed: e.directed })),
  ), [workflows, allEdges, groupBy]);

  const q = search.trim().toLowerCase();
  const hits = useMemo(() => new Set(q ? workflows.filter((w) => w.name.toLowerCase().includes(q)).map((w) => w.workflowId) : []), [workflows, q]);
  const neighbours = useMemo(() => {
    if (selected === null) return null;
    return new Set([selected, ...allEdges.flatMap((e) => (e.from === selected ? [e.to] : e.to === selected ? [e.from] : []))]);
  }, [allEdges, selected]);

  const nodes = useMemo<Node[]>(() => [
    ...layout.groups.map((g): Node<GroupData> => ({
      id: `group:${g.group}`, type: 'group', position: { x: g.x, y: g.y }, data: { label: g.group },
      style: { width: g.width, height: g.height }, selectable: false, draggable: false, zIndex: -1,
    })),
    ...workflows.map((w): Node<WfData> => {
      const s = stateOf.get(w.workflowId);
      const p = layout.nodes.get(String(w.workflowId)) ?? { x: 0, y: 0 };
      return {
        id: String(w.workflowId), type: 'workflow', position: p, draggable: false,
        data: {
          name: w.name, vendor: w.vendor, tone: s ? stateTone(s) : 'neutral', stateLabel: s ? STATE_META[s.state].label : 'Not seen',
          dim: (neighbours !== null && !neighbours.has(w.workflowId)) || (q !== '' && !hits.has(w.workflowId)), hit: hits.has(w.workflowId),
        },
      };
    }),
  ], [layout, workflows, stateOf, neighbours, hits, q]);

  const flowEdges = useMemo<Edge[]>(() => allEdges.map((e) => ({
    id: e.key, source: String(e.from), target: String(e.to), label: EDGE_KIND_LABELS[e.kind],
    className: `map-edge kind-${e.kind}${neighbours && !(neighbours.has(e.from) && neighbours.has(e.to) && (e.from === selected || e.to === selected)) ? ' dim' : ''}`,
    markerEnd: e.directed ? { type: MarkerType.ArrowClosed, width: 16, height: 16 } : undefined,
    focusable: false,
  })), [allEdges, neighbours, selected]);

  // Fit to the search's matches (or everything) when the search or the grouping changes.
  useEffect(() => {
    const ids = [...hits].map((id) => ({ id: String(id) }));
    const t = setTimeout(() => void flow.fitView(ids.length ? { nodes: ids, padding: 0.3, maxZoom: 1.2, duration: 250 } : { padding: 0.1, duration: 250 }), 0);
    return () => clearTimeout(t);
  }, [hits, groupBy, flow, layout]);

  if (phase === 'loading' && !edges) return <PageLoading what="the map" />;
  if (phase === 'error') return <PageError what="the map" message={error} onRetry={() => void reload()} />;

  const save = async (format: 'mermaid' | 'dot') => {
    const text = await mapText(format);
    if (text !== null) download(format === 'mermaid' ? 'flowdeck-map.mmd' : 'flowdeck-map.dot', new Blob([text], { type: 'text/plain' }));
  };

  const onSearch = (ev: FormEvent) => {
    ev.preventDefault();
    const first = [...hits][0];
    if (first !== undefined) setSelected(first);
  };

  return (
    <section className="page-pad map-page" data-testid="map-page">
      <header className="map-toolbar">
        <p className="map-summary">{workflows.length} automations, {allEdges.length} links</p>
        <form className="map-search" onSubmit={onSearch} role="search">
          <input type="search" placeholder="Find an automation" aria-label="Find an automation" value={search}
            onChange={(e) => setSearch(e.target.value)} data-testid="map-search" />
        </form>
        <span className="map-downloads">
          <button type="button" className="button button-small" onClick={() => void save('mermaid')} data-testid="map-download-mermaid">Download Mermaid</button>
          <button type="button" className="button button-small" onClick={() => void save('dot')}>Download DOT</button>
        </span>
        <label className="map-group-by">Group by{' '}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)} data-testid="map-group-by">
            <option value="vendor">Vendor</option>
            <option value="tag">Tag</option>
          </select>
        </label>
      </header>
      <div className="map-body">
        <div className="map-canvas" data-testid="map-canvas">
          <ReactFlow nodes={nodes} edges={flowEdges} nodeTypes={NODE_TYPES} colorMode="system" fitView minZoom={0.05} maxZoom={2}
            nodesConnectable={false} nodesDraggable={false} elementsSelectable onlyRenderVisibleElements
            onNodeClick={(_, n) => (n.type === 'workflow' ? setSelected(Number(n.id)) : undefined)} onPaneClick={() => setSelected(null)}
            proOptions={{ hideAttribution: false }}>
            <Background gap={24} />
            <Controls showInteractive={false} />
          </ReactFlow>
          {workflows.length === 0 ? <p className="map-empty">No automations yet: add a connector and the map fills in after its first sync.</p> : null}
        </div>
        {selected !== null ? <NodePanel workflowId={selected} state={stateOf.get(selected) ?? null} edges={allEdges} onSelect={setSelected} /> : <Legend />}
      </div>
    </section>
  );
}

function Legend() {
  const { edges, unhideEdge } = useMapStore();
  const canUnhide = useCan('registry/unhide-edge');
  return (
    <aside className="map-panel" data-testid="map-legend">
      <h2>Links</h2>
      <ul className="map-legend">
        {Object.entries(EDGE_KIND_LABELS).map(([k, label]) => <li key={k}><span className={`map-legend-line kind-${k}`} aria-hidden="true" />{label}</li>)}
      </ul>
      <p className="muted">Click an automation to see what it feeds, what feeds it, and its last error.</p>
      {edges?.hidden.length ? (
        <>
          <h3>Hidden links</h3>
          <ul className="map-list">
            {edges.hidden.map((h) => (
              <li key={h.id}>{h.key} <button type="button" className="button button-small" onClick={() => void unhideEdge(h.id)} {...canUnhide.lock}>Show again</button></li>
            ))}
          </ul>
          <LockedNote cans={[canUnhide]} testId="map-unhide-locked" />
        </>
      ) : null}
    </aside>
  );
}

function NodePanel({ workflowId, state, edges, onSelect }: { workflowId: number; state: WorkflowState | null; edges: readonly MapEdge[]; onSelect: (id: number) => void }) {
  const { workflows, blast, loadBlast, addEdge, removeEdge, notice } = useMapStore();
  const canAdd = useCan('registry/add-edge');
  const canRemove = useCan('registry/remove-edge');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => void loadBlast(workflowId), [workflowId, loadBlast]);
  const name = (id: number) => workflows.find((w) => w.workflowId === id)?.name ?? `Workflow ${id}`;
  const row = workflows.find((w) => w.workflowId === workflowId);
  const mine = edges.filter((e) => e.from === workflowId || e.to === workflowId);
  const radius = blast?.workflowId === workflowId ? blast.radius : null;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (target) void addEdge(workflowId, Number(target), note.trim() || null).then(() => { setTarget(''); setNote(''); });
  };
  return (
    <aside className="map-panel" data-testid="map-panel" aria-label={`About ${row?.name ?? ''}`}>
      <h2>{row?.name ?? name(workflowId)}</h2>
      <p className="muted">{row ? vendorName(row.vendor, row.vendor) : ''}{row?.tags.length ? ` · ${row.tags.join(', ')}` : ''}</p>
      {state ? (
        <p><span className={`status-badge tone-${stateTone(state)}`}>{STATE_META[state.state].label}</span> {state.reason}</p>
      ) : <p className="muted">Flowdeck has no live state for it yet.</p>}
      {state?.lastError ? <p className="map-error" data-testid="map-last-error"><strong>Last error:</strong> {state.lastError}</p> : null}
      {radius?.dependents ? <p className="map-blast" data-testid="map-dependents">{radius.dependents}</p> : null}
      {radius?.likelyCause ? <p className="map-blast" data-testid="map-cause">{radius.likelyCause}</p> : null}
      <p><a href={`#/workflows/${workflowId}`}>Open the workflow</a></p>
      <h3>Links ({mine.length})</h3>
      {mine.length === 0 ? <p className="muted">Flowdeck found no link in its definition.</p> : (
        <ul className="map-list" data-testid="map-neighbours">
          {mine.map((e) => {
            const other = e.from === workflowId ? e.to : e.from;
            const dir = !e.directed ? '↔' : e.from === workflowId ? '→' : '←';
            return (
              <li key={e.key}>
                <span className="map-dir" aria-hidden="true">{dir}</span>{' '}
                <button type="button" className="link-button" onClick={() => onSelect(other)}>{name(other)}</button>
                <span className="map-kind"> · {EDGE_KIND_LABELS[e.kind]}</span>
                {e.evidence ? <div className="map-evidence">{e.evidence.step} › {e.evidence.field}: <code>{e.evidence.value}</code></div> : null}
                {e.manual ? <div className="map-evidence">Added by {e.manual.addedBy}{e.manual.note ? `: ${e.manual.note}` : ''}</div> : null}
                <button type="button" className="button button-small" {...canRemove.lock}
                  onClick={() => void removeEdge(e.manual ? { id: e.manual.id } : { key: e.key })}>{e.manual ? 'Remove' : 'Hide'}</button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="map-add" onSubmit={submit}>
        <h3>Add a link Flowdeck cannot see</h3>
        <label>Feeds{' '}
          <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="map-add-target">
            <option value="">Choose an automation…</option>
            {workflows.filter((w) => w.workflowId !== workflowId).map((w) => <option key={w.workflowId} value={w.workflowId}>{w.name}</option>)}
          </select>
        </label>
        <input type="text" placeholder="Why (optional)" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} aria-label="Why" />
        <button type="submit" className="button button-small" disabled={!target} {...canAdd.lock}>Add link</button>
        <LockedNote cans={[canAdd, canRemove]} testId="map-edit-locked" />
      </form>
      {notice ? <p className="muted" role="status">{notice}</p> : null}
    </aside>
  );
}
