import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { useDesktopModeStore, type DesktopModeState } from '../../../lib/desktop-mode-store.ts';
import { DesktopSection } from './DesktopSection.tsx';

// Server rendering shows the store's initial state object: the test writes the state to show into it.
const initialState = useDesktopModeStore.getInitialState();
const original = { ...initialState };
const show = (state: Partial<DesktopModeState>) => Object.assign(initialState, { activate: () => () => undefined }, state);
afterEach(() => void Object.assign(initialState, original));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('DesktopSection', () => {
  it('is not shown in a browser (serve mode)', () => {
    show({ available: false });
    expect(renderToStaticMarkup(<DesktopSection />)).toBe('');
  });

  it('running its own monitor: the choice, with nothing to save yet', () => {
    show({ available: true, loaded: true, teamServerUrl: null });
    const html = renderToStaticMarkup(<DesktopSection />);
    expect(text(html)).toContain('This desktop');
    expect(text(html)).toContain('Run its own monitor on this computer');
    expect(text(html)).toContain('This computer keeps its own history and polls your automation tools itself. Flowdeck restarts to switch.');
    expect(html).toMatch(/data-testid="desktop-mode-local"[^>]*checked=""/);
    expect(html).not.toContain('desktop-server-url');
    expect(html).toMatch(/disabled="" data-testid="desktop-mode-save"/);
  });

  it('attached and signed out: the address, the plain status and the sign-in form', () => {
    show({ available: true, loaded: true, teamServerUrl: 'https://team.example', status: { state: 'signed-out', message: 'Not signed in to the team server at team.example. Sign in to see its workflows.', login: null } });
    const html = renderToStaticMarkup(<DesktopSection />);
    expect(html).toMatch(/data-testid="desktop-mode-server"[^>]*checked=""/);
    expect(html).toContain('value="https://team.example"');
    expect(text(html)).toContain('Not signed in to the team server at team.example. Sign in to see its workflows.');
    expect(html).toContain('data-testid="desktop-sign-in"');
    expect(text(html)).toContain('This computer keeps the sign-in in its keychain, never the password.');
    expect(html).not.toContain('desktop-sign-out');
    expect(html).not.toContain('desktop-unencrypted');
  });

  it('warns when the team server is on another machine over plain http', () => {
    show({ available: true, loaded: true, teamServerUrl: 'http://10.0.0.5:7070', status: { state: 'connected', message: 'Connected.', login: 'ann' } });
    expect(renderToStaticMarkup(<DesktopSection />)).toContain('This address is not encrypted (http)');
  });

  it('attached and unreachable: says so plainly, and offers to sign out', () => {
    show({ available: true, loaded: true, teamServerUrl: 'https://team.example', status: { state: 'unreachable', message: "Can't reach the team server at team.example. Trying again in 8 s.", login: 'ann' } });
    const html = renderToStaticMarkup(<DesktopSection />);
    expect(html).toContain('desktop-status-warning');
    expect(text(html)).toContain('Can&#x27;t reach the team server at team.example. Trying again in 8 s.');
    expect(html).toContain('data-testid="desktop-sign-out"');
    expect(html).not.toContain('data-testid="desktop-sign-in"');
  });
});
