import './state-badge.css';
import type { WorkflowState } from '../../core/contract/states.ts';
import { STATE_META, stateTone } from '../lib/state-meta.ts';

/** A workflow's live state as a coloured word (shared by the Overview and the Workflows list). */
export function StateBadge({ state }: { state: Pick<WorkflowState, 'state' | 'pausedBy'> }) {
  const label = state.state === 'paused' && state.pausedBy === 'vendor' ? 'Switched off' : STATE_META[state.state].label;
  return <span className={`state-badge tone-${stateTone(state)}`} data-testid="state-badge" data-state={state.state}>{label}</span>;
}
