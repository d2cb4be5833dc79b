import { describe, expect, it } from 'vitest';
import { POLLED_KINDS } from '../../contract/connectors.ts';
import { fixedClock } from '../../platform/clock.ts';
import { createMemoryLogger } from '../../platform/logger.ts';
import { defaultDriverRegistry } from './registry.ts';

describe('driver registry', () => {
  const registry = defaultDriverRegistry();

  it('has a poller for every polled kind and none for push or demo', () => {
    expect(Object.keys(registry).sort()).toEqual([...POLLED_KINDS].sort());
    expect(registry.push).toBeUndefined();
    expect(registry.demo).toBeUndefined();
  });

  it('gives each vendor its documented rate budget', () => {
    expect(registry.n8n!.budget({})).toBeNull();
    expect(registry.make!.budget({ plan: 'pro' })).toEqual({ limit: 120, windowMs: 60_000 });
    expect(registry.make!.budget({})).toEqual({ limit: 60, windowMs: 60_000 });
    expect(registry.github!.budget({})).toEqual({ limit: 5000, windowMs: 3_600_000 });
    expect(registry.zapier!.budget({})).toEqual({ limit: 60, windowMs: 60_000 });
  });

  it('builds a driver of the right kind from the connector deps', () => {
    for (const kind of POLLED_KINDS) {
      const driver = registry[kind]!.factory({
        config: { id: 'c1', kind, name: 'c', baseUrl: 'https://vendor.example.test', options: { organizationId: 1, repos: 'a/b' } },
        http: { request: () => Promise.reject(new Error('offline')) },
        credential: async () => 'key', clock: fixedClock(0), logger: createMemoryLogger(),
      });
      expect(driver.kind).toBe(kind);
    }
  });
});
