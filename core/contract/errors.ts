import { z } from 'zod';

/** Errors cross every transport as data. */
export const ERROR_KINDS = ['validation', 'protocol', 'auth', 'forbidden', 'unavailable', 'internal', 'timeout'] as const;

export const WireError = z.object({
  kind: z.enum(ERROR_KINDS),
  code: z.string(),
  message: z.string(),
  /** For validation errors: the path of the offending field, e.g. `filter.statuses.0`. */
  field: z.string().optional(),
});
export type WireError = z.infer<typeof WireError>;

export class CoreError extends Error {
  readonly kind: WireError['kind'];
  readonly code: string;
  readonly field: string | undefined;
  constructor(error: WireError) {
    super(error.message);
    this.name = 'CoreError';
    this.kind = error.kind;
    this.code = error.code;
    this.field = error.field;
  }
  toWire(): WireError {
    return { kind: this.kind, code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}
