import type { ConnectorKind } from '../contract/catalog.ts';
import { createGithubDriver, GITHUB_TOKEN_BUDGET } from './github/driver.ts';
import { createMakeDriver, makeBudgetFor } from './make/driver.ts';
import { createN8nDriver } from './n8n/driver.ts';
import type { DriverFactory } from './types.ts';
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

/** The vendors Flowdeck polls. */
export function defaultDriverRegistry(): DriverRegistry {
  return {
    n8n: { factory: createN8nDriver, budget: () => null },
    github: {
      factory: createGithubDriver, budget: () => GITHUB_TOKEN_BUDGET, budgetScope: (url) => ({ perCredential: `github:${hostOf(url)}` }), notModifiedIsFree: true,
    },
    make: { factory: createMakeDriver, budget: (o) => makeBudgetFor(o['plan'], o['apiLimit']), budgetScope: makeScope },
    zapier: { factory: createZapierDriver, budget: () => ZAPIER_BUDGET, budgetScope: (url) => ({ key: `zapier:${hostOf(url)}` }) },
  };
}
