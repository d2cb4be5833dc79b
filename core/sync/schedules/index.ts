import type { ExpectedSchedule } from '../../contract/alerts.ts';
import type { ConcreteSchedule } from './concrete.ts';
import { scheduleReaders } from '../vendors/registry.ts';

export { cronProblem, nextExpected, timezoneProblem, type ActiveWindow, type ConcreteSchedule } from './concrete.ts';

const MINUTE = 60_000;

/**
 * The schedule a workflow's vendor definition declares, read by the vendor's own reader (its `schedule` in the vendor
 * registry) chosen by the definition's shape (n8n nodes, a Make scenario, a GitHub workflow file). Null when it declares none or the shape is unknown.
 */
export function scheduleFromDefinition(definition: unknown): ConcreteSchedule | null {
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) return null;
  const def = definition as Record<string, unknown>;
  const reader = scheduleReaders().find((r) => r.matches(def));
  return reader ? reader.read(def) : null;
}

/** A rule's or the registry's expected schedule made concrete; `auto` reads the vendor definition. */
export function concreteSchedule(s: ExpectedSchedule, definition: unknown): ConcreteSchedule | null {
  if (s.kind === 'interval') return { kind: 'interval', everyMs: s.everyMinutes * MINUTE };
  if (s.kind === 'cron') return { kind: 'cron', cron: s.cron, timezone: s.timezone };
  return scheduleFromDefinition(definition);
}
