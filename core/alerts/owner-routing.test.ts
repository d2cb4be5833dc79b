import { describe, expect, it } from 'vitest';
import { ownerChannelIds } from './owner-routing.ts';

const channels = [
  { id: 1, kind: 'slack' as const, name: 'Ops team', config: {} },
  { id: 2, kind: 'email' as const, name: 'Mail', config: { to: ['Ana@Example.com', 'b@example.com'] } },
  { id: 3, kind: 'desktop' as const, name: 'ana@example.com', config: {} },
  { id: 4, kind: 'webhook' as const, name: 'hook', config: { to: ['ana@example.com'] } },
];

describe('owner routing', () => {
  it('matches a channel named like the owner, or an email channel sending to the owner', () => {
    expect(ownerChannelIds(' ana@example.com ', channels)).toEqual([2, 3]);
    expect(ownerChannelIds('ops TEAM', channels)).toEqual([1]);
  });

  it('no owner or no match routes nowhere extra', () => {
    expect(ownerChannelIds(null, channels)).toEqual([]);
    expect(ownerChannelIds('  ', channels)).toEqual([]);
    expect(ownerChannelIds('carol', channels)).toEqual([]);
  });
});
