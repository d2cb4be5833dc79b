import type { ConnectorKind } from '../contract/catalog.ts';
import type { Clock } from '../platform/clock.ts';
import type { HttpClient, HttpStats } from '../platform/http/types.ts';
import type { Logger } from '../platform/logger.ts';
import type { SecretStore } from '../platform/secrets/types.ts';
import { createHash } from 'node:crypto';
import { BudgetPool, type BudgetSource } from '../platform/http/rate-budget.ts';
import type { DriverRegistry, VendorEntry } from './vendors/registry.ts';
import type { ConnectorDriver } from './vendors/types.ts';
import { redact } from './vendor-words.ts';

/** What the runtime passes to the HTTP client factory (a subset of core/platform/http/client.ts options). */
export interface HttpFactoryOptions {
  baseUrl: string;
  failoverBaseUrl?: string;
  clock: Clock;
  /** The connector's own limit, or a window shared with every connector spending the same vendor limit. */
  budget: BudgetSource;
  /** The vendor does not count a 304 answer to a conditional request (GitHub). */
  notModifiedIsFree?: boolean;
  logger: Logger;
}
export type HttpFactory = (options: HttpFactoryOptions) => HttpClient & { stats(): HttpStats };

/** One connector's live driver, HTTP client and credential access. */
export interface ConnectorRuntime {
  readonly id: string;
  readonly kind: ConnectorKind;
  readonly driver: ConnectorDriver;
  stats(): HttpStats;
  /** The credential (cached after the first read); null when missing. Throws SecretStoreUnavailable. */
  credential(): Promise<string | null>;
  /** Removes any credential this runtime has seen from a text (messages, logs). */
  redact(text: string): string;
}

export interface RuntimeTarget {
  id: string;
  kind: ConnectorKind;
  name: string;
  baseUrl: string | null;
  config: Record<string, unknown>;
}

export interface RuntimeDeps {
  registry: DriverRegistry;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  createHttp: HttpFactory;
}

/** A logger that scrubs a connector's credential from every message and string field. */
function redactingLogger(logger: Logger, connectorId: string, scrub: (text: string) => string): Logger {
  const clean = (fields?: Record<string, unknown>) => {
    const out: Record<string, unknown> = { connectorId };
    for (const [k, v] of Object.entries(fields ?? {})) out[k] = typeof v === 'string' ? scrub(v) : v;
    return out;
  };
  return {
    info: (m, f) => logger.info(scrub(m), clean(f)),
    warn: (m, f) => logger.warn(scrub(m), clean(f)),
    error: (m, f) => logger.error(scrub(m), clean(f)),
  };
}

function failoverOf(config: Record<string, unknown>): string | undefined {
  const v = config['failoverUrl'];
  return typeof v === 'string' && /^https?:\/\//.test(v) ? v : undefined;
}

/** Builds and caches runtimes; `invalidate` after a credential or option change. */
export class RuntimeCache {
  private readonly deps: RuntimeDeps;
  private readonly cache = new Map<string, ConnectorRuntime>();
  /** Vendor limits shared between connectors (per organisation, token or IP address): docs/vendors.md R1. */
  private readonly budgets = new BudgetPool();

  constructor(deps: RuntimeDeps) {
    this.deps = deps;
  }

  /** True when Flowdeck has a driver for this kind (push and demo connectors have none). */
  polls(kind: ConnectorKind): boolean {
    return this.deps.registry[kind] !== undefined;
  }

  /** The stored connector's runtime (credential from the keychain), or null when its kind has no driver. */
  get(target: RuntimeTarget & { secretRef: string | null }): ConnectorRuntime | null {
    const cached = this.cache.get(target.id);
    if (cached) return cached;
    const ref = target.secretRef;
    const runtime = this.build(target, () => (ref ? this.deps.secrets.get(ref) : Promise.resolve(null)));
    if (runtime) this.cache.set(target.id, runtime);
    return runtime;
  }

  /** A throwaway runtime for "Test connection" with a credential that is not stored anywhere. */
  draft(target: RuntimeTarget, credential: string): ConnectorRuntime | null {
    return this.build(target, () => Promise.resolve(credential));
  }

  /** The rate limit a connector's requests keep (the vendor's, or the one its owner entered), or null when none. */
  limitsOf(target: Pick<RuntimeTarget, 'kind' | 'config'>): { limit: number; windowMs: number } | null {
    return this.deps.registry[target.kind]?.budget(target.config) ?? null;
  }

  peek(id: string): ConnectorRuntime | undefined {
    return this.cache.get(id);
  }

  invalidate(id: string): void {
    this.cache.delete(id);
  }

  /** The budget a connector's client spends: its own, or the window of the vendor limit it shares with others. */
  private budgetFor(entry: VendorEntry, target: RuntimeTarget, credential: () => Promise<string | null>): BudgetSource {
    const limits = entry.budget(target.config);
    const scope = limits && target.baseUrl ? entry.budgetScope?.(target.baseUrl, target.config) ?? null : null;
    if (!limits || !scope) return limits;
    if ('key' in scope) return this.budgets.get(scope.key, limits);
    // A limit per token: the token is read lazily, so the window is found at the first request. Only a short hash
    // of the token is kept as the key.
    return async () => {
      const token = (await credential()) ?? `connector:${target.id}`;
      return this.budgets.get(`${scope.perCredential}:token:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`, limits);
    };
  }

  private build(target: RuntimeTarget, read: () => Promise<string | null>): ConnectorRuntime | null {
    const entry = this.deps.registry[target.kind];
    if (!entry || !target.baseUrl) return null;
    let loaded: Promise<string | null> | null = null;
    const seen: string[] = [];
    const credential = () => {
      loaded ??= read().then((value) => {
        if (value) seen.push(value);
        return value;
      }, (error: unknown) => {
        loaded = null;
        throw error;
      });
      return loaded;
    };
    const scrub = (text: string) => redact(text, seen);
    const logger = redactingLogger(this.deps.logger, target.id, scrub);
    const failoverBaseUrl = failoverOf(target.config);
    const http = this.deps.createHttp({
      baseUrl: target.baseUrl, clock: this.deps.clock, budget: this.budgetFor(entry, target, credential), logger,
      ...(entry.notModifiedIsFree ? { notModifiedIsFree: true } : {}),
      ...(failoverBaseUrl ? { failoverBaseUrl } : {}),
    });
    const driver = entry.factory({
      config: { id: target.id, kind: target.kind, name: target.name, baseUrl: target.baseUrl, options: target.config },
      http, credential, clock: this.deps.clock, logger,
    });
    return { id: target.id, kind: target.kind, driver, stats: () => http.stats(), credential, redact: scrub };
  }
}
