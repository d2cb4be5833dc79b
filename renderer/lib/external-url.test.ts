import { afterEach, describe, expect, it, vi } from 'vitest';
import { openExternalViaBridge, safeExternalUrl } from './external-url.ts';

describe('safeExternalUrl', () => {
  it('keeps web links', () => {
    expect(safeExternalUrl('https://n8n.example.com/workflow/4/executions/9')).toBe('https://n8n.example.com/workflow/4/executions/9');
    expect(safeExternalUrl('http://localhost:5678/x')).toBe('http://localhost:5678/x');
  });

  it('drops anything that is not http(s) or not a URL', () => {
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('file:///etc/passwd')).toBeNull();
    expect(safeExternalUrl('not a url')).toBeNull();
    expect(safeExternalUrl(null)).toBeNull();
  });
});

describe('openExternalViaBridge', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('leaves the click to the browser when there is no bridge', () => {
    expect(openExternalViaBridge('https://example.com')).toBe(false);
  });

  it('hands the URL to the Electron bridge and swallows its refusal', async () => {
    const openExternal = vi.fn(() => Promise.reject(new Error('refused')));
    vi.stubGlobal('window', { flowdeck: { openExternal, connectCore: vi.fn(), platform: 'linux' } });
    expect(openExternalViaBridge('https://example.com/run/1')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.com/run/1');
    await Promise.resolve();
  });
});
