import { useEffect } from 'react';
import type { UserSummary } from '../../../../core/contract/users.ts';
import { formatFullDateTime } from '../../../lib/format.ts';
import { useCan } from '../../../lib/access.ts';
import { useUsersStore, type UserOutcome } from '../people-store.ts';

/** A short, plain name for where a session is: the browser or the desktop app, from its user agent. */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  if (/Electron|Flowdeck/i.test(userAgent)) return 'Flowdeck desktop';
  if (/node|undici/i.test(userAgent)) return 'A program (API)';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome'
    : /Safari\//.test(userAgent) ? 'Safari' : 'A browser';
  const os = /Windows/.test(userAgent) ? 'Windows' : /Mac OS X|Macintosh/.test(userAgent) ? 'macOS' : /Android/.test(userAgent) ? 'Android'
    : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  return os ? `${browser} on ${os}` : browser;
}

/** Where a person is signed in, each with "Sign out there". */
export function SessionsList({ user, onOutcome }: { user: UserSummary; onOutcome: (o: UserOutcome) => void }) {
  const sessions = useUsersStore((s) => s.sessions[user.login]);
  const load = useUsersStore((s) => s.loadSessions);
  const end = useUsersStore((s) => s.endSession);
  const canEnd = useCan('users/revoke-session');
  const canList = useCan('users/list-sessions');
  // The button that opens this list is locked without the permission; the list never asks then either.
  useEffect(() => { if (canList.ok) void load(user.login); }, [load, user.login, user.sessions, canList.ok]);
  if (!canList.ok) return <p className="muted person-panel">{canList.reason}</p>;
  if (sessions === undefined || sessions === 'loading') return <p className="muted person-panel" aria-live="polite">Looking up where {user.displayName} is signed in…</p>;
  if ('error' in sessions) return <p className="notice notice-error person-panel" role="alert">{sessions.error}</p>;
  if (!sessions.length) return <p className="muted person-panel" data-testid="sessions-empty">{user.displayName} is not signed in anywhere.</p>;
  return (
    <ul className="person-panel sessions-list" aria-label={`Where ${user.displayName} is signed in`} data-testid="sessions-list">
      {sessions.map((s) => (
        <li key={s.id} data-testid="session-row">
          <span><strong>{deviceName(s.userAgent)}</strong>{s.address ? <span className="muted"> · from {s.address}</span> : null}</span>
          <span className="muted">signed in {formatFullDateTime(s.createdAt)} · last used {formatFullDateTime(s.lastSeenAt)}</span>
          <button type="button" className="button button-small" data-testid="session-end" {...canEnd.lock}
            onClick={() => void end(user.login, s.id).then(onOutcome)}>Sign out there</button>
        </li>
      ))}
    </ul>
  );
}
