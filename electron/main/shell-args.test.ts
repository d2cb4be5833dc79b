import { describe, expect, it } from 'vitest';
import { coreArgs, parseShellArgs } from './shell-args.ts';

describe('shell args', () => {
  it('finds --demo and --data-dir among Electron argv', () => {
    expect(parseShellArgs(['/usr/bin/electron', '.', '--demo'])).toEqual({ demo: true, dataDir: null });
    expect(parseShellArgs(['flowdeck', '--data-dir', '/d'])).toEqual({ demo: false, dataDir: '/d' });
    expect(parseShellArgs(['flowdeck', '--data-dir=/e', '--no-sandbox'])).toEqual({ demo: false, dataDir: '/e' });
    expect(parseShellArgs(['flowdeck', '--data-dir'])).toEqual({ demo: false, dataDir: null });
  });

  it('builds the core arguments', () => {
    expect(coreArgs({ dataDir: '/d', actor: 'ann', demo: false })).toEqual(['--data-dir', '/d', '--actor', 'ann']);
    expect(coreArgs({ dataDir: '/d', actor: 'ann', demo: true })).toEqual(['--data-dir', '/d', '--actor', 'ann', '--demo']);
    expect(coreArgs({ dataDir: '/d', actor: 'ann', demo: false, teamServerUrl: 'https://team.example' }))
      .toEqual(['--data-dir', '/d', '--actor', 'ann', '--attach', 'https://team.example']);
    expect(coreArgs({ dataDir: '/d', actor: 'ann', demo: true, teamServerUrl: 'https://team.example' })).toEqual(['--data-dir', '/d', '--actor', 'ann', '--demo']);
  });
});
