import { useState } from 'react';
import type { AlertSettings } from '../../../../core/contract/alerts.ts';
import { computerTimeZone, formatDateTime, formatUtcOffset } from '../../../lib/format.ts';
import { useDisplayZone } from '../../../lib/display-zone.ts';
import { useNow } from '../../../lib/useNow.ts';
import { useSettingsStore } from '../../../lib/settings-store.ts';
import { useCan } from '../../../lib/access.ts';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

/** The one zone every time, date and schedule in the console is shown in: the computer's unless one is chosen here. */
export function TimeZoneSection({ settings }: { settings: AlertSettings }) {
  const save = useSettingsStore((s) => s.saveSettings);
  const canSave = useCan('alerts/save-settings');
  const zone = useDisplayZone((s) => s.zone);
  const now = useNow();
  const [choice, setChoice] = useState(settings.displayTimeZone ?? '');
  const [error, setError] = useState<string | null>(null);
  const here = computerTimeZone();
  const commit = async () => {
    const r = await save({ ...settings, displayTimeZone: choice === '' ? null : choice });
    setError(r.ok ? null : r.message.replace(/^[\w.]+: /, ''));
  };
  return (
    <section data-testid="display-zone">
      <h2>Time zone</h2>
      <form className="settings-form" onSubmit={(e) => { e.preventDefault(); void commit(); }}>
        <label className="field"><span className="field-label">Show times in</span>
          <TimeZoneSelect value={choice} onChange={setChoice} testId="display-zone-select" computer={`This computer’s time zone (${here.replaceAll('_', ' ')}, ${formatUtcOffset(now, here)})`} /></label>
        <p className="muted" data-testid="display-zone-now">Times are shown in {zone.replaceAll('_', ' ')} ({formatUtcOffset(now, zone)}). Now: {formatDateTime(now)}.</p>
        <div className="incident-actions"><button type="submit" className="button button-primary" data-testid="display-zone-save" {...canSave.lock}>Save time zone</button></div>
      </form>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
    </section>
  );
}
