/**
 * The plain HTML pages of serve mode that come before the console: signing in, and creating the owner on first run.
 * No script at all; the look comes from SIGN_IN_CSS (served at /sign-in.css), light or dark as the system prefers.
 */
export const SIGN_IN_CSS_PATH = '/sign-in.css';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escape(title)} · Flowdeck</title>
<link rel="stylesheet" href="${SIGN_IN_CSS_PATH}">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const problem = (message: string | null) => (message ? `<p class="problem" role="alert">${escape(message)}</p>\n` : '');

export function signInPage(p: { login?: string; message?: string | null; anyone: boolean }): string {
  if (!p.anyone) {
    return page('Sign in', `<h1>Sign in to Flowdeck</h1>
<p>Nobody can sign in with a password yet. Open the link that <code>flowdeck serve</code> printed when it started, and
create the owner there, or run <code>flowdeck users add &lt;login&gt; --role owner</code> on the server.</p>`);
  }
  return page('Sign in', `<h1>Sign in to Flowdeck</h1>
${problem(p.message ?? null)}<form method="post" action="/sign-in">
<label for="login">Login</label>
<input id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="${escape(p.login ?? '')}"${p.login ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256"${p.login ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
<p class="hint">Forgotten your password? Ask an admin of this Flowdeck to set a new one.</p>`);
}

export function firstRunPage(p: { login?: string; name?: string; message?: string | null }): string {
  return page('Create the owner', `<h1>Welcome to Flowdeck</h1>
<p>Nobody can sign in here yet. Create the owner: the person who runs this Flowdeck. The owner adds the rest of the
team later, each with their own login and role.</p>
${problem(p.message ?? null)}<form method="post" action="/first-run">
<label for="login">Login</label>
<input id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="${escape(p.login ?? '')}" autofocus>
<label for="name">Your name <span class="hint">(shown to the team and in the audit)</span></label>
<input id="name" name="name" autocomplete="name" maxlength="80" value="${escape(p.name ?? '')}">
<label for="password">Password <span class="hint">(at least 10 characters; a few words together are easy to remember)</span></label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="10" maxlength="256">
<label for="again">Password again</label>
<input id="again" name="again" type="password" autocomplete="new-password" required minlength="10" maxlength="256">
<button type="submit">Create the owner and sign in</button>
</form>
<p class="later"><a href="/">Not now: open the console</a> (this page comes back with the link until the owner exists)</p>`);
}

/** Shown instead of the form while an address waits after too many failed sign-ins. */
export function tooManyPage(retryAfterS: number): string {
  return page('Sign in', `<h1>Sign in to Flowdeck</h1>
${problem(`Too many failed sign-ins from this address. Try again in ${retryAfterS} s.`)}<p><a href="/sign-in">Back to sign in</a></p>`);
}

export const SIGN_IN_CSS = `:root { color-scheme: light dark; --bg: #f6f7f9; --card: #ffffff; --text: #1b1f24; --muted: #57606a;
  --line: #c9d1d9; --accent: #0b5cad; --accent-text: #ffffff; --problem-bg: #fdecea; --problem: #8a1c12; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0f1216; --card: #181c22; --text: #e6edf3; --muted: #9aa5b1; --line: #3a424d; --accent: #5aa9ff;
    --accent-text: #0b1520; --problem-bg: #3b1714; --problem: #ffb4a9; }
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { width: min(26rem, calc(100vw - 2rem)); background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 1.75rem; margin: 2rem 0; }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
p { margin: 0 0 1rem; }
label { display: block; font-weight: 600; margin: 1rem 0 0.35rem; }
input { width: 100%; font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px;
  padding: 0.55rem 0.7rem; }
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
button { margin-top: 1.4rem; width: 100%; font: inherit; font-weight: 600; border: 0; border-radius: 6px; padding: 0.65rem;
  background: var(--accent); color: var(--accent-text); cursor: pointer; }
.later { margin-top: 1.25rem; text-align: center; color: var(--muted); font-size: 0.9rem; }
.hint { color: var(--muted); font-weight: 400; font-size: 0.9rem; }
form + .hint { margin-top: 1rem; }
.problem { background: var(--problem-bg); color: var(--problem); border-radius: 6px; padding: 0.6rem 0.8rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; }
a { color: var(--accent); }
`;
