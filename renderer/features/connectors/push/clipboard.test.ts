import { describe, expect, it } from 'vitest';
import { copyText, type ClipboardEnv } from './clipboard.ts';

const el = {} as HTMLElement;

describe('copyText', () => {
  it('uses the clipboard when it works', async () => {
    const written: string[] = [];
    const env: ClipboardEnv = { writeText: async (t) => { written.push(t); }, select: () => { throw new Error('not needed'); } };
    expect(await copyText('curl …', el, env)).toBe('copied');
    expect(written).toEqual(['curl …']);
  });

  it('selects the text when the clipboard is refused or missing', async () => {
    const selected: HTMLElement[] = [];
    const select = (e: HTMLElement) => { selected.push(e); return true; };
    expect(await copyText('x', el, { writeText: () => Promise.reject(new Error('NotAllowedError')), select })).toBe('selected');
    expect(await copyText('x', el, { writeText: null, select })).toBe('selected');
    expect(selected).toEqual([el, el]);
  });

  it('says so when neither works', async () => {
    expect(await copyText('x', null, { writeText: null, select: () => true })).toBe('failed');
    expect(await copyText('x', el, { writeText: null, select: () => false })).toBe('failed');
  });
});
