import { displayHealth, type HealthTone } from '../health.ts';
import type { ConnectorListItem } from '../../../../core/contract/connectors.ts';

const GLYPHS: Record<HealthTone, string> = {
  success: 'M5 12.5l4.5 4.5L19 7.5',
  warning: 'M12 6v7.5M12 17.5v.01',
  danger: 'M12 6v7.5M12 17.5v.01',
  neutral: 'M9 7v10M15 7v10',
  info: 'M12 7v5l3 2',
};

/** Colour, icon and word: a connector's health never depends on colour alone. */
export function HealthBadge({ c }: { c: Pick<ConnectorListItem, 'health' | 'blind' | 'lastSuccessAt' | 'polled'> }) {
  const meta = displayHealth(c);
  return (
    <span className={`status-badge tone-${meta.tone}`} data-testid="connector-health" data-health={c.health} data-blind={c.blind ? 'true' : undefined} title={meta.meaning}>
      <svg className="status-glyph" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={GLYPHS[meta.tone]} />
      </svg>
      {meta.label}
    </span>
  );
}
