import type { ConnectorKind } from '../../contract/catalog.ts';
import { ACTIVEPIECES_BUDGET, createActivepiecesDriver } from './activepieces/driver.ts';
import { createGithubDriver, GITHUB_TOKEN_BUDGET } from './github/driver.ts';
import { githubSchedule, isGithubDefinition } from './github/schedule.ts';
import { createMakeDriver, makeBudgetFor } from './make/driver.ts';
import { isMakeDefinition, makeSchedule } from './make/schedule.ts';
import { createN8nDriver, n8nBudgetFor } from './n8n/driver.ts';
import { isN8nDefinition, n8nSchedule } from './n8n/schedule.ts';
import type { DriverFactory, ScheduleReader } from './types.ts';
import { createZapierDriver } from './zapier/driver.ts';

export interface RateBudget {
  limit: number;
  windowMs: number;
}

/**
 * Who shares a vendor limit: every connector with the same `key`, or (`perCredential`) every connector on the same
 * prefix using the same credential. null: the connector's budget is its own.
 */
export type BudgetScope = { key: string } | { perCredential: string } | null;

/** One polled vendor: how to build its driver, the rate budget its HTTP client keeps, and whom it shares it with. */
export interface VendorEntry {
  factory: DriverFactory;
  budget(options: Record<string, unknown>): RateBudget | null;
  budgetScope?(baseUrl: string, options: Record<string, unknown>): BudgetScope;
  /** Reads the schedule a stored workflow definition of this vendor declares (shape test first). */
  schedule?: ScheduleReader;
  /** The vendor does not count a conditional request answered 304, so it costs no budget slot (docs/vendors.md R3). */
  notModifiedIsFree?: true;
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** docs/vendors.md R2: Make limits requests per organisation (several connectors may watch one organisation's teams). */
function makeScope(baseUrl: string, options: Record<string, unknown>): BudgetScope {
  const org = options['organizationId'];
  return typeof org === 'number' || (typeof org === 'string' && org !== '') ? { key: `make:${hostOf(baseUrl)}:org:${org}` } : null;
}

/**
 * kind → vendor entry. Kinds without an entry have no poller: 'push' connectors receive their runs through the
 * local receiver (core/push) and 'demo' connectors are simulated.
 */
export type DriverRegistry = Partial<Record<ConnectorKind, VendorEntry>>;

/** Zapier: 60 requests/minute per IP address, so every Zapier connector on this machine shares it (docs/vendors.md R4). */
export const ZAPIER_BUDGET: RateBudget = { limit: 60, windowMs: 60_000 };

/** The vendors Flowdeck polls: one line per vendor. */
const VENDORS: DriverRegistry = {
  n8n: { factory: createN8nDriver, budget: (o) => n8nBudgetFor(o['requestsPerMinute']), schedule: { matches: isN8nDefinition, read: n8nSchedule } },
  github: {
    factory: createGithubDriver, budget: () => GITHUB_TOKEN_BUDGET, budgetScope: (url) => ({ perCredential: `github:${hostOf(url)}` }), notModifiedIsFree: true,
    schedule: { matches: isGithubDefinition, read: githubSchedule },
  },
  make: { factory: createMakeDriver, budget: (o) => makeBudgetFor(o['plan'], o['apiLimit']), budgetScope: makeScope, schedule: { matches: isMakeDefinition, read: makeSchedule } },
  zapier: { factory: createZapierDriver, budget: () => ZAPIER_BUDGET, budgetScope: (url) => ({ key: `zapier:${hostOf(url)}` }) },
  activepieces: { factory: createActivepiecesDriver, budget: () => ACTIVEPIECES_BUDGET },
};

/** The vendors Flowdeck polls (a copy: a host may add or replace entries, e.g. tests with a fake driver). */
export function defaultDriverRegistry(): DriverRegistry {
  return { ...VENDORS };
}

const SCHEDULE_READERS: readonly ScheduleReader[] = Object.values(VENDORS).flatMap((v) => (v?.schedule ? [v.schedule] : []));

/** Every vendor's schedule reader, in registry order (built once: schedules are read per workflow, often). */
export function scheduleReaders(): readonly ScheduleReader[] {
  return SCHEDULE_READERS;
}
