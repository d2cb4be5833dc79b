import { z } from 'zod';
import { HttpFailure } from '../../../platform/http/types.ts';
import type { Zap, ZapierPage, ZapRun } from './mapper.ts';

const Links = z.object({ next: z.string().nullish(), prev: z.string().nullish() }).partial().nullish();
const Meta = z.object({ count: z.number().nullish(), limit: z.number().nullish(), offset: z.number().nullish() }).partial().nullish();
const Envelope = z.object({ links: Links, meta: Meta, data: z.array(z.unknown()) });

const Instant = z.string().nullish();
export const ZapRunSchema = z.object({
  id: z.union([z.string().min(1).max(200), z.number()]).transform(String),
  zap_id: z.union([z.number(), z.string().min(1).max(200)]),
  start_time: Instant.transform((v) => v ?? null),
  end_time: Instant.transform((v) => v ?? null),
  status: z.string().max(100).nullish().transform((v) => v ?? 'unknown'),
  zap_title: z.string().nullish().transform((v) => v ?? null),
  steps: z.array(z.object({ status: z.string().nullish().transform((v) => v ?? null), start_time: Instant.transform((v) => v ?? null) }))
    .nullish().transform((v) => v ?? null),
  data_in: z.unknown().optional(),
  data_out: z.unknown().optional(),
});

export const ZapSchema = z.object({
  type: z.string().optional(),
  id: z.union([z.string().min(1), z.number()]),
  is_enabled: z.boolean().nullish().transform((v) => v ?? false),
  last_successful_run_date: z.string().nullish(),
  updated_at: z.string().nullish(),
  title: z.string().nullish().transform((v) => v ?? null),
  links: z.object({ html_editor: z.string().nullish() }).partial().nullish(),
  steps: z.array(z.unknown()).optional(),
});

export interface ParsedPage<T> extends ZapierPage<T> {
  /** Items that were not recognisable (no id …), with the reason; they cannot be identified, so they are skipped. */
  rejected: string[];
}

/**
 * A list body is `{ links, meta, data }`; the docs' example wraps it in a one-element array (UNCONFIRMED which is
 * real), so both are accepted. Anything else means this is not the Zapier API (or a proxy answered).
 */
function envelope(body: unknown, what: string): z.infer<typeof Envelope> {
  const candidate = Array.isArray(body) && body.length === 1 ? body[0] : body;
  const parsed = Envelope.safeParse(candidate);
  if (!parsed.success) {
    throw new HttpFailure('bad_response',
      `The server answered ${what} without the list Zapier's API returns (expected { links, meta, data }); check the base URL.`,
      { body });
  }
  return parsed.data;
}

function readPage<S extends z.ZodType>(body: unknown, what: string, schema: S): ParsedPage<z.output<S>> {
  const env = envelope(body, what);
  const data: z.output<S>[] = [];
  const rejected: string[] = [];
  env.data.forEach((item, i) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) data.push(parsed.data);
    else rejected.push(`item ${i}: ${parsed.error.issues[0]?.path.join('.') || 'item'} ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  });
  return {
    links: { next: env.links?.next ?? null, prev: env.links?.prev ?? null },
    meta: { count: env.meta?.count ?? null, limit: env.meta?.limit ?? null, offset: env.meta?.offset ?? null },
    data,
    rejected,
  };
}

export function readRunsPage(body: unknown): ParsedPage<ZapRun> {
  return readPage(body, 'GET /v2/zap-runs', ZapRunSchema);
}

export function readZapsPage(body: unknown): ParsedPage<Zap> {
  return readPage(body, 'GET /v2/zaps', ZapSchema) as ParsedPage<Zap>;
}
