import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { useConnectionStore } from '../lib/connection-store.ts';
import { useDesktopModeStore } from '../lib/desktop-mode-store.ts';
import { ConnectionBanner } from './ConnectionBanner.tsx';

// Server rendering shows a zustand store's initial state object: the test writes the state to show into it.
const connection = useConnectionStore.getInitialState();
const desktop = useDesktopModeStore.getInitialState();
const originals = [{ ...connection }, { ...desktop }] as const;
afterEach(() => {
  Object.assign(connection, originals[0]);
  Object.assign(desktop, originals[1]);
});
const lost = { status: 'lost' as const, everConnected: true, message: 'Lost connection to Flowdeck — retrying…', retryInMs: 2000 };

describe('ConnectionBanner', () => {
  it('says the connection is lost', () => {
    Object.assign(connection, { state: lost });
    expect(renderToStaticMarkup(<ConnectionBanner />)).toContain('Lost connection to Flowdeck — retrying…');
  });

  it('attached to a team server, it names the server as the attach status does', () => {
    Object.assign(connection, { state: lost });
    Object.assign(desktop, { teamServerUrl: 'https://team.example', status: { state: 'unreachable', message: 'Can’t reach the team server at team.example. Trying again in 8 s.', login: 'ann' } });
    expect(renderToStaticMarkup(<ConnectionBanner />)).toContain('Can’t reach the team server at team.example. Trying again in 8 s.');
  });

  it('signed out of the team server, it leaves the word to the sign-in form', () => {
    Object.assign(connection, { state: lost });
    Object.assign(desktop, { teamServerUrl: 'https://team.example', status: { state: 'signed-out', message: 'Not signed in.', login: null } });
    expect(renderToStaticMarkup(<ConnectionBanner />)).toBe('');
  });
});
