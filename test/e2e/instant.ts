// The instant the e2e demo's clock starts at. The demo estate (30 days of history, incidents, versions) is generated
// relative to it, so the specs assert what holds at ANY instant, taking counts and names that depend on the calendar
// (a weekend, a weekday-only workflow) from the core; only at the default instant do they also check the demo's
// exact story. Replay a run with `FLOWDECK_E2E_NOW=<ISO> npx playwright test`.

/** A Wednesday, mid-morning UTC: the week before has its weekday KPI sheet and a busy form, so every demo story shows. */
export const E2E_DEFAULT_NOW = '2026-03-11T11:00:00Z';

/** The instant this run pinned the demo to (FLOWDECK_E2E_NOW, else the default). */
export function e2eNow(): string {
  return process.env['FLOWDECK_E2E_NOW']?.trim() || E2E_DEFAULT_NOW;
}

/** Whether this run is at the default instant, where the demo's content is known exactly. */
export function atDefaultInstant(): boolean {
  return Date.parse(e2eNow()) === Date.parse(E2E_DEFAULT_NOW);
}
