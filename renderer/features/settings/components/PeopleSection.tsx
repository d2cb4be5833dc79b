import { useEffect, useState } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '../../../../core/contract/permissions.ts';
import type { UserSummary } from '../../../../core/contract/users.ts';
import { formatFullDateTime } from '../../../lib/format.ts';
import { useCan, useRole } from '../../../lib/access.ts';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { useUsersStore, type UserOutcome } from '../people-store.ts';
import { AddPersonForm } from './AddPersonForm.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { SessionsList } from './SessionsList.tsx';
import '../people.css';

/** What each role may do, in the words of the Settings page (one line per role). */
export const ROLE_HELP: Record<Role, string> = {
  viewer: 'sees everything except secrets; changes nothing',
  operator: 'also acknowledges and resolves incidents, retries runs, switches workflows on and off',
  admin: 'also changes the setup: connectors, rules, channels, retention, people',
  owner: 'an admin no one else can demote or disable',
};

/** Roles a caller may hand out: only an owner makes another owner. */
const grantable = (me: Role) => ROLES.filter((r) => r !== 'owner' || me === 'owner');

function PersonRow({ user: u, onOutcome }: { user: UserSummary; onOutcome: (o: UserOutcome) => void }) {
  const me = useRole();
  const setRole = useUsersStore((s) => s.setRole);
  const setEnabled = useUsersStore((s) => s.setEnabled);
  const canRole = useCan('users/set-role');
  const canDisable = useCan('users/disable-user');
  const canEnable = useCan('users/enable-user');
  const canReset = useCan('users/reset-password');
  const canSessions = useCan('users/list-sessions');
  const [panel, setPanel] = useState<'password' | 'sessions' | null>(null);
  // Only an owner changes an owner (the core refuses the rest; this says so before the click).
  const ownerLocked = u.role === 'owner' && me !== 'owner';
  const lock = (can: ReturnType<typeof useCan>) => (ownerLocked && can.ok
    ? { 'aria-disabled': true as const, title: 'Only an owner can change an owner.', 'data-locked': 'Only an owner can change an owner.', onClickCapture: (e: { preventDefault: () => void; stopPropagation: () => void }) => { e.preventDefault(); e.stopPropagation(); } }
    : can.lock);
  const disabled = u.disabledAt !== null;
  const toggle = (p: 'password' | 'sessions') => setPanel(panel === p ? null : p);
  return (
    <li className="person" data-testid="person-row" data-login={u.login} data-disabled={disabled}>
      <div className="person-main">
        <strong>{u.displayName}</strong> <span className="muted">{u.login}</span>
        {disabled ? <span className="person-badge person-badge-off" data-testid="person-disabled">Cannot sign in since {formatFullDateTime(u.disabledAt)}</span> : null}
        <span className="muted person-seen">{u.sessions
          ? `Signed in on ${u.sessions} ${u.sessions === 1 ? 'device' : 'devices'}${u.lastSeenAt ? ` · last seen ${formatFullDateTime(u.lastSeenAt)}` : ''}`
          : 'Not signed in'}</span>
      </div>
      <div className="person-actions">
        <label className="person-role"><span className="person-sr">Role of {u.displayName}</span>
          <select value={u.role} data-testid="person-role" {...lock(canRole)} aria-describedby={`role-help-${u.id}`}
            onChange={(e) => { if (canRole.ok && !ownerLocked) void setRole(u.login, e.target.value as Role).then(onOutcome); }}>
            {(grantable(me).includes(u.role) ? grantable(me) : [u.role, ...grantable(me)]).map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
          <span id={`role-help-${u.id}`} className="person-sr">{ROLE_HELP[u.role]}</span>
        </label>
        <button type="button" className="button button-small" aria-expanded={panel === 'sessions'} data-testid="person-sessions" {...canSessions.lock}
          onClick={() => toggle('sessions')}>Where signed in</button>
        <button type="button" className="button button-small" aria-expanded={panel === 'password'} data-testid="person-password" {...lock(canReset)}
          onClick={() => toggle('password')}>New password</button>
        {disabled
          ? <button type="button" className="button button-small" data-testid="person-enable" {...lock(canEnable)}
            onClick={() => void setEnabled(u.login, true).then(onOutcome)}>Let sign in again</button>
          : <ConfirmButton label="Disable" danger testId="person-disable" can={ownerLocked ? { ok: false, reason: 'Only an owner can change an owner.', lock: lock(canDisable) } : canDisable}
            question={`Disable ${u.displayName}? They are signed out everywhere at once.`} onConfirm={() => void setEnabled(u.login, false).then(onOutcome)} />}
      </div>
      {panel === 'password' ? <PasswordForm user={u} onDone={(o) => { if (o) onOutcome(o); setPanel(null); }} /> : null}
      {panel === 'sessions' ? <SessionsList user={u} onOutcome={onOutcome} /> : null}
    </li>
  );
}

/**
 * People (issue #15): who signs in to this Flowdeck when it is served to the team, with what role, and where they
 * are signed in. Admins add people, change roles, disable them and end their sessions; everyone else sees the list.
 */
export function PeopleSection() {
  const users = useUsersStore((s) => s.users);
  const error = useUsersStore((s) => s.error);
  const activate = useUsersStore((s) => s.activate);
  const canAdd = useCan('users/add-user');
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<UserOutcome | null>(null);
  useEffect(() => activate(), [activate]);
  return (
    <section data-testid="people" aria-labelledby="people-title">
      <header className="section-head">
        <h2 id="people-title">People</h2>
        {!adding ? <button type="button" className="button button-small" data-testid="person-new" {...canAdd.lock} onClick={() => { setOutcome(null); setAdding(true); }}>Add person</button> : null}
      </header>
      <p className="muted">People sign in to the served console (<code>flowdeck serve</code>) with their login and password. What each role may do:</p>
      <ul className="role-help muted" data-testid="role-help">
        {ROLES.map((r) => <li key={r}><strong>{ROLE_LABELS[r]}</strong> {ROLE_HELP[r]}</li>)}
      </ul>
      {adding ? <AddPersonForm onDone={(o) => { setAdding(false); if (o) setOutcome(o); }} /> : null}
      {outcome ? <p className={outcome.ok ? 'notice' : 'notice notice-error'} role={outcome.ok ? 'status' : 'alert'} data-testid="people-outcome">{outcome.message}</p> : null}
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      {users && users.length === 0 && !adding
        ? <p className="muted people-empty" data-testid="people-empty">No one can sign in yet. {canAdd.ok
          ? 'Add the people of your team, each with the role that fits their work. They sign in at this console’s address.'
          : 'Ask an admin to add you and your team.'}</p>
        : null}
      {users?.length ? <ul className="people-list">{users.map((u) => <PersonRow key={u.id} user={u} onOutcome={setOutcome} />)}</ul> : null}
    </section>
  );
}
