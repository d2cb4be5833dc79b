import type { ConnectorKind } from '../contract/catalog.ts';
import { createGithubDriver } from './github/driver.ts';
import { createMakeDriver, makeBudgetFor } from './make/driver.ts';
import { createN8nDriver } from './n8n/driver.ts';
import type { DriverFactory } from './types.ts';
import { createZapierDriver } from './zapier/driver.ts';

export interface RateBudget {
  limit: number;
  windowMs: number;
}

/** One polled vendor: how to build its driver and the rate budget its HTTP client keeps. */
export interface VendorEntry {
  factory: DriverFactory;
  budget(options: Record<string, unknown>): RateBudget | null;
}

/**
 * kind → vendor entry. Kinds without an entry have no poller: 'push' connectors receive their runs through the
 * local receiver (core/push) and 'demo' connectors are simulated.
 */
export type DriverRegistry = Partial<Record<ConnectorKind, VendorEntry>>;

/** GitHub: 5,000 requests/hour for a personal or OAuth token (CONTRACTS.md §4). */
export const GITHUB_BUDGET: RateBudget = { limit: 5000, windowMs: 3_600_000 };
/** Zapier: 60 requests/minute per IP (CONTRACTS.md §3.1). */
export const ZAPIER_BUDGET: RateBudget = { limit: 60, windowMs: 60_000 };

/** The vendors Flowdeck polls. */
export function defaultDriverRegistry(): DriverRegistry {
  return {
    n8n: { factory: createN8nDriver, budget: () => null },
    github: { factory: createGithubDriver, budget: () => GITHUB_BUDGET },
    make: { factory: createMakeDriver, budget: (o) => makeBudgetFor(o['plan'], o['apiLimit']) },
    zapier: { factory: createZapierDriver, budget: () => ZAPIER_BUDGET },
  };
}
