import { z } from 'zod';
import { Role } from './roles.ts';

/** Why a person was paged about an incident (the `oncall/paged` event carries it too). */
export const PageReason = z.enum(['workflow-owner', 'on-duty', 'escalation', 'owner']);
export type PageReason = z.infer<typeof PageReason>;

const zone = z.string().trim().min(1, 'choose a time zone').max(100);
const login = z.string().trim().min(1, 'choose a person').max(64);
/** Minutes after local midnight. */
const minuteOfDay = z.number().int('must be whole minutes').min(0).max(1439);

/**
 * One shift a week, in its own time zone: on `weekday` (1 Monday … 7 Sunday) from `startMinute` to `endMinute` after
 * local midnight. An end at or before the start ends the next day (22:00 to 06:00 is a night shift); 0 to 1440 is the
 * whole day. `position` orders shifts that overlap (the first is paged first and escalated from).
 */
export const ShiftDraft = z.object({
  login,
  weekday: z.number().int().min(1, 'a day is 1 (Monday) to 7 (Sunday)').max(7, 'a day is 1 (Monday) to 7 (Sunday)'),
  startMinute: minuteOfDay,
  endMinute: z.number().int('must be whole minutes').min(1).max(1440),
  timezone: zone.default('UTC'),
  position: z.number().int().min(0).max(1000).default(0),
}).strict();
export type ShiftDraft = z.infer<typeof ShiftDraft>;

export const Shift = ShiftDraft.extend({ id: z.number().int() });
export type Shift = z.infer<typeof Shift>;

/** A person's own quiet hours: minutes after local midnight in `timezone`; an end before the start crosses midnight. */
export const PersonQuietHours = z.object({ enabled: z.boolean(), startMinute: minuteOfDay, endMinute: minuteOfDay, timezone: zone });
export type PersonQuietHours = z.infer<typeof PersonQuietHours>;

/**
 * How one person is paged: on attached desktops signed in as them (`desktop`, the `oncall/paged` event), and on the
 * notification channels that are theirs (email, ntfy, Pushover, Telegram, Discord…). Quiet hours hold their pages back;
 * critical incidents still page them.
 */
export const PersonSettings = z.object({
  login,
  desktop: z.boolean().default(true),
  channelIds: z.array(z.number().int().positive()).max(20).default([]),
  quietHours: PersonQuietHours.default({ enabled: false, startMinute: 22 * 60, endMinute: 7 * 60, timezone: 'UTC' }),
}).strict();
export type PersonSettings = z.infer<typeof PersonSettings>;

/** A person who can be paged, with their settings. Disabled people are never paged. */
export const OncallPerson = z.object({
  login: z.string(),
  displayName: z.string(),
  role: Role,
  disabled: z.boolean(),
  settings: PersonSettings,
});
export type OncallPerson = z.infer<typeof OncallPerson>;

/** Someone on duty now, or next: the shift and when this turn of it starts and ends (epoch ms). */
export const DutyTurn = z.object({
  login: z.string(),
  displayName: z.string(),
  shiftId: z.number().int(),
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  /** When their quiet hours hold non-critical pages back right now, until when; null otherwise. */
  quietUntil: z.number().int().nullable(),
});
export type DutyTurn = z.infer<typeof DutyTurn>;

export const oncallSchemas = {
  /** The rota and everyone who can be on it, with each person's channels and quiet hours. */
  'oncall/get-rota': {
    input: z.object({}).strict(),
    /** `me`: the caller's login when a person signed in with one (they may change their own settings); null otherwise. */
    output: z.object({ shifts: z.array(Shift), people: z.array(OncallPerson), me: z.string().nullable() }),
    write: false,
    permission: 'read',
  },
  /** Replaces the whole rota. */
  'oncall/set-rota': { input: z.object({ shifts: z.array(ShiftDraft).max(500) }).strict(), output: z.object({ shifts: z.array(Shift) }), write: true, permission: 'admin' },
  /** Who is on duty now (in rota order) and whose turns come next. */
  'oncall/list-on-duty': {
    input: z.object({}).strict(),
    output: z.object({ at: z.number().int(), now: z.array(DutyTurn), next: z.array(DutyTurn) }),
    write: false,
    permission: 'read',
  },
  // A person's channels are ids and their quiet hours: no secret.
  'oncall/get-person-settings': { input: z.object({ login }).strict(), output: z.object({ settings: PersonSettings }), write: false, permission: 'read' },
  // Changing anyone's channels or quiet hours is setup: an admin's (a person asks an admin to change their own).
  'oncall/set-person-settings': { input: PersonSettings, output: z.object({ settings: PersonSettings }), write: true, permission: 'admin' },
  /** The caller's own desktop, channels and quiet hours: an Operator signed in as a person (an Admin sets anyone's). */
  // Only the caller's own channels and quiet hours (the handler takes the login from the signed-in person). A change,
  // so never a Viewer's: an Admin sets a Viewer's for them.
  'oncall/set-my-settings': { input: PersonSettings.omit({ login: true }).strict(), output: z.object({ settings: PersonSettings }), write: true, permission: 'operate' },
} as const;
