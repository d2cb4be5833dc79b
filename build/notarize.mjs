// electron-builder `afterSign` hook: notarises the signed macOS app with Apple's notary service.
// Driven only by environment variables; without them it does nothing (local and CI builds stay offline):
//   APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID        (Apple ID with an app-specific password), or
//   APPLE_API_KEY (path to the .p8) + APPLE_API_KEY_ID + APPLE_API_ISSUER   (App Store Connect API key), or
//   APPLE_KEYCHAIN_PROFILE [+ APPLE_KEYCHAIN]                     (credentials stored with `notarytool store-credentials`).
// A partial set is a configuration error and fails the build rather than shipping an un-notarised app.
import path from 'node:path';

const SETS = [
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
];

/**
 * The @electron/notarize options for `appPath` from `env`, or null when no credentials are configured.
 * @param {Record<string, string | undefined>} env
 * @param {string} appPath
 * @returns {Record<string, string> | null}
 */
export function notarizeOptions(env, appPath) {
  const has = (name) => typeof env[name] === 'string' && env[name].trim() !== '';
  for (const set of SETS) {
    const present = set.filter(has);
    if (present.length === 0) continue;
    if (present.length < set.length) {
      const missing = set.filter((name) => !has(name));
      throw new Error(`notarize: ${present.join(', ')} set but ${missing.join(', ')} missing; set all of ${set.join(', ')}.`);
    }
    const [a, b, c] = set.map((name) => env[name].trim());
    return set[0] === 'APPLE_ID'
      ? { tool: 'notarytool', appPath, appleId: a, appleIdPassword: b, teamId: c }
      : { tool: 'notarytool', appPath, appleApiKey: a, appleApiKeyId: b, appleApiIssuer: c };
  }
  if (has('APPLE_KEYCHAIN_PROFILE')) {
    const keychain = has('APPLE_KEYCHAIN') ? { keychain: env.APPLE_KEYCHAIN.trim() } : {};
    return { tool: 'notarytool', appPath, keychainProfile: env.APPLE_KEYCHAIN_PROFILE.trim(), ...keychain };
  }
  return null;
}

/**
 * The hook. `notarize` is injectable for tests; by default it is @electron/notarize (installed with electron-builder).
 * @param {{ electronPlatformName: string, appOutDir: string, packager: { appInfo: { productFilename: string } } }} context
 * @param {{ env?: Record<string, string | undefined>, notarize?: (options: Record<string, string>) => Promise<void>, log?: (line: string) => void }} [deps]
 * @returns {Promise<'skipped' | 'notarized'>}
 */
export async function afterSign(context, deps = {}) {
  const { env = process.env, log = (line) => console.log(line) } = deps;
  if (context.electronPlatformName !== 'darwin') return 'skipped';
  const appPath = path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  const options = notarizeOptions(env, appPath);
  if (!options) {
    log('  • notarize: skipped (no APPLE_ID, APPLE_API_KEY or APPLE_KEYCHAIN_PROFILE in the environment)');
    return 'skipped';
  }
  const notarize = deps.notarize ?? (await import('@electron/notarize')).notarize;
  log(`  • notarize: submitting ${appPath} to Apple's notary service`);
  await notarize(options);
  log('  • notarize: done');
  return 'notarized';
}
