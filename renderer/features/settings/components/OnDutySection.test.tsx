import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { OncallPerson, Shift } from '../../../../core/contract/oncall.ts';
import type { Role } from '../../../../core/contract/permissions.ts';
import { setDisplayTimeZone } from '../../../lib/format.ts';
import { useSystemStore } from '../../../lib/system-store.ts';
import { useOncallStore, type OncallState } from '../oncall-store.ts';
import { OnDutySection } from './OnDutySection.tsx';

// Server rendering shows a zustand store's initial state: the test writes what to show there and puts it back after.
const oncall = useOncallStore.getInitialState();
const oncallOriginal = { ...oncall };
const system = useSystemStore.getInitialState();
const systemOriginal = { ...system };
afterEach(() => {
  Object.assign(oncall, oncallOriginal);
  Object.assign(system, systemOriginal);
  setDisplayTimeZone(null);
});
const show = (state: Partial<OncallState>) => Object.assign(oncall, { loaded: true, ...state });
const as = (role: Role) => Object.assign(system, {
  status: { version: '1', demo: false, actor: 'sam', role, counts: { runs: 0, workflows: 0, connectors: 0, quarantined: 0 }, lastIngestAt: null, now: 0, storage: { state: 'ok', message: null } },
});
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const settings = (login: string) => ({ login, desktop: true, channelIds: [], quietHours: { enabled: false, startMinute: 1320, endMinute: 420, timezone: 'UTC' } });
const person = (login: string, displayName: string, more: Partial<OncallPerson> = {}): OncallPerson =>
  ({ login, displayName, role: 'operator', disabled: false, settings: settings(login), ...more });
const shift = (id: number, login: string, weekday: number, startMinute: number, endMinute: number): Shift =>
  ({ id, login, weekday, startMinute, endMinute, timezone: 'Europe/Berlin', position: 0 });
// Wednesday 25 November 2026, 12:00 UTC.
const AT = Date.UTC(2026, 10, 25, 12);

describe('OnDutySection', () => {
  it('with nobody who signs in yet, says where people come from', () => {
    show({ people: [] });
    const html = renderToStaticMarkup(<OnDutySection />);
    expect(text(html)).toContain('Nobody to put on duty yet');
    expect(html).not.toContain('data-testid="rota-add"');
  });

  it('with people but no rota, guides to the first shift and offers the form', () => {
    show({ people: [person('bo', 'Bo Berg')], duty: { at: AT, now: [], next: [] } });
    const html = renderToStaticMarkup(<OnDutySection />);
    expect(text(html)).toContain('No rota yet: add a first shift below');
    // Nobody can be on duty without a rota: the rota's own empty state says it once.
    expect(html).not.toContain('on-duty-now');
    expect(html).toContain('data-testid="rota-add"');
  });

  it('shows the week Monday first, who is on duty now, and each person\'s way to be paged', () => {
    setDisplayTimeZone('UTC');
    show({
      people: [person('bo', 'Bo Berg'), person('dee', 'Dee Ross', { disabled: true })],
      shifts: [shift(1, 'bo', 3, 540, 1020), shift(2, 'bo', 5, 1320, 360)],
      duty: { at: AT, now: [{ login: 'bo', displayName: 'Bo Berg', shiftId: 1, startsAt: AT - 4 * 3_600_000, endsAt: AT + 4 * 3_600_000, quietUntil: null }], next: [] },
    });
    const html = renderToStaticMarkup(<OnDutySection />);
    expect(text(html)).toContain('Bo Berg until 16:00, today');
    expect([...html.matchAll(/<th scope="row">(\w+)<\/th>/g)].map((m) => m[1])).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(text(html)).toContain('Bo Berg 22:00–06:00 (next day) Europe/Berlin');
    expect(html).toContain('aria-label="Remove Bo Berg’s Wednesday shift, 09:00–17:00"');
    expect(text(html)).toContain('Paged on: desktop');
    expect(text(html)).toContain('disabled, never paged');
    // A disabled person cannot be given a shift.
    expect(html).not.toMatch(/<option value="dee">/);
  });

  it('a viewer sees the rota and people, with every change locked and the reason given', () => {
    as('viewer');
    show({ people: [person('bo', 'Bo Berg')], shifts: [shift(1, 'bo', 1, 540, 1020)], duty: { at: AT, now: [], next: [] } });
    const html = renderToStaticMarkup(<OnDutySection />);
    for (const id of ['rota-remove', 'rota-add-save', 'person-edit']) {
      const b = new RegExp(`<button[^>]*data-testid="${id}"[^>]*>`).exec(html)![0];
      expect(b, id).toContain('aria-disabled="true"');
      expect(b, id).toContain('Needs an Admin');
    }
  });

  it('an operator may change their own way to be paged, and only theirs; a viewer not even theirs', () => {
    as('operator');
    show({ people: [person('bo', 'Bo Berg'), person('cy', 'Cy Park', { role: 'viewer' })], me: 'cy', shifts: [], duty: { at: AT, now: [], next: [] } });
    const html = renderToStaticMarkup(<OnDutySection />);
    const edit = (login: string) => new RegExp(`<li[^>]*data-login="${login}"[^]*?<button[^>]*data-testid="person-edit"[^>]*>`).exec(html)![0];
    expect(edit('cy')).not.toContain('aria-disabled');
    expect(edit('bo')).toContain('aria-disabled="true"');
    expect(text(html)).toContain('Cy Park (you)');
    as('viewer');
    const asViewer = renderToStaticMarkup(<OnDutySection />);
    expect(/<li[^>]*data-login="cy"[^]*?<button[^>]*data-testid="person-edit"[^>]*>/.exec(asViewer)![0]).toContain('aria-disabled="true"');
  });
});
