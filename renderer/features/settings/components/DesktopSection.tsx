import { useEffect, useState } from 'react';
import { isUnencryptedRemote, normaliseServerUrl, useDesktopModeStore } from '../../../lib/desktop-mode-store.ts';
// Also shown outside Settings (the sign-in gate of an attached desktop), so it brings its own styles.
import '../../../ui/forms.css';
import '../settings.css';

const STATE_CLASS = { connected: 'notice desktop-status', connecting: 'notice desktop-status', unreachable: 'notice desktop-status desktop-status-warning', 'signed-out': 'notice desktop-status desktop-status-warning' } as const;

/**
 * This desktop (the desktop app only): run its own monitor, or connect to a Flowdeck team server and sign in there.
 * The choice is this computer's, so it is never locked by role; the password goes to the server once and is not kept.
 */
export function DesktopSection() {
  const { available, loaded, teamServerUrl, status, busy, error, activate, choose, signIn, signOut } = useDesktopModeStore();
  useEffect(() => activate(), [activate]);
  const [mode, setMode] = useState<'local' | 'server' | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState(false);
  if (!available) return null;
  const chosen = mode ?? (teamServerUrl ? 'server' : 'local');
  const address = url ?? teamServerUrl ?? '';
  const wanted = chosen === 'server' ? normaliseServerUrl(address) : null;
  const unchanged = chosen === 'local' ? teamServerUrl === null : wanted !== null && wanted === teamServerUrl;
  const save = () => {
    if (chosen === 'server' && wanted === null) return setInvalid(true);
    setInvalid(false);
    void choose(wanted);
  };
  return (
    <section data-testid="desktop-mode">
      <h2>This desktop</h2>
      {teamServerUrl && status ? <p className={STATE_CLASS[status.state]} role="status" data-testid="desktop-attach-status" data-state={status.state}>{status.message}</p> : null}
      {teamServerUrl && status?.state === 'signed-out' ? (
        <form className="settings-form desktop-form" data-testid="desktop-sign-in" onSubmit={(e) => { e.preventDefault(); void signIn(login.trim(), password).then(() => setPassword('')); }}>
          <label className="field"><span className="field-label">Login</span><input autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required data-testid="desktop-login" /></label>
          <label className="field"><span className="field-label">Password</span><input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required data-testid="desktop-password" /></label>
          <p className="muted">Your password goes to the team server only. This computer keeps the sign-in in its keychain, never the password.</p>
          <div className="incident-actions"><button type="submit" className="button button-primary" disabled={busy} data-testid="desktop-sign-in-submit">Sign in</button></div>
        </form>
      ) : null}
      {teamServerUrl && status && status.state !== 'signed-out' ? (
        <div className="incident-actions"><button type="button" className="button" disabled={busy} onClick={() => void signOut()} data-testid="desktop-sign-out">Sign out of the team server</button></div>
      ) : null}
      <form className="settings-form desktop-form" onSubmit={(e) => { e.preventDefault(); save(); }}>
        <fieldset className="choice-group" disabled={!loaded || busy}>
          <legend className="field-label">What this desktop shows</legend>
          <label className="check"><input type="radio" name="desktop-mode" checked={chosen === 'local'} onChange={() => setMode('local')} data-testid="desktop-mode-local" /> Run its own monitor on this computer</label>
          <label className="check"><input type="radio" name="desktop-mode" checked={chosen === 'server'} onChange={() => setMode('server')} data-testid="desktop-mode-server" /> Connect to a team server</label>
        </fieldset>
        {chosen === 'server' ? (
          <label className="field desktop-server-url"><span className="field-label">Team server address</span>
            <input type="text" inputMode="url" spellCheck={false} value={address} placeholder="https://flowdeck.example.com" onChange={(e) => setUrl(e.target.value)} aria-invalid={invalid} data-testid="desktop-server-url" /></label>
        ) : null}
        {chosen === 'server' && isUnencryptedRemote(wanted) ? (
          <p className="notice desktop-status-warning" data-testid="desktop-unencrypted">This address is not encrypted (http): your password and sign-in would cross the network where others could read them. Use the server’s https address.</p>
        ) : null}
        {invalid ? <p className="notice notice-error" role="alert">Type the address of the team server, such as https://flowdeck.example.com.</p> : null}
        <p className="muted">{chosen === 'server'
          ? 'This desktop shows the team server’s workflows and incidents, and notifies you when the server pages you. Nothing is monitored on this computer.'
          : 'This computer keeps its own history and polls your automation tools itself.'} Flowdeck restarts to switch.</p>
        <div className="incident-actions"><button type="submit" className="button button-primary" disabled={!loaded || busy || unchanged} data-testid="desktop-mode-save">Save and restart</button></div>
      </form>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
    </section>
  );
}
