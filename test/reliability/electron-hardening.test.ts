// Property checks on top of electron/main's unit tests: no app:// path ever resolves outside the renderer
// directory, and no string ever reaches shell.openExternal unless it is an https URL with a host and no credentials.
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { resolveAppPath } from '../../electron/main/app-protocol.ts';
import { isAllowedExternalUrl, parseExternalUrl } from '../../electron/main/external-url.ts';

vi.mock('electron', () => import('../../electron/test-support/electron-fake.ts'));

const LONG = process.env['FLOWDECK_LONG'] === '1';
const RUNS = LONG ? 200_000 : 2_000;
const root = path.resolve('/opt/flowdeck/renderer');

const piece = fc.oneof(
  fc.constantFrom('..', '.', '', '%2e%2e', '%2E%2E', '%2f', '%5c', '..%2f', '%00', '\\..', '..\\', '%252e%252e', 'assets', 'index.html', '%c0%ae%c0%ae', '~', 'C:', '%E0%A4%A'),
  fc.stringMatching(/^[A-Za-z0-9._%~\\-]{0,12}$/),
);
const appPath = fc.array(piece, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`);

describe('electron hardening properties', () => {
  it(`app:// never resolves outside the renderer directory (${RUNS} paths)`, () => {
    let resolved = 0;
    fc.assert(fc.property(appPath, (p) => {
      const out = resolveAppPath(root, p);
      if (out === null) return;
      resolved++;
      expect(out === root || out.startsWith(root + path.sep), `${p} -> ${out}`).toBe(true);
    }), { numRuns: RUNS, seed: 6 });
    console.log(`electron: app:// paths=${RUNS} resolved inside root=${resolved} refused=${RUNS - resolved} escaped=0`);
  });

  it(`openExternal accepts only https URLs with a host and no credentials (${RUNS} inputs)`, () => {
    let accepted = 0;
    const input = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['https', 'http', 'ftp', 'file', 'javascript', 'data', 'smb', 'vscode', 'flowdeck'] }),
      fc.string(), fc.jsonValue(), fc.constantFrom('https://user:pw@x.y/', 'https:x.y', 'HTTPS://EXAMPLE.COM', ' https://a.b', 'https://a.b\n.evil', 'https://%00'));
    fc.assert(fc.property(input, (value) => {
      if (!isAllowedExternalUrl(value)) return;
      accepted++;
      const url = new URL(parseExternalUrl(value));
      expect(url.protocol).toBe('https:');
      expect(url.hostname).not.toBe('');
      expect(url.username + url.password).toBe('');
    }), { numRuns: RUNS, seed: 6 });
    console.log(`electron: external URLs=${RUNS} accepted=${accepted} (all https, with host, no credentials)`);
  });
});
