/**
 * FLOWDECK_DEMO_NOW: the instant a demo estate starts at (then its clock runs at real speed), so a demo (and the
 * end-to-end tests that read it) can be replayed at any date and time of day. Only `--demo` reads it.
 */
export const DEMO_NOW_ENV = 'FLOWDECK_DEMO_NOW';

/** FLOWDECK_DEMO_NOW is set but is not an instant; the message says what it should look like. */
export class DemoNowError extends Error {
  override name = 'DemoNowError';
}

/** A date, a time and a zone (Z or ±hh:mm): an instant, never a local time that depends on the machine. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** The pinned start in epoch ms, or null when the variable is unset or empty. */
export function demoNowFrom(env: Readonly<Record<string, string | undefined>>): number | null {
  const raw = env[DEMO_NOW_ENV]?.trim();
  if (!raw) return null;
  const ms = INSTANT.test(raw) ? Date.parse(raw) : Number.NaN;
  // Date.parse rolls 2026-02-30 over to March; an instant must name a real date and time.
  if (!Number.isFinite(ms) || new Date(ms - zoneOffsetMs(raw)).toISOString().slice(0, 16) !== raw.slice(0, 16)) {
    throw new DemoNowError(`${DEMO_NOW_ENV} must be a date and time with a zone, such as 2026-03-11T10:30:00Z, not '${raw}'.`);
  }
  return ms;
}

function zoneOffsetMs(raw: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(raw);
  if (!m) return 0;
  return (m[1] === '-' ? 1 : -1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}
