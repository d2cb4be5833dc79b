import type { LintFinding } from '../../../../core/contract/registry.ts';

export const RULE_LABELS: Record<LintFinding['rule'], string> = {
  naming: 'Naming convention',
  'production-undocumented': 'Production without documentation',
  'overlapping-triggers': 'Overlapping triggers',
  'missing-error-path': 'Missing error path',
  'environment-mix': 'Test / production mix',
  'hard-coded-secret': 'Hard-coded secret or URL',
  'never-run': 'Never run',
  'dead-workflow': 'Dead workflow',
};

/** Findings with what is wrong and how to fix it; `onOpen` links each to its workflow. */
export function LintList({ findings, onOpen }: { findings: LintFinding[]; onOpen?: (workflowId: number) => void }) {
  if (!findings.length) return <p className="muted" data-testid="lint-empty">No findings.</p>;
  return (
    <ul className="lint-list">
      {findings.map((f, i) => (
        <li key={`${f.workflowId}-${f.rule}-${i}`} className={`lint-item lint-${f.severity}`} data-testid="lint-finding" data-rule={f.rule}>
          <div><span className={`sev sev-${f.severity}`}>{f.severity}</span> <strong>{RULE_LABELS[f.rule]}</strong>
            {onOpen ? <> · <button type="button" className="button-link" onClick={() => onOpen(f.workflowId)}>{f.workflowName}</button></> : null}</div>
          <p>{f.message}</p>
          <p className="muted">Fix: {f.fix}</p>
        </li>
      ))}
    </ul>
  );
}
