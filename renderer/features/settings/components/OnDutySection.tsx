import { useEffect } from 'react';
import { formatWhen } from '../../../lib/format.ts';
import { useOncallStore } from '../oncall-store.ts';
import { OncallPeople } from './OncallPeople.tsx';
import { RotaWeek } from './RotaWeek.tsx';
import '../oncall.css';

/** Who is on duty right now and whose turns come next, in the display time zone. */
function DutyNow() {
  const duty = useOncallStore((s) => s.duty);
  const hasRota = useOncallStore((s) => s.shifts.length > 0);
  // Without a rota nobody is ever on duty: the rota's own empty state says so.
  if (!duty || !hasRota) return null;
  return (
    <div className="oncall-now" data-testid="on-duty-now">
      <div>
        <h3>On duty now</h3>
        {duty.now.length ? (
          <ul>
            {duty.now.map((t) => (
              <li key={`${t.shiftId}-${t.startsAt}`} data-testid="on-duty-person">
                <strong>{t.displayName}</strong> <span className="muted">until {formatWhen(t.endsAt, duty.at)}</span>
                {t.quietUntil !== null ? <span className="muted"> · in quiet hours until {formatWhen(t.quietUntil, duty.at)} (critical incidents still reach them)</span> : null}
              </li>
            ))}
          </ul>
        ) : <p className="muted" data-testid="on-duty-nobody">Nobody is on duty right now: new incidents page the workflow’s owner only.</p>}
      </div>
      <div>
        <h3>Next</h3>
        {duty.next.length ? (
          <ul>
            {duty.next.slice(0, 3).map((t) => (
              <li key={`${t.shiftId}-${t.startsAt}`}><strong>{t.displayName}</strong> <span className="muted">from {formatWhen(t.startsAt, duty.at)}</span></li>
            ))}
          </ul>
        ) : <p className="muted">Nobody yet.</p>}
      </div>
    </div>
  );
}

/**
 * On duty: who is paged when an incident opens (the workflow's owner, then whoever is on duty), the week's rota, and
 * each person's own channels and quiet hours.
 */
export function OnDutySection() {
  const activate = useOncallStore((s) => s.activate);
  const loaded = useOncallStore((s) => s.loaded);
  const error = useOncallStore((s) => s.error);
  const people = useOncallStore((s) => s.people);
  useEffect(() => activate(), [activate]);
  return (
    <section data-testid="on-duty" aria-labelledby="on-duty-title">
      <h2 id="on-duty-title">On duty</h2>
      <p className="muted">When an incident opens, Flowdeck pages the workflow’s owner first, then whoever is on duty, each on their own
        channels. If nobody acknowledges it within the rule’s escalation time, it pages the next person on the rota, and after as long
        again the owner of this Flowdeck.</p>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      {!loaded ? <p className="muted" aria-busy="true">Loading the rota…</p>
        : !people.length ? (
          <p className="oncall-empty" data-testid="on-duty-no-people">Nobody to put on duty yet: the rota names the people who sign in to
            this Flowdeck. Add them under People above, then give them shifts here. Until then, incidents go only to each
            rule’s channels.</p>
        ) : <>
          <DutyNow />
          <RotaWeek />
          <OncallPeople />
        </>}
    </section>
  );
}
