/**
 * The browser's session with a served Flowdeck (serve mode only; the desktop app has none). When the connection
 * fails, the page asks the server whether this browser is still signed in: a person signed out elsewhere, disabled
 * or given a new password is sent to the sign-in page instead of retrying for ever. And "Sign out" ends the session.
 */

export interface SessionDeps {
  fetch: (url: string, init: RequestInit) => Promise<Pick<Response, 'type' | 'status'>>;
  /** Leaves the console for another page of the server. */
  go: (path: string) => void;
}

const browserDeps = (): SessionDeps => ({ fetch: (url, init) => fetch(url, init), go: (path) => window.location.assign(path) });

/**
 * After a failed connection: the server answers `/` with a redirect to /sign-in when the browser has no valid
 * session while people can sign in. Then go there. True when it did; false for anything else (the server is down,
 * or no one can sign in with a password yet), where the banner keeps retrying.
 */
export async function sendToSignInIfSignedOut(deps: SessionDeps = browserDeps()): Promise<boolean> {
  try {
    const res = await deps.fetch('/', { method: 'GET', redirect: 'manual', cache: 'no-store', credentials: 'same-origin' });
    if (res.type !== 'opaqueredirect') return false;
    deps.go('/sign-in');
    return true;
  } catch {
    return false;
  }
}

/** Ends this browser's session on the server, then opens the sign-in page (also when the server is unreachable). */
export async function signOut(deps: SessionDeps = browserDeps()): Promise<void> {
  try {
    await deps.fetch('/api/sign-out', { method: 'POST', credentials: 'same-origin', cache: 'no-store' });
  } catch {
    // Unreachable: the cookie stays, but the session ends when the server next sees it expire or is told again.
  }
  deps.go('/sign-in');
}
