import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/**
 * Start at login. macOS and Windows: the OS login items (`app.setLoginItemSettings`). Linux and other XDG
 * desktops: a `flowdeck.desktop` file in `$XDG_CONFIG_HOME/autostart` (default `~/.config/autostart`).
 */
export interface AutostartContext {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** The executable to start (process.execPath); on Linux an AppImage's own path ($APPIMAGE) wins. */
  execPath: string;
  /** Extra arguments for the login start. */
  args?: readonly string[];
}

export const AUTOSTART_FILE_NAME = 'flowdeck.desktop';

const usesLoginItems = (platform: NodeJS.Platform): boolean => platform === 'darwin' || platform === 'win32';

/** `$XDG_CONFIG_HOME/autostart/flowdeck.desktop`; a relative XDG_CONFIG_HOME is ignored, as the spec says. */
export function autostartFile(context: Pick<AutostartContext, 'env' | 'homeDir'>): string {
  const configured = context.env.XDG_CONFIG_HOME;
  const configHome = configured && path.isAbsolute(configured) ? configured : path.join(context.homeDir, '.config');
  return path.join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

/**
 * One argument of a desktop entry's Exec key: bare when it only has safe characters, otherwise double-quoted
 * with `"`, `` ` ``, `$` and `\` escaped, then `\` escaped again (the value is a string first) and `%` doubled.
 * Newlines cannot be represented and are refused (they would start a new key).
 */
export function execArg(arg: string): string {
  if (/[\r\n\0]/.test(arg)) throw new Error('An autostart argument cannot contain a line break or NUL.');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg.replaceAll('%', '%%');
  const quoted = `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replaceAll('\\', '\\\\').replaceAll('%', '%%');
}

export function desktopEntry(command: string, args: readonly string[] = []): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Flowdeck',
    'Comment=Monitor your automations',
    `Exec=${[command, ...args].map(execArg).join(' ')}`,
    'Icon=flowdeck',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

function linuxCommand(context: AutostartContext): string {
  const appImage = context.env.APPIMAGE;
  return appImage && path.isAbsolute(appImage) ? appImage : context.execPath;
}

/** Whether Flowdeck is set to start at login. */
export function isStartAtLogin(context: AutostartContext): boolean {
  if (usesLoginItems(context.platform)) return app.getLoginItemSettings().openAtLogin;
  try {
    return /^X-GNOME-Autostart-enabled=true$/m.test(readFileSync(autostartFile(context), 'utf8'));
  } catch {
    return false;
  }
}

/** Turns start at login on or off. On Linux it (re)writes the entry, so a moved AppImage stays current. */
export function setStartAtLogin(enabled: boolean, context: AutostartContext): void {
  if (usesLoginItems(context.platform)) {
    app.setLoginItemSettings({ openAtLogin: enabled, args: [...(context.args ?? [])] });
    return;
  }
  const file = autostartFile(context);
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, desktopEntry(linuxCommand(context), context.args), { mode: 0o644 });
}
