/** The renderer is served from app://flowdeck/ (a privileged, standard, secure custom scheme; never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'flowdeck';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` is a URL on our own origin (app://flowdeck/...). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}
