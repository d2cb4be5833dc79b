import type { ListStatesOutput } from '../../../../core/contract/states.ts';
import { formatCount } from '../../../lib/format.ts';
import { STATE_META, stateListHref, TILE_ORDER } from '../../../lib/state-meta.ts';

/** How many workflows are in each state now; each tile opens the Workflows list filtered to that state. */
export function StateTiles({ counts }: { counts: ListStatesOutput['counts'] }) {
  return (
    <nav className="state-tiles" data-testid="state-tiles" aria-label="Workflows by state, now">
      {TILE_ORDER.map((s) => {
        const n = counts[s] ?? 0;
        const meta = STATE_META[s];
        return (
          <a key={s} className={`health-link health-cell${n ? ` tone-${meta.tone}` : ' tone-neutral'}`} href={stateListHref(s)}
            data-testid={`tile-${s}`} data-count={n} title={meta.tile}>
            <div className="health-value">{formatCount(n)}</div>
            <div className="health-label">{meta.label}</div>
          </a>
        );
      })}
    </nav>
  );
}
