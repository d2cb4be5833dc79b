/**
 * Billing cycles: a cycle begins at midnight UTC on the plan's billing day (a month shorter than that day begins it on
 * its last day) and ends where the next begins. Pure: the caller passes the instant.
 */
export interface Cycle {
  start: number;
  end: number;
}

function anchor(year: number, month: number, day: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(day, last));
}

/** The cycle holding `now`. */
export function cycleAt(billingDay: number, now: number): Cycle {
  const d = new Date(now);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  if (anchor(y, m, billingDay) > now) {
    m -= 1;
    if (m < 0) { m = 11; y -= 1; }
  }
  return { start: anchor(y, m, billingDay), end: anchor(m === 11 ? y + 1 : y, (m + 1) % 12, billingDay) };
}
