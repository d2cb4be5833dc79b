import { z } from 'zod';

/**
 * Messages between the desktop core (an Electron utility process) and Electron main over `process.parentPort`,
 * beside the contract's own frames: the tray's state, desktop notifications, and the tray menu's commands.
 * Serve mode and the CLI never see them.
 */

export const TrayHealth = z.enum(['ok', 'warning', 'failing']);
export type TrayHealth = z.infer<typeof TrayHealth>;

/** What the tray shows: icon (health), badge (open incidents) and tooltip (summary, plain words). */
export const TrayState = z.object({
  health: TrayHealth,
  /** Incidents not yet resolved (open or acknowledged), as the Incidents page counts them. */
  openIncidents: z.number().int().nonnegative(),
  /** Workflows whose live state needs the owner (the Overview's "Needs you" count): the app badge. */
  needsAttention: z.number().int().nonnegative(),
  summary: z.string().max(200),
  /** Notifications are paused from the tray until then (epoch ms), or null. */
  pausedUntil: z.number().int().nonnegative().nullable(),
});
export type TrayState = z.infer<typeof TrayState>;

/** Core -> main. `route` is the console's hash route to open on click (`#/incidents/<id>`, `#/runs?run=<id>`), or null. */
export const DesktopCoreMessage = z.discriminatedUnion('type', [
  TrayState.extend({ type: z.literal('tray-state') }),
  z.object({ type: z.literal('notify'), title: z.string().max(500), body: z.string().max(2000), route: z.string().max(200).nullable() }),
  /** An attached desktop (core/desktop/attach): where it stands with its team server, in one plain sentence. */
  z.object({
    type: z.literal('attach-status'), state: z.enum(['connecting', 'connected', 'unreachable', 'signed-out']),
    message: z.string().max(500), login: z.string().max(200).nullable(),
  }),
]);
export type DesktopCoreMessage = z.infer<typeof DesktopCoreMessage>;

/** Longest pause the tray may ask for. */
export const MAX_PAUSE_MINUTES = 24 * 60;

/** Main -> core: the tray menu's commands. */
export const DesktopShellMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pause-notifications'), minutes: z.number().int().min(1).max(MAX_PAUSE_MINUTES) }),
  z.object({ type: z.literal('resume-notifications') }),
]);
export type DesktopShellMessage = z.infer<typeof DesktopShellMessage>;

/**
 * Main -> an attached desktop's core process: sign in to the team server (the password passes through once and is
 * never stored; the session it gets is kept in the OS keychain), or sign out.
 */
export const AttachShellMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sign-in'), login: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
  z.object({ type: z.literal('sign-out') }),
]);
export type AttachShellMessage = z.infer<typeof AttachShellMessage>;
