import path from 'node:path';
import * as z from 'zod/mini';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/**
 * The desktop shell's own settings, in `settings.json` in the app's user-data folder. (Everything else lives in
 * the core's ledger.) Each field is validated on its own: a bad value falls back to its default, unknown keys are
 * ignored, and a missing or broken file means all defaults.
 */
export interface ShellSettings {
  /** Start Flowdeck at login. null: Flowdeck leaves the OS login items alone. */
  openAtLogin: boolean | null;
  /** Closing the window hides it to the tray (when there is a tray) instead of closing it. */
  closeToTray: boolean;
  /** Ignored (kept so older settings files still parse): the update feed comes only from the built-in app-update.yml. */
  updateFeedUrl: string | null;
  /** null: this computer runs its own monitor. A URL: this desktop is attached to that Flowdeck team server. */
  teamServerUrl: string | null;
}

export const SETTINGS_FILE_NAME = 'settings.json';

export const DEFAULT_SETTINGS: Readonly<ShellSettings> = Object.freeze({
  openAtLogin: null,
  closeToTray: false,
  updateFeedUrl: null,
  teamServerUrl: null,
});

/** An http or https address without credentials (what a team server's address may be). */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && url.hostname !== '';
  } catch {
    return false;
  }
}

const FIELDS = {
  openAtLogin: z.nullable(z.boolean()),
  closeToTray: z.boolean(),
  updateFeedUrl: z.nullable(z.string().check(z.minLength(1), z.maxLength(2048))),
  teamServerUrl: z.nullable(z.string().check(z.maxLength(2048), z.refine(isWebAddress))),
} satisfies { [K in keyof ShellSettings]: z.ZodMiniType<ShellSettings[K]> };

export function settingsFile(userDataDir: string): string {
  return path.join(userDataDir, SETTINGS_FILE_NAME);
}

export function parseSettings(raw: unknown): ShellSettings {
  const settings: ShellSettings = { ...DEFAULT_SETTINGS };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return settings;
  const record = raw as Record<string, unknown>;
  const out = settings as unknown as Record<string, unknown>;
  for (const [key, schema] of Object.entries(FIELDS)) {
    if (!(key in record)) continue;
    const parsed = schema.safeParse(record[key]);
    if (parsed.success) out[key] = parsed.data;
    else console.warn(`[flowdeck] settings: ignoring an invalid "${key}"`);
  }
  return settings;
}

export function readSettings(file: string): ShellSettings {
  return parseSettings(readJsonFile(file));
}

/** Merges `patch` into the stored settings, writes them, and returns the result. Throws on an invalid value. */
export function updateSettings(file: string, patch: Partial<ShellSettings>): ShellSettings {
  for (const [key, value] of Object.entries(patch)) {
    const schema = (FIELDS as Record<string, z.ZodMiniType>)[key];
    if (!schema?.safeParse(value).success) throw new TypeError(`Invalid setting "${key}".`);
  }
  const next: ShellSettings = { ...readSettings(file), ...patch };
  writeJsonFile(file, next);
  return next;
}
