export interface ShellArgs {
  demo: boolean;
  dataDir: string | null;
}

/** The app's own flags among Electron's argv (`--demo`, `--data-dir <dir>` or `--data-dir=<dir>`). */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  let demo = false;
  let dataDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--demo') demo = true;
    else if (arg === '--data-dir' && argv[i + 1]) dataDir = argv[++i] ?? null;
    else if (arg?.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length) || null;
  }
  return { demo, dataDir };
}

/**
 * Arguments for the core process: where the ledger lives, who acts, and whether to open on the demo estate; or,
 * attached, the team server it connects to instead of running its own monitor (the demo wins over attaching).
 */
export function coreArgs(options: { dataDir: string; actor: string; demo: boolean; teamServerUrl?: string | null }): string[] {
  const mode = options.demo ? ['--demo'] : options.teamServerUrl ? ['--attach', options.teamServerUrl] : [];
  return ['--data-dir', options.dataDir, '--actor', options.actor, ...mode];
}
