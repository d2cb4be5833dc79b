/**
 * How a shell starts the core process (Electron utility process, `serve`, the bench probe): the V8 heap sized for a
 * long-running background service rather than a throughput job. 4 MB semi-spaces and a 512 MB old-space ceiling keep
 * the core near 150 MB resident after 1 000 dashboard refreshes at 10 M runs, where V8's defaults let garbage from query
 * results grow it past 300 MB (`npm run bench`, core_rss_mb). 512 MB is far above the live heap (~30 MB).
 */
export const CORE_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4', '--max-old-space-size=512'];

/** glibc only: two malloc arenas instead of eight per core, so SQLite's and Buffers' freed memory is reused. */
export const CORE_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
