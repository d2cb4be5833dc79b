import { useState, type KeyboardEvent } from 'react';
import { MIN_PASSWORD_LENGTH, type UserSummary } from '../../../../core/contract/users.ts';
import { useCan } from '../../../lib/access.ts';
import { useUsersStore, type UserOutcome } from '../people-store.ts';

/** A new password for a person (typed twice); saving signs them out everywhere. Esc cancels. */
export function PasswordForm({ user, onDone }: { user: UserSummary; onDone: (o: UserOutcome | null) => void }) {
  const reset = useUsersStore((s) => s.resetPassword);
  const canReset = useCan('users/reset-password');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (password !== again) return setError('The two passwords differ: type the same one twice.');
    const r = await reset(user.login, password);
    if (r.ok) onDone(r);
    else setError(r.message.replace(/^[\w.]+: /, ''));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') { e.preventDefault(); onDone(null); }
  };
  return (
    <form className="settings-form person-panel" aria-label={`New password for ${user.displayName}`} data-testid="password-form" onKeyDown={onKeyDown}
      onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label className="field"><span className="field-label">New password</span>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus autoComplete="new-password"
          aria-describedby={`pw-help-${user.id}`} data-testid="password-new" /></label>
      <label className="field"><span className="field-label">Again</span>
        <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" data-testid="password-again" /></label>
      <p className="field-help" id={`pw-help-${user.id}`}>At least {MIN_PASSWORD_LENGTH} characters. {user.displayName} is signed out everywhere and signs in again with it.</p>
      {error ? <p className="notice notice-error" role="alert" data-testid="password-error">{error}</p> : null}
      <div className="incident-actions">
        <button type="submit" className="button button-primary" data-testid="password-save" {...canReset.lock}>Set password</button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>Cancel</button>
      </div>
    </form>
  );
}
