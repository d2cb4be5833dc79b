import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNavigationRoute } from '../shared/navigation.ts';
import { deepLinkRoute, findDeepLinkArg, MAX_DEEP_LINK_LENGTH, parseDeepLink } from './deep-link.ts';

describe('flowdeck:// links', () => {
  it.each([
    ['flowdeck://run/42', { kind: 'run', id: '42' }, '#/runs?run=42'],
    ['flowdeck://run/gh_run-8812/', { kind: 'run', id: 'gh_run-8812' }, '#/runs?run=gh_run-8812'],
    ['flowdeck://incident/7', { kind: 'incident', id: '7' }, '#/incidents/7'],
    ['FLOWDECK://incident/Inc_A-1', { kind: 'incident', id: 'Inc_A-1' }, '#/incidents/Inc_A-1'],
    [`flowdeck://run/${'9'.repeat(64)}`, { kind: 'run', id: '9'.repeat(64) }, `#/runs?run=${'9'.repeat(64)}`],
  ])('accepts %s', (url, link, route) => {
    const parsed = parseDeepLink(url);
    expect(parsed).toEqual(link);
    if (!parsed) return;
    expect(deepLinkRoute(parsed)).toBe(route);
    expect(isNavigationRoute(deepLinkRoute(parsed))).toBe(true);
  });

  it.each([
    ['another host', 'flowdeck://settings/1'],
    ['a look-alike host', 'flowdeck://runs/1'],
    ['a host with credentials', 'flowdeck://user:pw@run/1'],
    ['a port', 'flowdeck://run:80/1'],
    ['no id', 'flowdeck://run/'],
    ['an extra segment', 'flowdeck://run/1/delete'],
    ['path traversal', 'flowdeck://run/../incident/1'],
    ['encoded traversal', 'flowdeck://run/%2e%2e%2fsecret'],
    ['an encoded slash', 'flowdeck://run/1%2F2'],
    ['a dot segment as id', 'flowdeck://incident/..'],
    ['a query', 'flowdeck://run/1?token=abc'],
    ['query injection into the route', 'flowdeck://run/1&view=settings'],
    ['a fragment', 'flowdeck://incident/1#/settings'],
    ['a backslash', 'flowdeck://run\\1'],
    ['whitespace', 'flowdeck://run/1 --inspect'],
    ['a newline', 'flowdeck://run/1\nflowdeck://run/2'],
    ['a NUL', 'flowdeck://run/1\u0000'],
    ['unicode look-alikes', 'flowdeck://run/１２'],
    ['an overlong id', `flowdeck://run/${'a'.repeat(65)}`],
    ['an overlong URL', `flowdeck://run/1/${'a'.repeat(MAX_DEEP_LINK_LENGTH)}`],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['javascript: dressed up', 'javascript://flowdeck://run/1'],
    ['another scheme', 'https://evil.example/flowdeck://run/1'],
    ['file:', 'file:///etc/passwd'],
    ['a missing //', 'flowdeck:run/1'],
    ['a triple slash', 'flowdeck:///run/1'],
    ['leading space', ' flowdeck://run/1'],
    ['empty', ''],
    ['a non-string', { toString: (): string => 'flowdeck://run/1' }],
  ])('rejects %s', (_name, url) => {
    expect(parseDeepLink(url)).toBeNull();
  });

  it('never yields anything but a well-formed route, whatever the input', () => {
    const near = fc.oneof(
      fc.string(),
      fc.string().map((s) => `flowdeck://${s}`),
      fc.string().map((s) => `flowdeck://run/${s}`),
      fc.string().map((s) => `flowdeck://incident/${s}`),
    );
    fc.assert(
      fc.property(near, (url) => {
        const link = parseDeepLink(url);
        if (link) expect(isNavigationRoute(deepLinkRoute(link))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the link among command-line arguments (Windows/Linux cold start, second instance)', () => {
    expect(findDeepLinkArg(['C:\\Flowdeck\\Flowdeck.exe', '--allow-file-access', 'flowdeck://run/5'])).toBe('flowdeck://run/5');
    expect(findDeepLinkArg(['/opt/Flowdeck/flowdeck', 'Flowdeck:incident/1'])).toBe('Flowdeck:incident/1');
    expect(findDeepLinkArg(['/opt/Flowdeck/flowdeck', '--demo'])).toBeNull();
    expect(findDeepLinkArg([])).toBeNull();
  });
});
