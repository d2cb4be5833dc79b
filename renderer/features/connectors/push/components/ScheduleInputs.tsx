import type { HeartbeatSchedule } from '../../../../../core/contract/push.ts';
import { displayTimeZone } from '../../../../lib/format.ts';

export interface ScheduleFields {
  kind: 'none' | 'interval' | 'cron';
  everyMinutes: number;
  cron: string;
  timezone: string;
  graceMinutes: number;
}

/** A new schedule's fields: a cron reads in the display time zone (Settings), like every time the console shows. */
export function noSchedule(): ScheduleFields {
  return { kind: 'none', everyMinutes: 60, cron: '0 2 * * *', timezone: displayTimeZone(), graceMinutes: 15 };
}

/** The form's fields as the contract's schedule (undefined: pings may come any time; silence is not judged). */
export function toSchedule(f: ScheduleFields): HeartbeatSchedule | undefined {
  if (f.kind === 'interval') return { kind: 'interval', everyMinutes: f.everyMinutes, graceMinutes: f.graceMinutes };
  if (f.kind === 'cron') return { kind: 'cron', cron: f.cron.trim(), timezone: f.timezone.trim() || 'UTC', graceMinutes: f.graceMinutes };
  return undefined;
}

/** "every 60 min, 15 min grace" / "cron 0 2 * * * (Europe/Berlin), 15 min grace" / "any time". */
export function scheduleWords(s: HeartbeatSchedule | null): string {
  if (!s) return 'Pings any time (silence is not watched)';
  const grace = s.graceMinutes !== undefined ? `, ${s.graceMinutes} min grace` : '';
  return s.kind === 'interval' ? `Expects a ping every ${s.everyMinutes} min${grace}` : `Expects a ping on cron ${s.cron} (${s.timezone})${grace}`;
}

/** When pings are expected (the Healthchecks model): a period or a cron with its time zone, and a grace. */
export function ScheduleInputs({ value, onChange }: { value: ScheduleFields; onChange: (v: ScheduleFields) => void }) {
  const up = (patch: Partial<ScheduleFields>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="push-schedule" data-testid="push-schedule">
      <legend className="field-label">Expected pings</legend>
      <label className="field">
        <span className="field-label">When</span>
        <select value={value.kind} onChange={(e) => up({ kind: e.target.value as ScheduleFields['kind'] })} data-testid="push-schedule-kind">
          <option value="none">Any time (do not watch for silence)</option>
          <option value="interval">Every … minutes</option>
          <option value="cron">On a cron schedule</option>
        </select>
      </label>
      {value.kind === 'interval' ? (
        <label className="field"><span className="field-label">Every (minutes)</span>
          <input type="number" min={1} value={value.everyMinutes} onChange={(e) => up({ everyMinutes: Number(e.target.value) })} data-testid="push-schedule-every" /></label>
      ) : null}
      {value.kind === 'cron' ? (
        <>
          <label className="field"><span className="field-label">Cron</span>
            <input value={value.cron} onChange={(e) => up({ cron: e.target.value })} data-testid="push-schedule-cron" /></label>
          <label className="field"><span className="field-label">Time zone</span>
            <input value={value.timezone} onChange={(e) => up({ timezone: e.target.value })} /></label>
        </>
      ) : null}
      {value.kind !== 'none' ? (
        <label className="field"><span className="field-label">Grace (minutes)</span>
          <input type="number" min={0} value={value.graceMinutes} onChange={(e) => up({ graceMinutes: Number(e.target.value) })} data-testid="push-schedule-grace" /></label>
      ) : null}
    </fieldset>
  );
}
