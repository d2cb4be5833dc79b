import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StatusOutput } from '../../core/contract/system.ts';
import { accessFor, accessLabel, lockReason, useCan } from './access.ts';
import { useSystemStore } from './system-store.ts';
import { AccessLevel } from '../ui/AccessLevel.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { LockedNote } from '../ui/LockedNote.tsx';

// Server rendering shows a zustand store's initial state: the tests write the caller's status there.
const initial = useSystemStore.getInitialState();
const original = { ...initial };
afterEach(() => { Object.assign(initial, original); });
const as = (role: StatusOutput['role'] | null) => Object.assign(initial, {
  status: role === null ? null : {
    version: '1.0.0', demo: false, actor: 'sam', role, counts: { runs: 0, workflows: 0, connectors: 0, quarantined: 0 },
    lastIngestAt: null, now: 0, storage: { state: 'ok', message: null },
  } satisfies StatusOutput,
});

function Probe({ method }: { method: Parameters<typeof useCan>[0] }): ReactElement {
  const can = useCan(method);
  return <button type="button" {...can.lock}>{can.ok ? 'yes' : 'no'}</button>;
}

describe('access', () => {
  it('says what is missing and who can help, in plain words', () => {
    expect(lockReason('viewer', 'incidents/acknowledge-incident')).toBe('Needs an Operator — you have view-only access. Ask the owner of this Flowdeck.');
    expect(lockReason('operator', 'alerts/save-rule')).toBe('Needs an Admin — your Operator access covers runs, incidents and workflows, not the setup. Ask the owner of this Flowdeck.');
    expect(lockReason('viewer', 'alerts/save-rule')).toBe('Needs an Admin — you have view-only access. Ask the owner of this Flowdeck.');
    expect(lockReason('operator', 'incidents/acknowledge-incident')).toBeNull();
    expect(lockReason('admin', 'registry/restore-version')).toBeNull();
    expect(lockReason('viewer', 'runs/list-runs')).toBeNull();
  });

  it('locks a button with aria-disabled, the reason and a click guard; an allowed button gets nothing', () => {
    const locked = accessFor('viewer', 'runs/retry-run');
    expect(locked).toMatchObject({ ok: false, lock: { 'aria-disabled': true, title: locked.reason, 'data-locked': locked.reason } });
    const event = { preventDefault: vi.fn(), stopPropagation: vi.fn() };
    locked.lock.onClickCapture!(event as never);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(event.stopPropagation).toHaveBeenCalled();
    expect(accessFor('owner', 'runs/retry-run')).toEqual({ ok: true, reason: null, lock: {} });
  });

  it('useCan reads the role from system/get-status; before it arrives the caller counts as the owner', () => {
    as(null);
    expect(renderToStaticMarkup(<Probe method="incidents/resolve-incident" />)).toBe('<button type="button">yes</button>');
    as('viewer');
    const html = renderToStaticMarkup(<Probe method="incidents/resolve-incident" />);
    expect(html).toContain('aria-disabled="true"');
    expect(html).toContain('title="Needs an Operator — you have view-only access. Ask the owner of this Flowdeck."');
    expect(html).toContain('>no<');
    as('operator');
    expect(renderToStaticMarkup(<Probe method="incidents/resolve-incident" />)).toContain('>yes<');
    expect(renderToStaticMarkup(<Probe method="connectors/remove-connector" />)).toContain('>no<');
  });

  it('shows the access level to everyone but the owner', () => {
    expect(accessLabel('viewer')).toBe('View only (Viewer)');
    expect(accessLabel('owner')).toBeNull();
    as('viewer');
    expect(renderToStaticMarkup(<AccessLevel />)).toContain('View only (Viewer)');
    as('owner');
    expect(renderToStaticMarkup(<AccessLevel />)).toBe('');
  });

  it('ConfirmButton and LockedNote carry the lock and say the reason once', () => {
    const can = accessFor('viewer', 'incidents/snooze-incident');
    const html = renderToStaticMarkup(<ConfirmButton label="Snooze" question="?" testId="s" onConfirm={() => undefined} can={can} />);
    expect(html).toContain('aria-disabled="true"');
    expect(html).toContain(`data-locked="${can.reason}"`);
    const note = renderToStaticMarkup(<LockedNote cans={[can, accessFor('viewer', 'incidents/resolve-incident'), accessFor('viewer', 'runs/list-runs')]} testId="n" />);
    expect(note.match(/Needs an Operator/g)).toHaveLength(1);
    // The first locked reason only: a Viewer is not told twice (Operator, then Admin).
    const both = renderToStaticMarkup(<LockedNote cans={[accessFor('viewer', 'connectors/poll-now'), accessFor('viewer', 'connectors/add-connector')]} testId="n" />);
    expect(both).toContain('Needs an Operator');
    expect(both).not.toContain('Needs an Admin');
    expect(renderToStaticMarkup(<LockedNote cans={[accessFor('owner', 'alerts/save-rule')]} testId="n" />)).toBe('');
  });
});
