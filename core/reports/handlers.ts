import { AlertSettings } from '../contract/alerts.ts';
import { auditActorOf } from '../contract/actor.ts';
import { CoreError } from '../contract/errors.ts';
import type { CallContext, Handlers } from '../contract/handlers.ts';
import type { DigestSettings, DigestSettingsOutput } from '../contract/reports.ts';
import type { SlaContext } from '../monitoring/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Ledger } from '../store/ledger.ts';
import { emailChannels, lastSlot, nextSlot } from './digest.ts';
import { knownZone } from './period.ts';
import { buildReport } from './report.ts';

type Names = 'reports/get-report' | 'reports/get-digest-settings' | 'reports/set-digest-settings' | 'reports/set-my-digest-settings'
  | 'reports/set-minutes-saved';

export interface ReportHandlerDeps {
  ledger: Ledger;
  clock: Clock;
  sla: (now: number) => SlaContext | null;
  /** These tables changed (the digest schedule looks again; the core announces it). */
  changed: (tables: string[]) => void;
}

const invalid = (field: string, message: string) => new CoreError({ kind: 'validation', code: 'invalid_input', message: `${field}: ${message}`, field });

/** The `reports/*` methods: the weekly and monthly report, and each person's email digest. */
export function reportHandlers(deps: ReportHandlerDeps): Pick<Handlers, Names> {
  const { ledger, clock } = deps;
  /** The display time zone from Settings (null: the computer's, which the core reads as UTC). */
  const displayZone = (): string => {
    const parsed = AlertSettings.safeParse(ledger.settings.get('alerts.settings') ?? {});
    return (parsed.success ? parsed.data.displayTimeZone : null) ?? 'UTC';
  };
  const loginOf = (ctx: CallContext): string | null => {
    const m = /^user:(\d+)$/.exec(ctx.actorId ?? '');
    return m ? ledger.users.byId(Number(m[1]))?.login ?? null : null;
  };
  const person = (login: string) => {
    const u = ledger.users.byLogin(login);
    if (!u) throw invalid('login', `nobody signs in as "${login}" (add them on the Users page first).`);
    return u.login;
  };
  const settingsOf = (login: string): DigestSettings => {
    const row = ledger.digests.get(login);
    const zone = ledger.oncall.getPerson(login).quietHours.timezone;
    return row ? { login, cadence: row.cadence, hour: row.hour, weekday: row.weekday, timezone: row.timezone }
      : { login, cadence: 'off', hour: 8, weekday: 1, timezone: zone };
  };
  const output = (login: string): DigestSettingsOutput => {
    const settings = settingsOf(login);
    return { settings, emailChannels: emailChannels(ledger, login), nextAt: nextSlot(settings, clock.now()) };
  };
  const save = (input: DigestSettings, ctx: CallContext, action: string): DigestSettingsOutput => {
    const login = person(input.login);
    if (!knownZone(input.timezone)) throw invalid('timezone', 'not a known time zone (use a name like Europe/Berlin).');
    const s = { ...input, login };
    const before = ledger.digests.get(login) ?? null;
    const now = clock.now();
    ledger.write(() => {
      ledger.digests.save(s, lastSlot(s, now), now);
      ledger.audit.append({ ...auditActorOf(ctx), action, target: `person:${login}`, detail: { before, after: s } }, now);
    });
    deps.changed(['digest_settings']);
    return output(login);
  };
  return {
    'reports/get-report': async (input) => {
      const zone = input.timeZone ?? displayZone();
      if (!knownZone(zone)) throw invalid('timeZone', 'not a known time zone (use a name like Europe/Berlin).');
      const now = clock.now();
      return buildReport(ledger, input, zone, now, deps.sla(now));
    },
    'reports/get-digest-settings': async ({ login }) => output(person(login)),
    'reports/set-digest-settings': async (input, ctx) => save(input, ctx, 'reports.digest-updated'),
    'reports/set-my-digest-settings': async (input, ctx) => {
      const login = loginOf(ctx);
      if (login === null) {
        throw new CoreError({ kind: 'validation', code: 'invalid_input',
          message: 'Only a person signed in with their own login has a digest of their own; an Admin sets anyone’s.' });
      }
      return save({ ...input, login }, ctx, 'reports.own-digest-updated');
    },
    'reports/set-minutes-saved': async ({ workflowId, minutesPerRun }, ctx) => {
      if (!ledger.registry.get(workflowId)) throw invalid('workflowId', 'no such workflow.');
      const before = ledger.reports.minutesSaved().get(workflowId) ?? null;
      const now = clock.now();
      ledger.write(() => {
        ledger.registry.setMinutesSaved(workflowId, minutesPerRun, ctx.actor, now);
        ledger.audit.append({ ...auditActorOf(ctx), action: 'reports.minutes-saved-updated', target: `workflow:${workflowId}`, detail: { before, after: minutesPerRun } }, now);
      });
      deps.changed(['workflow_registry']);
      return { workflowId, minutesPerRun };
    },
  };
}
