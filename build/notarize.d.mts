/** Types for build/notarize.mjs (the electron-builder afterSign hook). */
export type NotarizeOptions = Record<string, string>;

export interface AfterSignContext {
  electronPlatformName: string;
  appOutDir: string;
  packager: { appInfo: { productFilename: string } };
}

export interface AfterSignDeps {
  env?: Record<string, string | undefined>;
  notarize?: (options: NotarizeOptions) => Promise<void>;
  log?: (line: string) => void;
}

export function notarizeOptions(env: Record<string, string | undefined>, appPath: string): NotarizeOptions | null;
export function afterSign(context: AfterSignContext, deps?: AfterSignDeps): Promise<'skipped' | 'notarized'>;
