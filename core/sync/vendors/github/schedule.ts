import { parse } from 'yaml';
import { cronProblem, timezoneProblem, type ConcreteSchedule } from '../../schedules/concrete.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for a GitHub Actions workflow definition as core/sync/vendors/github/mapper.ts stores it (`{ path, state, yaml, … }`). */
export function isGithubDefinition(def: Json): boolean {
  return 'yaml' in def && typeof def.path === 'string' && typeof def.state === 'string';
}

/** The `on.schedule` entries of a workflow file: `[{ cron, timezone? }]`; none for a string or list `on`, or bad YAML. */
function scheduleEntries(yaml: string): { cron: string; timezone: string }[] {
  let doc: unknown;
  try {
    doc = parse(yaml);
  } catch {
    return [];
  }
  // `on: push` and `on: [push, pull_request]` name events without configuration; a schedule needs its crons.
  const on = isObject(doc) ? doc.on : undefined;
  const list = isObject(on) ? on.schedule : undefined;
  if (!Array.isArray(list)) return [];
  const out: { cron: string; timezone: string }[] = [];
  for (const entry of list) {
    if (!isObject(entry) || typeof entry.cron !== 'string') continue;
    const cron = entry.cron.trim().replace(/\s+/g, ' ');
    // GitHub reads five-field POSIX cron, in UTC unless the entry names an IANA zone (a newer `timezone` key).
    const timezone = typeof entry.timezone === 'string' && timezoneProblem(entry.timezone) === null ? entry.timezone : 'UTC';
    if (cron.split(' ').length !== 5 || cronProblem(cron, timezone) !== null) continue;
    out.push({ cron, timezone });
  }
  return out;
}

/** GitHub starts a scheduled workflow at most every 5 minutes, whatever the cron says (docs/vendors.md G3). */
export const GITHUB_MIN_SCHEDULE_GAP_MS = 5 * 60_000;

/** The minutes of the hour a cron's minute field fires at; null when it cannot be read (then assume "often"). */
function minutesOf(field: string): number[] | null {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === '*' ? 0 : Number(m[1]);
    const to = m[1] === '*' ? 59 : m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? 59 : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (step < 1 || from > 59 || to > 59) return null;
    for (let k = from; k <= to; k += step) out.add(k);
  }
  return [...out].sort((a, b) => a - b);
}

/** True when the crons can fire closer together than GitHub's 5 minutes (minute fields only; hours may only widen it). */
function firesOften(crons: readonly string[]): boolean {
  const minutes = new Set<number>();
  for (const cron of crons) {
    const list = minutesOf(cron.split(' ')[0]!);
    if (list === null) return true;
    for (const k of list) minutes.add(k);
  }
  const sorted = [...minutes].sort((a, b) => a - b);
  const gaps = sorted.map((k, i) => (i === 0 ? sorted.at(-1)! - 60 : sorted[i - 1]!)).map((prev, i) => sorted[i]! - prev);
  return sorted.length > 1 && Math.min(...gaps) * 60_000 < GITHUB_MIN_SCHEDULE_GAP_MS;
}

/**
 * The schedule a GitHub Actions workflow declares in `on.schedule`: one cron, or several (a run is due at the
 * earliest). Null when the workflow is not `active` (disabled manually, for inactivity, or deleted), has no schedule,
 * or its YAML does not parse. Crons that could fire closer than 5 minutes apart carry GitHub's floor (`minGapMs`).
 * Entries in a zone other than the first entry's are dropped (rare): that only makes the
 * expectation later, never earlier. GitHub starts scheduled runs late at busy times (notably on the hour), so a
 * missed-run rule on these wants a generous grace.
 */
export function githubSchedule(def: Json): ConcreteSchedule | null {
  if (def.state !== 'active' || typeof def.yaml !== 'string') return null;
  const entries = scheduleEntries(def.yaml);
  const timezone = entries[0]?.timezone;
  if (timezone === undefined) return null;
  const crons = [...new Set(entries.filter((e) => e.timezone === timezone).map((e) => e.cron))];
  // `*/1` is not taken literally: GitHub never starts a scheduled run sooner than 5 minutes after the last one.
  const floor = firesOften(crons) ? { minGapMs: GITHUB_MIN_SCHEDULE_GAP_MS } : {};
  return crons.length === 1 ? { kind: 'cron', cron: crons[0]!, timezone, ...floor } : { kind: 'crons', crons, timezone, ...floor };
}
