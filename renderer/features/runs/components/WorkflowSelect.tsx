import type { ConnectorSummary, WorkflowSummary } from '../../../../core/contract/catalog.ts';

interface Props {
  value: number | null;
  connectorId: string | null;
  connectors: readonly ConnectorSummary[];
  workflows: readonly WorkflowSummary[];
  onChange: (workflowId: number | null) => void;
}

const byName = (a: WorkflowSummary, b: WorkflowSummary) => a.name.localeCompare(b.name);

/** Workflows of the chosen connector, or all of them grouped by connector. */
export function WorkflowSelect({ value, connectorId, connectors, workflows, onChange }: Props) {
  const visible = workflows.filter((w) => connectorId === null || w.connectorId === connectorId);
  const groups = connectorId === null
    ? connectors.map((c) => ({ id: c.id, label: c.name, items: visible.filter((w) => w.connectorId === c.id).sort(byName) }))
        .filter((g) => g.items.length > 0)
    : [];
  const grouped = new Set(groups.flatMap((g) => g.items.map((w) => w.id)));
  const loose = visible.filter((w) => !grouped.has(w.id)).sort(byName);
  const option = (w: WorkflowSummary) => (
    <option key={w.id} value={w.id}>{w.archived ? `${w.name} (archived)` : w.name}</option>
  );
  return (
    <label className="field">
      <span className="field-label">Workflow</span>
      <select
        value={value ?? ''}
        data-testid="filter-workflow"
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      >
        <option value="">All workflows</option>
        {groups.map((g) => <optgroup key={g.id} label={g.label}>{g.items.map(option)}</optgroup>)}
        {loose.map(option)}
      </select>
    </label>
  );
}
