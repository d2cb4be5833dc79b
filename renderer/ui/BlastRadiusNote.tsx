import './blast-note.css';
import { useBlastRadius } from '../lib/blast-store.ts';

/**
 * What a workflow's failure reaches and where its input comes from (issue 19): "3 automations depend on this: …" and
 * "Its input comes from X, which is failing since 06:12 UTC". Nothing when it has no links. Links go to the Map.
 */
export function BlastRadiusNote({ workflowId, testId }: { workflowId: number; testId: string }) {
  const radius = useBlastRadius(workflowId);
  if (!radius || (!radius.dependents && !radius.likelyCause)) return null;
  return (
    <div className="notice blast-note" data-testid={testId}>
      {radius.likelyCause ? <p data-testid={`${testId}-cause`}>{radius.likelyCause}</p> : null}
      {radius.dependents ? <p data-testid={`${testId}-dependents`}>{radius.dependents}</p> : null}
      <a href="#/map">See it on the map</a>
    </div>
  );
}
