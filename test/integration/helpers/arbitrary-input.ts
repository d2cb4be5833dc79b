import fc from 'fast-check';
import { z } from 'zod';

/** Values a generated input draws from first: the ids, slugs and names of the objects a test seeded. */
export interface Seeds {
  numbers: readonly number[];
  strings: readonly string[];
}

type JsonSchema = {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  enum?: unknown[]; const?: unknown; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[];
  minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number; minItems?: number; maxItems?: number;
  default?: unknown;
};

function fromJson(s: JsonSchema, seeds: Seeds): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => fromJson(a, seeds)));
  if (s.allOf?.length) return fromJson(s.allOf[0]!, seeds);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      return fc.record(Object.fromEntries(props.map(([k, v]) => [k, fromJson(v, seeds)])),
        { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
    }
    case 'array':
      return fc.array(s.items ? fromJson(s.items, seeds) : fc.anything(), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) });
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
      const fit = seeds.numbers.filter((n) => n >= min && n <= max);
      const any = fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) });
      return fit.length ? fc.oneof({ arbitrary: fc.constantFrom(...fit), weight: 4 }, { arbitrary: any, weight: 1 }) : any;
    }
    case 'string':
      return seeds.strings.length ? fc.oneof({ arbitrary: fc.constantFrom(...seeds.strings), weight: 4 }, { arbitrary: fc.string({ maxLength: 20 }), weight: 1 }) : fc.string();
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.anything();
  }
}

/**
 * Inputs for a contract method, generated from its zod input schema: objects with their required keys (and some
 * optional ones), numbers and strings drawn mostly from `seeds`. Some fail validation; those answers carry no output.
 */
export function arbitraryInput(schema: z.ZodType, seeds: Seeds): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return fromJson(json, seeds);
}
