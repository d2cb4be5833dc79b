import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { handlerSchemas, type Method } from '../../core/contract/handlers.ts';
import { fuzzCore, LONG } from './fuzz-core.ts';
import { ledgerDb } from '../../core/store/ledger-db.ts';

const RUNS = LONG ? 600 : 30;
const methods = Object.keys(handlerSchemas) as Method[];

/** Values a real client might send, and a few it should not. */
const plausible: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('c1', 'p1', 'n8n', 'push', 'make', 'github', 'zapier', 'r1', 'w1', '1', '', ' ', 'x'.repeat(5000), '../../etc/passwd',
    'http://127.0.0.1:9', 'https://example.invalid', '2026-11-25T12:00:00Z', 'open', 'critical', '\u0000', '🙂', '__proto__', 'constructor'),
  fc.integer({ min: -10, max: 2_000_000_000_000 }), fc.constantFrom(0, 1, 7, 90, -1, 1e308, Number.MAX_SAFE_INTEGER),
  fc.boolean(), fc.constant(null),
  fc.array(fc.constantFrom('c1', 'p1', 'failed', 'success', 'w1'), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
);

function shaped(method: Method): fc.Arbitrary<unknown> {
  const shape = (handlerSchemas[method].input as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const keys = Object.keys(shape);
  if (keys.length === 0) return fc.constant({});
  return fc.record(Object.fromEntries(keys.map((k) => [k, plausible])), { requiredKeys: [] });
}

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
/** Valid inputs to mutate (methods without one still get random JSON and shape-keyed records). */
const EXAMPLES: Partial<Record<Method, Record<string, unknown>>> = {
  'runs/list-runs': { filter: { statuses: ['failed'], connectorIds: ['c1'] }, limit: 50 },
  'runs/get-run': { id: 1 },
  'connectors/test-connector': { kind: 'n8n', name: 'x', baseUrl: 'http://127.0.0.1:9', options: {}, credential: 'k' },
  'connectors/add-connector': { kind: 'n8n', name: 'fuzzed', baseUrl: 'http://127.0.0.1:9', options: {}, credential: 'k' },
  'connectors/add-push-connector': { name: 'Pushy' },
  'connectors/set-paused': { id: 'c1', paused: true },
  'connectors/set-credential': { id: 'c1', credential: 'new-key' },
  'connectors/poll-now': { id: 'c1' },
  'connectors/remove-connector': { id: 'c1' },
  'workflows/list-workflows': { connectorId: 'c1' },
  'audit/list-entries': { limit: 10 },
  'monitoring/get-overview': { from: NOW - DAY, to: NOW },
  'monitoring/get-sla': { from: NOW - 7 * DAY, to: NOW },
  'monitoring/search-errors': { query: 'Boom', limit: 10 },
  'monitoring/set-retention': { keepDays: 30 },
  'push/create-monitor': { connectorId: 'p1', slug: 'nightly', name: 'Nightly' },
  'push/get-snippets': { connectorId: 'p1' },
  'push/list-monitors': { connectorId: 'p1' },
  'incidents/list-incidents': { limit: 10 },
  'audit/search-entries': { actor: 'fuzz', limit: 5 },
  'alerts/preview-rule': { rule: {}, days: 7 },
};

/** A valid input with a few keys dropped, replaced or added (one level deep too). */
function mutated(method: Method): fc.Arbitrary<unknown> {
  const example = EXAMPLES[method];
  if (!example) return shaped(method);
  const keys = [...Object.keys(example), 'extra', '__proto__'];
  const edit = fc.record({ op: fc.constantFrom('drop', 'set', 'nested'), key: fc.constantFrom(...keys), value: plausible });
  return fc.array(edit, { maxLength: 3 }).map((edits) => {
    const out: Record<string, unknown> = structuredClone(example);
    for (const e of edits) {
      // Own properties only (a key named __proto__ stays data, as JSON.parse makes it), so the fuzzer never pollutes prototypes itself.
      if (e.op === 'drop') delete out[e.key];
      else if (e.op === 'set') Object.defineProperty(out, e.key, { value: e.value, enumerable: true, writable: true, configurable: true });
      else if (Object.hasOwn(out, e.key) && out[e.key] && typeof out[e.key] === 'object') {
        Object.defineProperty(out[e.key] as object, 'x', { value: e.value, enumerable: true, writable: true, configurable: true });
      }
    }
    return out;
  });
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).length;
const figures = { cases: 0, reachedHandler: 0, validationErrors: 0, otherErrors: 0 };
afterAll(() => {
  console.log(`fuzz contract: methods=${methods.length} cases=${figures.cases} reachedHandler=${figures.reachedHandler} ` +
    `validationErrors=${figures.validationErrors} handledErrors=${figures.otherErrors}`);
});

describe('fuzz: every contract handler answers random input with a validation error or a valid answer', () => {
  const { core, logger } = fuzzCore();
  const changes = () => (ledgerDb(core.ledger).prepare('SELECT total_changes() AS n').get() as { n: number }).n;

  it.each(methods)('%s', async (method) => {
    const schema = handlerSchemas[method];
    const failures: string[] = [];
    await fc.assert(fc.asyncProperty(fc.oneof(fc.jsonValue(), shaped(method), mutated(method)), async (input) => {
      figures.cases++;
      failures.length = 0;
      const before = changes();
      const logged = logger.lines.length;
      const result = await core.dispatcher.dispatch(method, input, { actor: 'fuzz' });
      if (result.ok) {
        figures.reachedHandler++;
        const out = schema.output.safeParse(result.output);
        if (!out.success) failures.push(`output does not match its schema for ${JSON.stringify(input)}: ${out.error.message}`);
      } else if (result.error.kind === 'validation') {
        figures.validationErrors++;
      } else {
        figures.reachedHandler++;
        figures.otherErrors++;
        if (result.error.kind === 'internal') failures.push(`internal error for ${JSON.stringify(input)}: ${JSON.stringify(logger.lines.slice(logged))}`);
      }
      if (!schema.write && changes() !== before) failures.push(`read-only method wrote to the ledger for ${JSON.stringify(input)}`);
      if (Object.getOwnPropertyNames(Object.prototype).length !== PROTO_KEYS) failures.push(`Object.prototype was polluted by ${JSON.stringify(input)}`);
      if (failures.length) throw new Error(failures.join('\n'));
    }), { numRuns: RUNS, seed: 6 });
  });
});
