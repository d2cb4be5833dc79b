import { useState, type KeyboardEvent } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../../core/contract/permissions.ts';
import { MIN_PASSWORD_LENGTH } from '../../../../core/contract/users.ts';
import { useCan, useRole } from '../../../lib/access.ts';
import { useUsersStore, type UserOutcome } from '../people-store.ts';

/** Add a person: login, the name others see, role, and a first password (typed twice). Esc cancels. */
export function AddPersonForm({ onDone }: { onDone: (o: UserOutcome | null) => void }) {
  const add = useUsersStore((s) => s.add);
  const canAdd = useCan('users/add-user');
  const me = useRole();
  const [f, setF] = useState({ login: '', displayName: '', role: 'viewer' as Role, password: '', again: '' });
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const up = (patch: Partial<typeof f>) => setF({ ...f, ...patch });
  const submit = async () => {
    if (f.password !== f.again) return setError({ field: 'again', message: 'The two passwords differ: type the same one twice.' });
    setSaving(true);
    const r = await add(f);
    setSaving(false);
    if (r.ok) onDone(r);
    else setError(r);
  };
  const err = (field: string) => (error?.field === field ? <span className="field-error" role="alert" data-testid="person-field-error">{error.message.replace(/^[\w.]+: /, '')}</span> : null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') { e.preventDefault(); onDone(null); }
  };
  return (
    <form className="settings-form" aria-label="Add a person" data-testid="person-form" onKeyDown={onKeyDown}
      onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label className="field"><span className="field-label">Login</span>
        <input value={f.login} onChange={(e) => up({ login: e.target.value })} autoFocus autoComplete="off" spellCheck={false}
          aria-invalid={error?.field === 'login'} data-testid="person-login" />{err('login')}</label>
      <label className="field"><span className="field-label">Name others see</span>
        <input value={f.displayName} onChange={(e) => up({ displayName: e.target.value })} placeholder="the login" data-testid="person-name" />{err('displayName')}</label>
      <label className="field"><span className="field-label">Role</span>
        <select value={f.role} onChange={(e) => up({ role: e.target.value as Role })} data-testid="person-form-role">
          {ROLES.filter((r) => r !== 'owner' || me === 'owner').map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </select></label>
      <label className="field"><span className="field-label">First password</span>
        <input type="password" value={f.password} onChange={(e) => up({ password: e.target.value })} autoComplete="new-password"
          aria-invalid={error?.field === 'password'} aria-describedby="person-password-help" data-testid="person-form-password" />
        <span className="field-help" id="person-password-help">At least {MIN_PASSWORD_LENGTH} characters. Give it to them in person; they can ask an admin for a new one.</span>{err('password')}</label>
      <label className="field"><span className="field-label">Password again</span>
        <input type="password" value={f.again} onChange={(e) => up({ again: e.target.value })} autoComplete="new-password"
          aria-invalid={error?.field === 'again'} data-testid="person-form-again" />{err('again')}</label>
      {error && !['login', 'displayName', 'password', 'again'].includes(error.field ?? '') ? <p className="notice notice-error" role="alert">{error.message}</p> : null}
      <div className="incident-actions">
        <button type="submit" className="button button-primary" disabled={saving} data-testid="person-save" {...canAdd.lock}>{saving ? 'Adding…' : 'Add person'}</button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>Cancel</button>
      </div>
    </form>
  );
}
