import { describe, expect, it } from 'vitest';
import { errorTemplate, fingerprintOf, statusFromRaw, toUtcMs } from './normalize.ts';

describe('normalisation', () => {
  it('maps vendor status words to the one enum and keeps unknown words as unknown', () => {
    expect(statusFromRaw('error')).toBe('failed');
    expect(statusFromRaw('crashed')).toBe('failed');
    // Zapier: held needs the owner; halted stopped on purpose (a filter or a search found nothing).
    expect(statusFromRaw('held')).toBe('failed');
    expect(statusFromRaw('halted')).toBe('skipped');
    expect(statusFromRaw('Cancelled')).toBe('canceled');
    expect(statusFromRaw('in_progress')).toBe('running');
    expect(statusFromRaw('in progress')).toBe('running');
    expect(statusFromRaw('new')).toBe('queued');
    expect(statusFromRaw('bananas')).toBe('unknown');
  });

  it('reads ISO text with or without a zone and epoch seconds or ms as UTC ms', () => {
    const ms = Date.UTC(2026, 3, 13, 16, 55, 18, 14);
    expect(toUtcMs('2026-04-13T16:55:18.014Z', 'x')).toBe(ms);
    expect(toUtcMs('2026-04-13T18:55:18.014+02:00', 'x')).toBe(ms);
    expect(toUtcMs('2026-04-13T16:55:18.014', 'x')).toBe(ms);
    expect(toUtcMs(ms, 'x')).toBe(ms);
    expect(toUtcMs(Math.floor(ms / 1000), 'x')).toBe(ms - 14);
    expect(toUtcMs(String(ms), 'x')).toBe(ms);
    expect(() => toUtcMs('soon', 'startedAt')).toThrow(/startedAt is not a valid date/);
    expect(() => toUtcMs('1970-01-02T00:00:00Z', 'startedAt')).toThrow(/before the year 2000/);
  });

  it('fingerprints ignore ids, numbers and timestamps but not the words', () => {
    const a = errorTemplate('Workflow 4821 failed: contact 3f2a9c1e-77aa-4b1c-9d2e-0c1b2a3d4e5f not found at 2026-11-25T10:00:00.123Z');
    const b = errorTemplate('Workflow 17 failed: contact 0a0a0a0a-1111-4b1c-9d2e-0c1b2a3d4e5f not found at 2026-11-24T08:59:59Z');
    expect(a).toBe(b);
    expect(a).toBe('Workflow <n> failed: contact <id> not found at <time>');
    expect(fingerprintOf(a)).toBe(fingerprintOf(b));
    expect(fingerprintOf(errorTemplate('Invalid email address'))).not.toBe(fingerprintOf(errorTemplate('Invalid phone number')));
    expect(errorTemplate(`Cannot read properties of undefined (reading 'email') [line 12]`))
      .toBe(`Cannot read properties of undefined (reading 'email') [line <n>]`);
    expect(errorTemplate('Rate limit hit for key "usr_8f7a6b5c4d3e2f1a"; retry in 30s')).toBe('Rate limit hit for key "<id>"; retry in <n>s');
  });
});
