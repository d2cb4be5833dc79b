import { describe, expect, it, vi } from 'vitest';
import { afterSign, notarizeOptions } from '../build/notarize.mjs';

// The electron-builder afterSign hook (build/notarize.mjs): env-driven, a no-op without credentials.

const mac = { electronPlatformName: 'darwin', appOutDir: '/tmp/release/mac-arm64', packager: { appInfo: { productFilename: 'Flowdeck' } } };
const appPath = '/tmp/release/mac-arm64/Flowdeck.app';

describe('notarize hook', () => {
  it('is a no-op without APPLE_* credentials (and on other platforms)', async () => {
    const notarize = vi.fn(async () => undefined);
    const log = vi.fn();
    await expect(afterSign(mac, { env: {}, notarize, log })).resolves.toBe('skipped');
    await expect(afterSign({ ...mac, electronPlatformName: 'linux' }, { env: { APPLE_ID: 'a' }, notarize, log })).resolves.toBe('skipped');
    expect(notarize).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('notarize: skipped'));
  });

  it('notarises with an Apple ID, an API key or a keychain profile', async () => {
    const notarize = vi.fn(async () => undefined);
    const env = { APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh', APPLE_TEAM_ID: 'TEAM123' };
    await expect(afterSign(mac, { env, notarize, log: () => undefined })).resolves.toBe('notarized');
    expect(notarize).toHaveBeenCalledWith({ tool: 'notarytool', appPath, appleId: 'dev@example.com', appleIdPassword: 'abcd-efgh', teamId: 'TEAM123' });
    expect(notarizeOptions({ APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'KID', APPLE_API_ISSUER: 'ISS' }, appPath)).toEqual({
      tool: 'notarytool', appPath, appleApiKey: '/k.p8', appleApiKeyId: 'KID', appleApiIssuer: 'ISS',
    });
    expect(notarizeOptions({ APPLE_KEYCHAIN_PROFILE: 'flowdeck' }, appPath)).toEqual({ tool: 'notarytool', appPath, keychainProfile: 'flowdeck' });
  });

  it('fails the build on a partial set of credentials instead of shipping un-notarised', async () => {
    expect(() => notarizeOptions({ APPLE_ID: 'dev@example.com' }, appPath)).toThrow(/APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID missing/);
    await expect(afterSign(mac, { env: { APPLE_API_KEY: '/k.p8' }, notarize: vi.fn(), log: () => undefined })).rejects.toThrow(/APPLE_API_KEY_ID/);
  });
});
