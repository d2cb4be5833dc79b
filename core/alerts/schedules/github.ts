import { parse } from 'yaml';
import { cronProblem, timezoneProblem, type ConcreteSchedule } from './concrete.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for a GitHub Actions workflow definition as core/connectors/github/mapper.ts stores it (`{ path, state, yaml, … }`). */
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

/**
 * The schedule a GitHub Actions workflow declares in `on.schedule`: one cron, or several (a run is due at the
 * earliest). Null when the workflow is not `active` (disabled manually, for inactivity, or deleted), has no schedule,
 * or its YAML does not parse. Entries in a zone other than the first entry's are dropped (rare): that only makes the
 * expectation later, never earlier. GitHub starts scheduled runs late at busy times (notably on the hour), so a
 * missed-run rule on these wants a generous grace.
 */
export function githubSchedule(def: Json): ConcreteSchedule | null {
  if (def.state !== 'active' || typeof def.yaml !== 'string') return null;
  const entries = scheduleEntries(def.yaml);
  const timezone = entries[0]?.timezone;
  if (timezone === undefined) return null;
  const crons = [...new Set(entries.filter((e) => e.timezone === timezone).map((e) => e.cron))];
  return crons.length === 1 ? { kind: 'cron', cron: crons[0]!, timezone } : { kind: 'crons', crons, timezone };
}
