import { WORKFLOW_STATES, type WorkflowState, type WorkflowStateKind } from '../../core/contract/states.ts';

/** What each state is called on screen, and its colour (tokens.css tone pairs, AA in light and dark). */
export const STATE_META: Record<WorkflowStateKind, { label: string; tone: 'danger' | 'missed' | 'warning' | 'info' | 'neutral' | 'success'; tile: string }> = {
  failing: { label: 'Failing', tone: 'danger', tile: 'Its runs keep failing' },
  missed: { label: 'Missed', tone: 'missed', tile: 'An expected run did not happen' },
  late: { label: 'Late', tone: 'warning', tile: 'An expected run is overdue, still within its grace' },
  paused: { label: 'Paused', tone: 'neutral', tile: 'Switched off, from Flowdeck or by its vendor' },
  unknown: { label: 'Unknown', tone: 'info', tile: 'Flowdeck cannot see it right now' },
  'never-run': { label: 'Never run', tone: 'neutral', tile: 'It has not run yet' },
  ok: { label: 'OK', tone: 'success', tile: 'Its last run went fine and nothing is overdue' },
};

/** The tiles' order: what needs the owner first. Together they count every workflow once. */
export const TILE_ORDER: readonly WorkflowStateKind[] = ['failing', 'missed', 'late', 'paused', 'unknown', 'never-run', 'ok'];

/** A paused workflow switched off by its vendor is an alarm; one paused from Flowdeck is not. */
export function stateTone(s: Pick<WorkflowState, 'state' | 'pausedBy'>): string {
  return s.state === 'paused' && s.pausedBy === 'vendor' ? 'warning' : STATE_META[s.state].tone;
}

/** The Workflows list filtered to one state: `#/workflows?state=failing`. */
export function stateListHref(state: WorkflowStateKind): string {
  return `#/workflows?state=${state}`;
}

/** The state filter an address names (`#/workflows?state=…`), or null for none or an unknown value. */
export function stateFromHash(hash: string): WorkflowStateKind | null {
  const q = hash.indexOf('?');
  if (q < 0) return null;
  const value = new URLSearchParams(hash.slice(q + 1)).get('state');
  return value !== null && (WORKFLOW_STATES as readonly string[]).includes(value) ? (value as WorkflowStateKind) : null;
}

/** The address with its state filter set or cleared, other parameters kept. */
export function withStateFilter(hash: string, state: WorkflowStateKind | null): string {
  const q = hash.indexOf('?');
  const path = q < 0 ? hash || '#/workflows' : hash.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
  if (state) params.set('state', state);
  else params.delete('state');
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
