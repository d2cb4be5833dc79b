import { auditActorOf } from '../contract/actor.ts';
import { CoreError } from '../contract/errors.ts';
import type { CallContext, Handlers } from '../contract/handlers.ts';
import type { DutyTurn, PersonSettings, ShiftDraft } from '../contract/oncall.ts';
import type { Clock } from '../platform/clock.ts';
import type { Ledger } from '../store/ledger.ts';
import { quietWindowUntil } from '../alerts/index.ts';
import { personByLogin, type PeopleSource, type Person } from './people.ts';
import { onDuty, upcoming, type Turn } from './rota.ts';

type Names = 'oncall/get-rota' | 'oncall/set-rota' | 'oncall/list-on-duty' | 'oncall/get-person-settings' | 'oncall/set-person-settings' |
  'oncall/set-my-settings';

/** How many turns "next" lists. */
const NEXT_TURNS = 5;

export interface OncallHandlerDeps {
  ledger: Pick<Ledger, 'oncall' | 'alertRules' | 'audit' | 'users'>;
  people: PeopleSource;
  clock: Clock;
  /** The rota or a person's settings changed (the core emits ledger/changed). */
  changed: () => void;
}

const invalid = (field: string, message: string) => new CoreError({ kind: 'validation', code: 'invalid_input', message: `${field}: ${message}`, field });

function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The `oncall/*` methods: the weekly rota, who is on duty, and each person's own channels and quiet hours. Changes are audited. */
export function oncallHandlers(deps: OncallHandlerDeps): Pick<Handlers, Names> {
  const { ledger, people, clock } = deps;
  /** The person a login names, spelled as they are (the rota keeps their login as the users table has it). */
  const person = (login: string, field: string): Person => {
    const p = personByLogin(login, people.list());
    if (!p) throw invalid(field, `nobody signs in as "${login}" (add them on the Users page first).`);
    return p;
  };
  const audited = (ctx: CallContext, action: string, target: string, detail: unknown) => {
    ledger.audit.append({ ...auditActorOf(ctx), action, target, detail }, clock.now());
    deps.changed();
  };
  const checkSettings = (s: PersonSettings): PersonSettings => {
    const p = person(s.login, 'login');
    if (!knownZone(s.quietHours.timezone)) throw invalid('quietHours.timezone', 'not a known time zone (use a name like Europe/Berlin).');
    s.channelIds.forEach((id, n) => {
      if (!ledger.alertRules.getChannel(id)) throw invalid(`channelIds.${n}`, 'this channel no longer exists.');
    });
    return { ...s, login: p.login, channelIds: [...new Set(s.channelIds)] };
  };
  /** The login of the person calling (signed in with their own login), or null for a token, the launch link or the desktop. */
  const loginOf = (ctx: CallContext): string | null => {
    const m = /^user:(\d+)$/.exec(ctx.actorId ?? '');
    return m ? ledger.users.byId(Number(m[1]))?.login ?? null : null;
  };
  const saveSettings = (input: PersonSettings, ctx: CallContext, action: string) => {
    const s = checkSettings(input);
    const before = ledger.oncall.getPerson(s.login);
    const settings = ledger.oncall.savePerson(s, clock.now());
    audited(ctx, action, `person:${s.login}`, { before, after: settings });
    return { settings };
  };
  const checkShift = (s: ShiftDraft, n: number): ShiftDraft => {
    if (!knownZone(s.timezone)) throw invalid(`shifts.${n}.timezone`, 'not a known time zone (use a name like Europe/Berlin).');
    return { ...s, login: person(s.login, `shifts.${n}.login`).login };
  };
  const turnOf = (t: Turn, everyone: readonly Person[], now: number): DutyTurn | null => {
    const p = personByLogin(t.shift.login, everyone);
    if (!p || p.disabled) return null;
    return { login: p.login, displayName: p.displayName, shiftId: t.shift.id, startsAt: t.startsAt, endsAt: t.endsAt,
      quietUntil: quietWindowUntil(ledger.oncall.getPerson(p.login).quietHours, now) };
  };
  return {
    'oncall/get-rota': async (_input, ctx) => {
      const settings = new Map(ledger.oncall.listPeople().map((s) => [s.login.toLowerCase(), s]));
      return {
        shifts: ledger.oncall.listShifts(),
        people: people.list().map((p) => ({ ...p, settings: { ...(settings.get(p.login.toLowerCase()) ?? ledger.oncall.getPerson(p.login)), login: p.login } })),
        me: loginOf(ctx),
      };
    },
    'oncall/set-rota': async ({ shifts }, ctx) => {
      const checked = shifts.map(checkShift);
      const before = ledger.oncall.listShifts();
      const saved = ledger.oncall.replaceShifts(checked, clock.now());
      audited(ctx, 'oncall.rota-updated', 'oncall:rota', { before: before.map(({ id: _id, ...s }) => s), after: checked });
      return { shifts: saved };
    },
    'oncall/list-on-duty': async () => {
      const now = clock.now();
      const everyone = people.list();
      const shifts = ledger.oncall.listShifts();
      const current = onDuty(shifts, now).map((t) => turnOf(t, everyone, now)).filter((t): t is DutyTurn => t !== null);
      const next = upcoming(shifts, now).map((t) => turnOf(t, everyone, now)).filter((t): t is DutyTurn => t !== null).slice(0, NEXT_TURNS);
      return { at: now, now: current, next };
    },
    'oncall/get-person-settings': async ({ login }) => ({ settings: ledger.oncall.getPerson(person(login, 'login').login) }),
    'oncall/set-person-settings': async (input, ctx) => saveSettings(input, ctx, 'oncall.person-updated'),
    'oncall/set-my-settings': async (input, ctx) => {
      const login = loginOf(ctx);
      if (login === null) {
        throw new CoreError({ kind: 'validation', code: 'invalid_input',
          message: 'Only a person signed in with their own login has settings of their own; an Admin sets anyone’s in Settings, On duty.' });
      }
      return saveSettings({ ...input, login }, ctx, 'oncall.own-settings-updated');
    },
  };
}
