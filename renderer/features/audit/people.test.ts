import { describe, expect, it } from 'vitest';
import { howLine, personLabel } from './people.ts';

describe('the audit’s people', () => {
  it('are named plainly, saying what they are when they are not simply a person', () => {
    expect(personLabel({ actorId: 'user:3', actor: 'Alice Martin', actorKind: 'user' })).toBe('Alice Martin');
    expect(personLabel({ actorId: 'token:wall', actor: 'wall', actorKind: 'token' })).toBe('wall (access token)');
    expect(personLabel({ actorId: 'launch', actor: 'ann', actorKind: 'user' })).toBe('ann (launch link)');
    expect(personLabel({ actorId: 'desktop:ann', actor: 'ann', actorKind: 'desktop' })).toBe('ann (desktop app)');
    expect(personLabel({ actorId: 'os:ann', actor: 'ann', actorKind: 'user' })).toBe('ann (command line)');
    expect(personLabel({ actorId: 'system', actor: 'flowdeck', actorKind: 'system' })).toBe('Flowdeck itself (automatic)');
  });

  it('say how a change came in and from where, and nothing for older entries', () => {
    expect(howLine({ actorKind: 'user', via: 'browser', address: '192.0.2.4' })).toBe('Browser · 192.0.2.4');
    expect(howLine({ actorKind: 'token', via: 'api', address: '192.0.2.5' })).toBe('Access token · Program · 192.0.2.5');
    expect(howLine({ actorKind: 'system', via: null, address: null })).toBe('Automatic');
    expect(howLine({ actorKind: null, via: null, address: null })).toBe('');
  });
});
