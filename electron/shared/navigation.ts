/**
 * In-app navigations main may ask the renderer to perform (after a `flowdeck://` link): a hash route on the
 * console, exactly one of these two shapes. Main builds them; the preload re-checks before handing them on.
 */
const ID = '[A-Za-z0-9_-]{1,64}';
const NAVIGATION_ROUTE = new RegExp(`^#/(?:runs\\?run=${ID}|incidents/${ID})$`);

export function isNavigationRoute(value: unknown): value is string {
  return typeof value === 'string' && NAVIGATION_ROUTE.test(value);
}
