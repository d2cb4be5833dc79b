import { describe, expect, it } from 'vitest';
import { createCore } from '../app.ts';
import { seedDemo } from './seed.ts';
import { fixedClock } from '../platform/clock.ts';
import { createMemoryLogger } from '../platform/logger.ts';
import { seedRegistryDemo } from './registry-seed.ts';

describe('registry demo content', () => {
  it('gives the demo versions, a correlated failure spike and findings for the main lint rules', () => {
    const now = Date.UTC(2026, 10, 25, 15, 30);
    const core = createCore({ dataDir: ':memory:', clock: fixedClock(now), logger: createMemoryLogger() });
    try {
      seedDemo(core, { now, seed: 42 });
      expect(seedRegistryDemo(core, now)).toEqual({ workflows: 4, versions: 9 });
      const leads = core.registry.repo.find('demo-n8n', '12')!;
      const detail = core.registry.detail(leads.workflowId)!;
      expect(detail.versions.map((v) => v.number)).toEqual([1, 2, 3]);
      expect(detail.versions[1]!.summary).toEqual(['Step changed: Normalise email (jsCode)']);
      expect(detail.correlations.map((c) => c.versionNumber)).toEqual([2]);
      expect(detail.correlations[0]!.message).toMatch(/^Failures began \d+ minutes after version 2/);
      const backup = core.registry.detail(core.registry.repo.find('demo-n8n', '8')!.workflowId)!;
      expect(backup.versions[1]!.summary).toContain('Setting errorWorkflow removed');
      const rules = new Set(core.registry.lint().findings.map((f) => f.rule));
      for (const r of ['naming', 'production-undocumented', 'overlapping-triggers', 'missing-error-path', 'environment-mix', 'hard-coded-secret'] as const) {
        expect(rules.has(r), r).toBe(true);
      }
    } finally {
      core.close();
    }
  });
});
